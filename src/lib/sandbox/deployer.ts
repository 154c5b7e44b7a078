// The sandbox's deploy engine: moves deployments forward in time on the simulated printers, as the
// cloud's agents would. Each printer of a deployment waits for its agent to pick the task up, then runs
// its steps in order — firmware, then apps, then settings files, each in configuration order — and stops
// at the first step that fails. A firmware step reboots the simulated printer (its SNMP agent goes
// silent) and then it reports the new firmware over SNMP and its web service. Outcomes are
// deterministic: an app needs more memory than the printer has (out of memory), a model that cannot run
// eSF apps or has no firmware in the catalog (unsupported model). A scheduled task starts at its time;
// printers whose agent has not picked it up when the window ends expire, and a task whose window passed
// before it started (the sandbox was not running) expires whole. Sandbox time runs fast: a firmware
// update takes about two seconds. State is in SQLite, so a restarted sandbox carries on.
import type {Db} from './db.js'
import type {RunningFleet} from './fleet.js'
import {baseModel, catalogApp, jitter, printerMemoryMb, recommendedFirmware, runsEsf} from './catalog.js'
import {withFirmware, type GeneratedPrinter} from './printers/models.js'
import * as store from './store/deploy.js'
import type {Step} from './store/deploy.js'

export interface DeployEngineOptions {
  db: Db
  fleet?: RunningFleet
  now?: () => number
  log?: (line: string) => void
}

export interface PrinterFacts {
  serial: string
  modelName: string | null
  firmware: string | null
}

interface AppInfo {
  name: string
  version: string
  minMemoryMb: number
  models: string[]
  source: 'catalog' | 'library' | 'file'
  resourceId?: string
}

// ---- planning: which steps a printer gets ----

/** The firmware step for a printer: a library build for its model, else the recommended one, else none. */
export function firmwareStep(p: PrinterFacts, library: store.ResourceRow[], recommended: boolean): Step | undefined {
  const model = p.modelName ?? ''
  const specific = library.find((r) =>
    (JSON.parse(r.info) as {models?: string[]}).models?.some((m) => m.toLowerCase() === model.toLowerCase()),
  )
  if (specific) {
    const info = JSON.parse(specific.info) as {build: string; version: string}
    return {
      build: info.build,
      kind: 'firmware',
      name: info.build,
      resourceId: specific.id,
      source: 'library',
      status: 'pending',
      version: info.version,
    }
  }
  if (!recommended) return undefined
  const b = recommendedFirmware(model)
  if (!b)
    return {
      build: null,
      kind: 'firmware',
      name: 'recommended firmware',
      reason: `unsupported model: the catalog has no firmware for ${model || 'this printer'}`,
      source: 'catalog',
      status: 'pending',
    }
  return {build: b.build, kind: 'firmware', name: b.build, source: 'catalog', status: 'pending', version: b.version}
}

export function appStep(a: AppInfo): Step {
  return {
    kind: 'app',
    minMemoryMb: a.minMemoryMb,
    models: a.models,
    name: a.name,
    resourceId: a.resourceId,
    source: a.source,
    status: 'pending',
    version: a.version,
  }
}

export function settingsStep(s: {name: string; source: 'library' | 'file'; resourceId?: string}): Step {
  return {kind: 'settings', name: s.name, resourceId: s.resourceId, source: s.source, status: 'pending'}
}

export function libraryApp(r: store.ResourceRow): AppInfo {
  const info = JSON.parse(r.info) as {name: string; version: string; minMemoryMb: number; models: string[]}
  return {minMemoryMb: info.minMemoryMb, models: info.models, name: info.name, resourceId: r.id, source: 'library', version: info.version}
}

/** The steps a configuration gives each printer (the recommended firmware is resolved now, at deploy time). */
export function planConfiguration(db: Db, cfg: store.ConfigRow): (p: PrinterFacts) => Step[] {
  const res = (id: string) => store.getResource(db, cfg.org_id, id)
  const firmware = (JSON.parse(cfg.firmware) as string[]).map(res).filter((r): r is store.ResourceRow => Boolean(r))
  const apps = (JSON.parse(cfg.apps) as Array<{source: 'catalog' | 'library'; id: string}>).flatMap((a): AppInfo[] => {
    if (a.source === 'catalog') {
      const c = catalogApp(a.id)
      return c ? [{minMemoryMb: c.minMemoryMb, models: c.models, name: c.name, source: 'catalog', version: c.version}] : []
    }
    const r = res(a.id)
    return r ? [libraryApp(r)] : []
  })
  const settings = (JSON.parse(cfg.settings) as string[]).map(res).filter((r): r is store.ResourceRow => Boolean(r))
  return (p) => [
    ...[firmwareStep(p, firmware, cfg.recommended_firmware === 1)].filter((s): s is Step => Boolean(s)),
    ...apps.map(appStep),
    ...settings.map((s) => settingsStep({name: s.name, resourceId: s.id, source: 'library'})),
  ]
}

