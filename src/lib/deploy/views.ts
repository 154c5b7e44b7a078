// How deployments look (the deploy area's own views, so the ui face does not load deploy): the printer-selection flags the deploy commands share, per-printer progress while
// waiting (lines on stderr, plus a one-line summary on a terminal), the final tables, and the views of
// resources and configurations.
import {Flags} from '@oclif/core'

import type {CloudClient, Configuration, ConfigurationPrinter, DeployTask, Resource, TaskPrinter, TaskStep} from '../cloud/index.js'
import {formatBytes, formatTime, Progress, renderTable, timestamp, type Column} from '../ui/index.js'
import {formatInZone, formatWindow} from './schedule.js'
import {taskPartlyFailed, watchTask} from './watch.js'

export const selectionFlags = {
  all: Flags.boolean({description: 'Every printer enrolled in the organization.', helpGroup: 'PRINTERS'}),
  printers: Flags.string({description: 'Serial numbers (comma- or space-separated); repeatable.', helpGroup: 'PRINTERS', multiple: true}),
  tag: Flags.string({description: 'Printers with this tag; repeatable.', helpGroup: 'PRINTERS', multiple: true}),
}

export const waitFlags = {
  'poll-interval': Flags.integer({default: 1000, description: 'Milliseconds between progress polls with --wait.', hidden: true, min: 100}),
  wait: Flags.boolean({description: 'Wait until every printer is done, showing per-printer progress; exit 9 when any failed.'}),
}

const FINAL = new Set(['succeeded', 'failed', 'expired'])

function stepLabel(s: TaskStep): string {
  return s.kind === 'firmware'
    ? `firmware ${s.name}`
    : s.kind === 'app'
      ? `app ${s.name}${s.version ? ` ${s.version}` : ''}`
      : `settings ${s.name}`
}

function firmwareChange(p: TaskPrinter): string {
  return p.firmwareAfter && p.firmwareAfter !== p.firmwareBefore
    ? `${p.firmwareBefore ?? 'unknown'} → ${p.firmwareAfter}`
    : (p.firmwareBefore ?? '')
}

function printerLine(p: TaskPrinter): string {
  const who = `${p.serialNumber.padEnd(12)} ${(p.modelName ?? '').padEnd(11)}`
  switch (p.status) {
    case 'running':
      return `${who} step ${p.step + 1}/${p.steps.length}: ${stepLabel(p.steps[p.step])}`
    case 'pending':
      return `${who} waiting for the printer's agent to start`
    case 'scheduled':
      return `${who} scheduled`
    case 'succeeded':
      return `${who} succeeded${p.firmwareAfter && p.firmwareAfter !== p.firmwareBefore ? ` (firmware ${firmwareChange(p)})` : ''}`
    default:
      return `${who} ${p.status.toUpperCase()}: ${p.reason ?? ''}`
  }
}

function summaryText(t: DeployTask): string {
  const s = t.summary
  if (!s) return t.detail ?? ''
  const parts = (['succeeded', 'failed', 'expired', 'running', 'pending', 'scheduled'] as const)
    .filter((k) => s[k])
    .map((k) => `${s[k]} ${k}`)
  return `${s.total} printer${s.total === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`
}

/** Per-printer progress on stderr: every step on a terminal (or --verbose), each printer's end otherwise. */
export class TaskReporter {
  private readonly progress = new Progress('Deploying')
  private readonly everyStep: boolean

  constructor(verbose: boolean) {
    this.everyStep = verbose || (Boolean(process.stderr.isTTY) && !process.env.CI)
  }

  update = (task: DeployTask, changed: TaskPrinter[]): void => {
    for (const p of changed) {
      if (!this.everyStep && !FINAL.has(p.status)) continue
      this.progress.done()
      process.stderr.write(`  ${printerLine(p)}\n`)
    }
    const s = task.summary
    if (s) {
      const done = s.succeeded + s.failed + s.expired
      this.progress.update(
        `${done}/${s.total} done · ${s.succeeded} succeeded · ${s.failed} failed${s.expired ? ` · ${s.expired} expired` : ''} · ${s.running} running`,
        done,
        s.total,
      )
    }
  }

