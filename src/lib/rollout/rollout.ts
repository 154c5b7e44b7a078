// `lcs apply -f rollout.yaml`: read and check the file, plan every section against the cloud without
// changing anything, refuse the whole file when anything is wrong (each problem with its line), then
// apply the plan phase by phase. A failed item does not stop the others, only those that depend on it;
// running the file again finishes the job, and a finished rollout plans as all "unchanged".
import {realpathSync} from 'node:fs'
import {dirname, isAbsolute, relative, resolve, sep} from 'node:path'

import type {CloudClient, DeployTask, EnrolledPrinter, TaskPrinter} from '../cloud/index.js'
import {ExitCode, LcsError, type ErrorKind} from '../errors.js'
import {indexResources, readSource, rolloutSchema, type YamlSource} from '../deploy/index.js'
import {SECTIONS} from './sections.js'
import type {Change} from '../csv/index.js'
import {itemKey, type PlanItem, type RolloutContext, type RolloutDoc} from './types.js'

interface LoadedRollout {
  source: YamlSource
  doc: RolloutDoc
}

/** Reads a rollout file and checks it against docs/rollout.schema.json (problems carry their lines). */
export async function loadRollout(path: string): Promise<LoadedRollout> {
  const source = await readSource(path)
  const doc = source.checked(rolloutSchema(), rolloutSchema(), 'rollout file') as RolloutDoc
  return {doc, source}
}

interface ContextOptions {
  client: CloudClient
  /** Folders outside the rollout file's (or its root's) that its files may be in too (--allow-outside). */
  allowOutside?: string[]
  activeOrgId: string
  wait: boolean
  pollMs?: number
  onTaskUpdate?: (task: DeployTask, changed: TaskPrinter[]) => void
}

/** The real path of an existing path (symlinks resolved), else the path itself. */
function real(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return path
  }
}

const inside = (folder: string, path: string) => {
  const r = relative(folder, path)
  return r === '' || (r !== '..' && !r.startsWith(`..${sep}`) && !isAbsolute(r))
}

/**
 * Where a rollout file reads the files it names: only under its own folder (or the folder its `root:`
 * names) and the --allow-outside folders, after symlinks are resolved — a file that names /etc/shadow, or
 * a .zip that is a symlink to it, is refused before anything is read. Returns the file's real path.
 */
export function confineFile(dir: string, root: string | undefined, allowOutside: string[]): (path: string) => string {
  const base = resolve(dir, root ?? '.')
  const folders = [base, ...allowOutside.map((f) => resolve(f))].map(real)
  return (p) => {
    const path = real(resolve(dir, p))
    if (folders.some((f) => inside(f, path))) return path
    throw new LcsError(
      'badData',
      `${p} is outside ${root === undefined ? "the rollout file's folder" : `the file's root (${base})`}${path === resolve(dir, p) ? '' : ` (it resolves to ${path})`}: a rollout file reads files only under ${base}; name another folder with root: in the file or lcs apply --allow-outside FOLDER`,
    )
  }
}

export function createContext(loaded: LoadedRollout, o: ContextOptions): RolloutContext {
  const dir = dirname(resolve(loaded.source.file))
  const confined = confineFile(dir, loaded.doc.root, o.allowOutside ?? [])
  const ctx: RolloutContext = {
    activeOrgId: o.activeOrgId,
    catalog: [],
    client: o.client,
    cloud: {configurations: [], printers: [], resources: []},
    doc: loaded.doc,
    facts: new Map(),
    ids: new Map(),
    onTaskUpdate: o.onTaskUpdate,
    orgId: o.activeOrgId,
    orgName: 'the active organization',
    pollMs: o.pollMs,
    problems: [],
    resourceIndex: new Map(),
    warnings: [],
    problem(path, message, atKey) {
      ctx.problems.push({atKey, message, path})
    },
    resolveFile: confined,
    source: loaded.source,
    wait: o.wait,
  }
  return ctx
}

/** Plans every section; throws (exit 7) with every problem, located, when the file cannot be applied as is. */
export async function planRollout(ctx: RolloutContext): Promise<PlanItem[]> {
  const items: PlanItem[] = []
  const [organization, ...rest] = SECTIONS
  items.push(...(await organization.plan(ctx)))
  // without the right organization nothing else can be planned
  if (ctx.problems.length) throw ctx.source.refuse(ctx.problems, 'rollout file')
  ctx.catalog = await ctx.client.apps.list()
  if (ctx.orgId) {
    const printers: EnrolledPrinter[] = []
    const [resources, configurations] = await Promise.all([
      ctx.client.resources.list(ctx.orgId),
      ctx.client.configs.list(ctx.orgId),
      (async () => {
        for await (const p of ctx.client.printers.list(ctx.orgId!)) printers.push(p)
      })(),
    ])
    ctx.cloud = {configurations, printers, resources}
    ctx.resourceIndex = indexResources(resources)
    if (ctx.orgName === 'the active organization') ctx.orgName = (await ctx.client.orgs.get(ctx.orgId)).name
  }
  for (const s of rest) items.push(...(await s.plan(ctx)))
  if (ctx.problems.length) throw ctx.source.refuse(ctx.problems, 'rollout file')
  return items
}