// ---- running: what a step does on a printer ----

export type StepOutcome = {ok: true; note?: string; firmware?: string} | {ok: false; reason: string}

export function runStep(step: Step, p: PrinterFacts): StepOutcome {
  const model = p.modelName ?? 'unknown model'
  switch (step.kind) {
    case 'firmware':
      if (!step.build) return {ok: false, reason: step.reason ?? `unsupported model: no firmware for ${model}`}
      if (p.firmware?.toUpperCase() === step.build) return {note: `already at ${step.build}`, ok: true}
      return {firmware: step.build, note: `${p.firmware ?? 'unknown'} → ${step.build}`, ok: true}
    case 'app': {
      if (!runsEsf(model)) return {ok: false, reason: `unsupported model: the ${model} cannot run eSF applications`}
      if (!(step.models ?? []).includes(baseModel(model)))
        return {ok: false, reason: `unsupported model: ${step.name} ${step.version ?? ''} does not support the ${model}`.replace('  ', ' ')}
      const memory = printerMemoryMb(p.serial)
      if ((step.minMemoryMb ?? 0) > memory)
        return {ok: false, reason: `out of memory: ${step.name} needs ${step.minMemoryMb} MB, the printer has ${memory} MB`}
      return {note: `installed ${step.name} ${step.version ?? ''}`.trim(), ok: true}
    }
    case 'settings':
      return {note: `applied ${step.name}`, ok: true}
  }
}

/** How long a step takes in sandbox time (deterministic per printer). */
export function stepDuration(step: Step, serial: string): number {
  const j = (range: number) => jitter(`${serial}:${step.kind}:${step.name}`, range)
  return step.kind === 'firmware' ? 1200 + j(800) : step.kind === 'app' ? 300 + j(300) : 150 + j(150)
}

/** Time until a printer's agent picks a task up. */
export const pickupDelay = (serial: string): number => jitter(`pickup:${serial}`, 400)

const stepLabel = (s: Step) =>
  s.kind === 'firmware'
    ? `firmware ${s.build ?? ''}`.trim()
    : s.kind === 'app'
      ? `app ${s.name}${s.version ? ` ${s.version}` : ''}`
      : `settings ${s.name}`

export function createDeployment(db: Db, d: store.NewDeployment, now: number): store.DeploymentRow {
  return store.insertDeployment(db, d, pickupDelay, now)
}

export function summarize(counts: Record<string, number>, total: number): string {
  const parts = ['succeeded', 'failed', 'expired', 'running', 'pending', 'scheduled']
    .filter((k) => counts[k])
    .map((k) => `${counts[k]} ${k}`)
  return `${total} printer${total === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`
}

interface SimPrinter {
  address: string
  gen: GeneratedPrinter
  quirkSilent: boolean
  reboot?: NodeJS.Timeout
}

export class DeployEngine {
  readonly now: () => number
  private timer?: NodeJS.Timeout
  private readonly db: Db
  private readonly fleet?: RunningFleet
  private readonly log: (line: string) => void
  private readonly sims = new Map<string, SimPrinter>()
  /** Newly enrolled printers waiting for their organization's default configuration. */
  private readonly enrolled = new Map<string, Set<string>>()

  constructor(o: DeployEngineOptions) {
    this.db = o.db
    this.fleet = o.fleet
    this.now = o.now ?? Date.now
    this.log = o.log ?? (() => {})
    for (const p of o.fleet?.printers ?? []) {
      const gen = o.fleet!.generated.get(p.address)
      if (gen) this.sims.set(gen.serial.toUpperCase(), {address: p.address, gen, quirkSilent: p.quirk === 'silent'})
    }
    this.restoreFirmware()
  }

  start(intervalMs = 200): void {
    this.timer ??= setInterval(() => {
      try {
        this.tick()
      } catch (error) {
        this.log(`deploy engine: ${(error as Error).stack}`)
      }
    }, intervalMs)
    this.timer.unref()
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
    for (const s of this.sims.values()) clearTimeout(s.reboot)
  }