  finish(): void {
    this.progress.done()
  }
}

const PRINTER_COLUMNS: Column<TaskPrinter>[] = [
  {get: (p) => p.serialNumber, header: 'Serial'},
  {get: (p) => p.modelName, header: 'Model'},
  {get: (p) => p.status, header: 'Status'},
  {get: (p) => `${p.steps.filter((s) => s.status === 'succeeded').length}/${p.steps.length}`, header: 'Steps'},
  {get: firmwareChange, header: 'Firmware'},
  {get: (p) => p.reason ?? '', header: 'Reason'},
]

export const TASK_COLUMNS: Column<DeployTask>[] = [
  {get: (t) => t.id, header: 'ID'},
  {get: (t) => t.kind, header: 'Kind'},
  {get: (t) => t.name ?? t.serialNumber ?? '', header: 'Name'},
  {get: (t) => t.status, header: 'Status'},
  {get: (t) => (t.summary ? summaryText(t) : (t.detail ?? '')), header: 'Detail'},
  {get: (t) => (t.schedule ? formatInZone(t.schedule.startAt, t.schedule.timeZone) : timestamp(t.createdAt)), header: 'Created / starts'},
]

/** A task's header lines (tasks show, and after a deploy). */
export function taskHeader(t: DeployTask): string {
  const lines = [
    `Task ${t.id}  ${t.name ?? t.kind}  (${t.kind})`,
    `  Status         ${t.status}${t.summary ? ` — ${summaryText(t)}` : t.detail ? ` — ${t.detail}` : ''}`,
  ]
  if (t.configurationName) lines.push(`  Configuration  ${t.configurationName}`)
  if (t.schedule) {
    lines.push(`  Starts         ${formatInZone(t.schedule.startAt, t.schedule.timeZone)}`)
    lines.push(
      `  Window         ${formatWindow(t.schedule.windowMinutes)} (printers that have not started by ${formatInZone(t.schedule.windowEndsAt, t.schedule.timeZone)} expire)`,
    )
  }
  lines.push(`  Created        ${formatTime(t.createdAt)}`)
  if (t.startedAt) lines.push(`  Started        ${formatTime(t.startedAt)}`)
  if (t.finishedAt) lines.push(`  Finished       ${formatTime(t.finishedAt)}`)
  return lines.join('\n')
}

export function renderTaskDetail(t: DeployTask): string {
  return t.printers?.length ? `${taskHeader(t)}\n\n${renderTable(t.printers, PRINTER_COLUMNS)}` : taskHeader(t)
}

/** Waits for a task (with --wait) or says how to follow it; the exit code is 9 when printers failed. */
export async function followTask(
  client: CloudClient,
  orgId: string,
  task: DeployTask,
  opts: {wait: boolean; verbose: boolean; pollMs?: number; log: (s: string) => void},
): Promise<{task: DeployTask; partial: boolean}> {
  if (!opts.wait) {
    opts.log(`${taskHeader(task)}\n\nFollow it with: lcs tasks watch ${task.id}`)
    return {partial: false, task}
  }
  if (task.status === 'scheduled' && task.schedule)
    process.stderr.write(
      `${task.name ?? task.id} is scheduled: it starts ${formatInZone(task.schedule.startAt, task.schedule.timeZone)} (window ${formatWindow(task.schedule.windowMinutes)}); waiting for it…\n`,
    )
  const reporter = new TaskReporter(opts.verbose)
  let final: DeployTask
  try {
    final = await watchTask(client, orgId, task.id, {onUpdate: reporter.update, pollMs: opts.pollMs})
  } finally {
    reporter.finish()
  }
  opts.log(renderTaskDetail(final))
  return {partial: taskPartlyFailed(final), task: final}
}

// ---- resources and configurations ----