export interface FailedItem {
  kind: string
  name: string
  action: Change
  error: string
  exitCode: number
  /** Running the file again may finish it (the cloud was unavailable, printers did not take a deployment); false when what failed must be fixed first. */
  retry: boolean
}

/**
 * Whether the same file run again can do what failed: not when the cloud refused it (a conflict, bad
 * data, a missing role or user, rows of an import rejected), since it would refuse it again.
 */
export function rerunHelps(e: LcsError): boolean {
  if (e.kind === 'unavailable' || e.kind === 'interrupted' || e.kind === 'error') return true
  return e.kind === 'partial' && !e.details?.some((d) => d.line !== undefined)
}

/** The last line of an apply: what was done, and whether running the file again can finish the rest. */
export function applySummary(failed: FailedItem[], changed: number): string {
  if (!failed.length) return `Applied ${changed} change${changed === 1 ? '' : 's'}.`
  const retry = failed.filter((f) => f.retry).length
  const advice =
    retry === failed.length
      ? 'Run the file again to finish.'
      : retry === 0
        ? 'Running the file again cannot change that: fix what each failure names first.'
        : `Running the file again can finish ${retry} of them; the other ${failed.length - retry} need what their failure names fixed first.`
  return `Applied ${changed - failed.length} of ${changed} changes; ${failed.length} failed. ${advice}`
}

interface ApplyEvents {
  start?: (item: PlanItem) => void
  done?: (item: PlanItem) => void
  failed?: (item: PlanItem, error: LcsError) => void
}

/** Applies the plan phase by phase; returns the items that failed (the others are done). */
export async function applyPlan(items: PlanItem[], ctx: RolloutContext, events: ApplyEvents = {}): Promise<FailedItem[]> {
  const failed: FailedItem[] = []
  /** Failed items by key: whether a re-run can do them (what depends on one inherits it). */
  const failedKeys = new Map<string, boolean>()
  const runOne = async (item: PlanItem): Promise<void> => {
    const blocked = item.dependsOn?.find((k) => failedKeys.has(k))
    const fail = (e: LcsError, retry = rerunHelps(e)) => {
      failed.push({action: item.action, error: e.message, exitCode: e.exitCode, kind: item.kind, name: item.name, retry})
      failedKeys.set(itemKey(item.kind, item.name), retry)
      events.failed?.(item, e)
    }
    if (blocked) return fail(new LcsError('partial', `not applied: ${blocked.replace(':', ' "')}" failed`), failedKeys.get(blocked))
    events.start?.(item)
    try {
      await item.run!(ctx)
      events.done?.(item)
    } catch (error) {
      if (error instanceof LcsError && (error.kind === 'auth' || error.kind === 'interrupted')) throw error
      fail(error instanceof LcsError ? error : new LcsError('error', (error as Error).message, {cause: error}))
    }
  }
  const phases = [...new Set(items.map((i) => i.phase))].sort((a, b) => a - b)
  for (const phase of phases) {
    const todo = items.filter((i) => i.phase === phase && i.action !== 'unchanged' && i.run)
    // the organization must exist before anything else is attempted
    for (const item of todo.filter((i) => !i.parallel)) await runOne(item)
    await Promise.all(todo.filter((i) => i.parallel).map(runOne))
    if (phase === 0 && failed.length) {
      for (const item of items.filter((i) => i.phase > 0 && i.action !== 'unchanged'))
        failed.push({
          action: item.action,
          error: 'not applied: the organization could not be created',
          exitCode: ExitCode.partial,
          kind: item.kind,
          name: item.name,
          retry: failed[0].retry,
        })
      break
    }
  }
  const failedNow = new Set(failed.map((f) => itemKey(f.kind, f.name)))
  for (const item of items) if (!failedNow.has(itemKey(item.kind, item.name))) item.settle?.()
  return failed
}

/**
 * How an apply with failures ends: when none of the `changed` items was applied and every item that was
 * attempted failed the same way (the cloud unreachable: every one exit 8), that kind; else partial (9).
 * Items not attempted because what they need failed do not count.
 */
export function failureKind(failed: FailedItem[], changed: number): ErrorKind {
  const codes = new Set(failed.filter((f) => f.exitCode !== ExitCode.partial).map((f) => f.exitCode))
  if (failed.length < changed || codes.size !== 1) return 'partial'
  const [code] = codes
  return (Object.keys(ExitCode) as ErrorKind[]).find((k) => ExitCode[k] === code) ?? 'partial'
}

/** What the plan deletes: items, and rows of CSV files. */
export function deletions(items: PlanItem[]): number {
  return items.reduce((n, i) => n + (i.rows ? i.rows.delete : i.action === 'delete' ? 1 : 0), 0)
}

/** The steps of the plan that cannot be undone (they need --yes, like deletions). */
export function irreversibleSteps(items: PlanItem[]): number {
  return items.filter((i) => i.irreversible && i.action !== 'unchanged').length
}

export function counts(items: PlanItem[]): Record<Change, number> {
  const c: Record<Change, number> = {create: 0, delete: 0, unchanged: 0, update: 0}
  for (const i of items) c[i.action]++
  return c
}