  /** Called by the registration route for a printer enrolled for the first time. */
  printerEnrolled(orgId: string, serial: string): void {
    const set = this.enrolled.get(orgId) ?? new Set<string>()
    set.add(serial.toUpperCase())
    this.enrolled.set(orgId, set)
  }

  tick(now = this.now()): void {
    this.flushEnrolled(now)
    for (const d of store.deploymentsWithStatus(this.db, ['scheduled'])) {
      if (now < d.start_at!) continue
      if (now >= d.window_end!) this.expireUnstarted(d, now)
      else {
        store.startScheduled(this.db, d.id, pickupDelay, now)
        this.log(`task ${d.id} (${d.name}) started`)
      }
    }
    const touched = new Set<string>()
    for (const p of store.duePrinters(this.db, now)) {
      this.advance(p, now)
      touched.add(p.deployment_id)
    }
    for (const id of touched) this.settle(id, now)
  }

  private flushEnrolled(now: number): void {
    for (const [orgId, serials] of this.enrolled) {
      this.enrolled.delete(orgId)
      const cfg = store.defaultConfig(this.db, orgId)
      if (!cfg || (!cfg.recommended_firmware && cfg.firmware === '[]' && cfg.apps === '[]' && cfg.settings === '[]')) continue
      const plan = planConfiguration(this.db, cfg)
      const printers = [...serials].flatMap((serial) => {
        const row = this.db
          .prepare(
            'SELECT a.serial, a.model_name, e.firmware FROM assets a JOIN enrollments e ON e.serial = a.serial WHERE a.serial = ? COLLATE NOCASE AND a.org_id = ?',
          )
          .get(serial, orgId) as {serial: string; model_name: string; firmware: string | null} | undefined
        if (!row) return []
        const facts = {firmware: row.firmware, modelName: row.model_name, serial: row.serial}
        return [{...facts, steps: plan(facts)}]
      })
      if (!printers.length) continue
      createDeployment(
        this.db,
        {
          configurationId: cfg.id,
          configurationName: cfg.name,
          detail: summarize({pending: printers.length}, printers.length),
          kind: 'deploy-configuration',
          name: `Default configuration "${cfg.name}" for newly enrolled printers`,
          orgId,
          printers,
        },
        now,
      )
      store.markDeployed(this.db, cfg.id, now)
      this.log(`default configuration "${cfg.name}" deployed to ${printers.length} newly enrolled printer(s)`)
    }
  }

  private expireUnstarted(d: store.DeploymentRow, now: number): void {
    const reason = 'the task window ended before the task started'
    for (const p of store.deploymentPrinters(this.db, d.id)) {
      const steps = (JSON.parse(p.steps) as Step[]).map((s) => ({...s, status: 'expired' as const}))
      store.updateDeploymentPrinter(this.db, d.id, p.serial, {
        finished_at: now,
        next_at: null,
        reason,
        status: 'expired',
        steps: JSON.stringify(steps),
        updated_at: now,
      })
    }
    const total = store.deploymentPrinters(this.db, d.id).length
    store.updateDeployment(
      this.db,
      d.id,
      {finished_at: now, status: 'expired', updated_at: now},
      `${summarize({expired: total}, total)} (${reason})`,
    )
    this.log(`task ${d.id} (${d.name}) expired: ${reason}`)
  }

  private advance(p: store.DeploymentPrinterRow & {window_end: number | null}, now: number): void {
    const steps = JSON.parse(p.steps) as Step[]
    const save = (f: Partial<store.DeploymentPrinterRow>) =>
      store.updateDeploymentPrinter(this.db, p.deployment_id, p.serial, {...f, steps: JSON.stringify(steps), updated_at: now})
    if (p.status === 'pending') {
      if (p.window_end !== null && now > p.window_end) {
        for (const s of steps) s.status = 'expired'
        save({finished_at: now, next_at: null, reason: "the task window ended before the printer's agent started it", status: 'expired'})
        return
      }
      if (steps.length === 0) {
        save({finished_at: now, next_at: null, reason: 'nothing to deploy to this printer', started_at: now, status: 'succeeded'})
        return
      }
      this.beginStep(p, steps, 0, now)
      save({next_at: now + stepDuration(steps[0], p.serial), started_at: now, status: 'running', step: 0})
      return
    }
    const step = steps[p.step]
    const facts: PrinterFacts = {firmware: p.firmware_after ?? p.firmware_before, modelName: p.model_name, serial: p.serial}
    const out = runStep(step, facts)
    step.finishedAt = now
    if (!out.ok) {
      step.status = 'failed'
      step.reason = out.reason
      for (const s of steps.slice(p.step + 1)) s.status = 'skipped'
      this.endReboot(p.serial)
      save({finished_at: now, next_at: null, reason: `${stepLabel(step)}: ${out.reason}`, status: 'failed'})
      return
    }
    step.status = 'succeeded'
    step.reason = out.note ?? null
    const f: Partial<store.DeploymentPrinterRow> = {}
    if (out.firmware) {
      this.applyFirmware(p.serial, out.firmware, now)
      f.firmware_after = out.firmware
    } else if (step.kind === 'firmware') this.endReboot(p.serial)
    const next = p.step + 1
    if (next < steps.length) {
      this.beginStep(p, steps, next, now)
      save({...f, next_at: now + stepDuration(steps[next], p.serial), step: next})
    } else {
      save({...f, finished_at: now, next_at: null, reason: null, status: 'succeeded', step: next})
    }
  }