export const RESOURCE_COLUMNS: Column<Resource>[] = [
  {get: (r) => r.name, header: 'Name'},
  {get: (r) => r.type, header: 'Type'},
  {
    get: (r) =>
      r.type === 'firmware'
        ? `${r.details.build} (${r.details.version})`
        : r.type === 'app'
          ? `${r.details.name} ${r.details.version}, ≥ ${formatBytes((r.details.minMemoryMb ?? 0) * 2 ** 20)}`
          : r.fileName,
    header: 'Content',
  },
  {get: (r) => r.description ?? '', header: 'Description'},
  {get: (r) => timestamp(r.dateModified), header: 'Modified'},
  {get: (r) => r.id, header: 'ID'},
]

export const CONFIG_COLUMNS: Column<Configuration>[] = [
  {get: (c) => c.name, header: 'Name'},
  {get: (c) => c.description ?? '', header: 'Description'},
  {
    get: (c) => [c.recommendedFirmware ? 'recommended' : '', ...c.firmware.map((f) => f.build ?? f.name)].filter(Boolean).join(', '),
    header: 'Firmware',
  },
  {get: (c) => c.apps.length, header: 'Apps'},
  {get: (c) => c.settings.length, header: 'Settings'},
  {get: (c) => (c.isDefault ? 'Yes' : 'No'), header: 'Default'},
  {get: (c) => (c.deployed ? 'Yes' : 'No'), header: 'Deployed'},
  {get: (c) => timestamp(c.dateModified), header: 'Last modified'},
]

export function configDetail(c: Configuration, printers?: ConfigurationPrinter[]): string {
  const lines = [
    `${c.name}${c.isDefault ? '  (default: deployed to newly enrolled printers)' : ''}`,
    ...(c.description ? [`  ${c.description}`] : []),
    `  Deployed     ${c.deployed ? `Yes (${formatTime(c.deployedAt)}) — it cannot be edited; copy it to change it` : 'No'}`,
    `  Firmware     ${c.recommendedFirmware ? 'recommended version for every model' : 'no recommended firmware'}`,
    ...c.firmware.map((f) => `               ${f.name}: ${f.build} for ${f.models.join(', ')}`),
    `  Apps         ${c.apps.length ? '' : 'none'}`.trimEnd(),
    ...c.apps.map(
      (a, i) =>
        `    ${i + 1}. ${a.name}${a.version && !a.name.includes(a.version) ? ` ${a.version}` : ''} (${a.source === 'catalog' ? 'catalog' : 'imported app'})`,
    ),
    `  Settings     ${c.settings.length ? '' : 'none'}`.trimEnd(),
    ...c.settings.map((s, i) => `    ${i + 1}. ${s.name} (${s.type === 'bundle' ? 'settings bundle' : 'UCF'})`),
    `  ID           ${c.id}`,
  ]
  if (printers?.length) {
    const counts = printers.reduce<Record<string, number>>((m, p) => ({...m, [p.status]: (m[p.status] ?? 0) + 1}), {})
    lines.push(
      `  Printers     ${printers.length}: ${Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}`,
    )
  }
  return lines.join('\n')
}

export const configFlags = {
  app: Flags.string({
    description:
      'An app, in deployment order: a catalog app (name or id) or an imported app resource (name); prefix catalog: or library: when a name is both. Repeatable.',
    helpGroup: 'CONTENT',
    multiple: true,
  }),
  default: Flags.boolean({
    allowNo: true,
    description: 'Make it the default configuration (deployed automatically to newly enrolled printers).',
    helpGroup: 'CONTENT',
  }),
  description: Flags.string({description: 'Description.', helpGroup: 'CONTENT'}),
  file: Flags.file({
    char: 'f',
    description:
      'A configuration file (YAML: name, description, recommendedFirmware, firmware, apps, settings, default; see docs/rollout.md).',
    exists: true,
  }),
  firmware: Flags.string({
    description: 'A firmware resource (name), at most one per model; overrides the recommended firmware for its models. Repeatable.',
    helpGroup: 'CONTENT',
    multiple: true,
  }),
  'recommended-firmware': Flags.boolean({
    allowNo: true,
    description: 'Update every model to the recommended firmware version (resolved at each deployment).',
    helpGroup: 'CONTENT',
  }),
  settings: Flags.string({
    description: 'A settings resource (UCF or bundle, name), in deployment order. Repeatable.',
    helpGroup: 'CONTENT',
    multiple: true,
  }),
}