  private beginStep(p: store.DeploymentPrinterRow, steps: Step[], i: number, now: number): void {
    const s = steps[i]
    s.status = 'running'
    s.startedAt = now
    const current = p.firmware_after ?? p.firmware_before
    if (s.kind === 'firmware' && s.build && s.build !== current?.toUpperCase()) this.startReboot(p.serial, stepDuration(s, p.serial))
  }

  /** The printer goes quiet for the second half of a firmware update (it reboots). */
  private startReboot(serial: string, durationMs: number): void {
    const sim = this.sims.get(serial.toUpperCase())
    if (!sim || sim.quirkSilent) return
    clearTimeout(sim.reboot)
    sim.reboot = setTimeout(() => this.fleet?.agents.get(sim.address)?.setSilent(true), durationMs / 2)
    sim.reboot.unref()
  }

  private endReboot(serial: string): void {
    const sim = this.sims.get(serial.toUpperCase())
    if (!sim) return
    clearTimeout(sim.reboot)
    sim.reboot = undefined
    if (!sim.quirkSilent) this.fleet?.agents.get(sim.address)?.setSilent(false)
  }

  private applyFirmware(serial: string, firmware: string, now: number): void {
    store.setPrinterFirmware(this.db, serial, firmware, now)
    this.updateSimulated(serial, firmware)
    this.endReboot(serial)
  }

  /** The simulated printer now reports the new firmware over SNMP and its web service. */
  private updateSimulated(serial: string, firmware: string): void {
    const sim = this.sims.get(serial.toUpperCase())
    if (!sim || sim.gen.firmware === firmware) return
    try {
      sim.gen = withFirmware(sim.gen, firmware)
    } catch (error) {
      this.log(`printer ${serial}: firmware ${firmware} not applied to the simulation (${(error as Error).message})`)
      return
    }
    this.fleet?.agents.get(sim.address)?.setRecords(sim.gen.records)
    const ews = this.fleet?.ews.get(sim.address)
    if (ews) ews.printer.firmware = firmware
  }

  /** A restarted sandbox regenerates its printers: bring those updated earlier to their firmware. */
  private restoreFirmware(): void {
    if (!this.sims.size) return
    for (const [serial, firmware] of store.enrolledFirmware(this.db)) {
      const sim = this.sims.get(serial)
      if (sim && sim.gen.firmware !== firmware && /^[A-Z]{5}\.\d{3}\.\d{3}$/.test(firmware)) this.updateSimulated(serial, firmware)
    }
  }

  /** Updates a deployment's summary; finishes it when every printer is done. */
  private settle(id: string, now: number): void {
    const d = store.getDeployment(this.db, id)
    if (!d) return
    const counts = store.printerCounts(this.db, id)
    const total = Object.values(counts).reduce((a, b) => a + b, 0)
    const open = (counts.pending ?? 0) + (counts.running ?? 0) + (counts.scheduled ?? 0)
    if (open > 0) {
      store.updateDeployment(this.db, id, {updated_at: now}, summarize(counts, total))
      return
    }
    const ok = counts.succeeded ?? 0
    const status: store.DeploymentStatus =
      ok === total ? 'succeeded' : (counts.expired ?? 0) === total ? 'expired' : ok === 0 ? 'failed' : 'partial'
    store.updateDeployment(this.db, id, {finished_at: now, status, updated_at: now}, summarize(counts, total))
    this.log(`task ${id} (${d.name}) ${status}: ${summarize(counts, total)}`)
  }
}
