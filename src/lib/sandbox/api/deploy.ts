// Deployment routes of the sandbox (our contract, docs/api/openapi.yaml): the firmware and app catalogs,
// the resource library, configurations (copy, default, "deployed cannot be edited"), deployments and the
// task history (list, show, change or delete a scheduled task until it starts). The deploy engine
// (../deployer.ts) runs the deployments on the simulated printers.
import {catalogApp, CATALOG_APPS, lookupFirmware, type FirmwareBuild} from '../catalog.js'
import {appStep, createDeployment, firmwareStep, planConfiguration, settingsStep, summarize, type PrinterFacts} from '../deployer.js'
import * as fleet from '../store/enrollment.js'
import * as store from '../store/deploy.js'
import type {Step} from '../store/deploy.js'
import {
  InvalidAppFile,
  inspectFile,
  InvalidFile,
  RESOURCE_TYPES,
  scheduleProblems,
  taskNameProblem,
  type FileKind,
  type ResourceType,
} from '../../deploy/index.js'
import {FM} from './enrollment.js'
import {
  FILE_ADMIN,
  FLEET_ADMIN,
  FLEET_READ,
  HttpError,
  page,
  pageOf,
  requireRole,
  str,
  visibleOrg,
  type Ctx,
  type HandlerOptions,
  type Route,
} from './kit.js'

const ORG = `${FM}/organizations/{orgId}`
/** Uploads (resources, files deployed once) may be larger than the default 1 MB body. */
const UPLOAD_MAX = 64 * 1024 * 1024
const MAX_PRINTERS = 5000

type Detail = {field: string; rule: string}

const nowOf = (o: HandlerOptions) => o.deploy?.now() ?? Date.now()
const invalid = (message: string, details: Detail[], code = 'validation') =>
  new HttpError(422, code, details.length ? `${message}: ${details[0].field}: ${details[0].rule}` : message, {details})

function obj(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new HttpError(400, 'validation', 'The request body must be a JSON object')
  return body as Record<string, unknown>
}

function nameProblem(v: unknown, max = 100): string | null {
  if (typeof v !== 'string' || !v.trim()) return `1–${max} characters`
  if (v.trim().length > max || [...v].some((c) => c.charCodeAt(0) < 32) || /[<>]/.test(v))
    return `1–${max} characters, no control characters or < >`
  return null
}

function description(b: Record<string, unknown>, details: Detail[]): string | null {
  const d = b.description
  if (d === undefined || d === null || d === '') return null
  if (typeof d !== 'string' || d.length > 500) {
    details.push({field: 'description', rule: 'text of at most 500 characters'})
    return null
  }
  return d
}

// ---- catalogs ----

function buildJson(b: FirmwareBuild) {
  return {build: b.build, buildType: b.buildType, models: b.models, recommended: b.recommended, url: b.url, version: b.version}
}

// ---- resources ----

function resourceJson(r: store.ResourceRow) {
  return {
    dateCreated: r.created_at,
    dateModified: r.modified_at,
    description: r.description,
    details: JSON.parse(r.info) as Record<string, unknown>,
    fileName: r.file_name,
    id: r.id,
    name: r.name,
    organizationId: r.org_id,
    sha256: r.sha256,
    size: r.size,
    type: r.type,
  }
}

interface ResourceInput {
  name: string
  type: ResourceType
  description: string | null
  fileName: string | null
  size: number | null
  sha256: string | null
  info: string
  content: Buffer | null
}

function resourceInput(body: unknown): ResourceInput {
  const b = obj(body)
  const details: Detail[] = []
  const np = nameProblem(b.name)
  if (np) details.push({field: 'name', rule: np})
  const type = b.type as ResourceType
  if (!RESOURCE_TYPES.includes(type)) details.push({field: 'type', rule: 'firmware, app, ucf or bundle'})
  const desc = description(b, details)
  if (details.length) throw invalid('Invalid resource', details)
  const name = String(b.name).trim()
  if (type === 'firmware') {
    const ref = str(b, 'reference')?.trim()
    if (!ref)
      throw invalid('Invalid resource', [{field: 'reference', rule: 'a firmware build name (ABCDE.123.456) or a support-center URL'}])
    const build = lookupFirmware(ref)
    if (!build)
      throw new HttpError(422, 'firmware_not_found', 'No firmware found.', {
        details: [{field: 'reference', rule: `"${ref}" is not a known build name or support-center URL`}],
      })
    return {content: null, description: desc, fileName: null, info: JSON.stringify(buildJson(build)), name, sha256: null, size: null, type}
  }
  const fileName = str(b, 'fileName')
  const content = str(b, 'content')
  if (!fileName || content === undefined)
    throw invalid('Invalid resource', [{field: fileName ? 'content' : 'fileName', rule: 'the file name and its content (base64)'}])
  const buf = Buffer.from(content, 'base64')
  const info = inspect(fileName, buf, type)
  const {sha256, size, kind: _kind, ...rest} = info
  return {content: buf, description: desc, fileName, info: JSON.stringify(rest), name, sha256, size, type}
}

function inspect(fileName: string, buf: Buffer, type?: FileKind) {
  try {
    return inspectFile(fileName, buf, type)
  } catch (error) {
    if (error instanceof InvalidAppFile)
      throw new HttpError(422, 'invalid_app_file', error.message, {details: [{field: 'content', rule: error.reason}]})
    if (error instanceof InvalidFile)
      throw new HttpError(422, 'invalid_file', error.message, {details: [{field: 'content', rule: error.message}]})
    throw error
  }
}

function resourceIn(ctx: Ctx, o: HandlerOptions): store.ResourceRow {
  const org = visibleOrg(ctx, o, ctx.params.orgId)
  const r = store.getResource(o.db, org.id, ctx.params.resourceId)
  if (!r) throw new HttpError(404, 'not_found', `No resource ${ctx.params.resourceId} in ${org.name}`)
  return r
}

/** Two uploads are the same resource when the file (or the firmware build) is the same. */
function sameContent(
  a: {type: string; sha256: string | null; info: string},
  b: {type: string; sha256: string | null; info: string},
): boolean {
  if (a.type !== b.type) return false
  if (a.type === 'firmware') return (JSON.parse(a.info) as {build: string}).build === (JSON.parse(b.info) as {build: string}).build
  return a.sha256 === b.sha256
}

// ---- configurations ----

function configJson(o: HandlerOptions, c: store.ConfigRow) {
  const res = (id: string) => store.getResource(o.db, c.org_id, id)
  return {
    apps: (JSON.parse(c.apps) as Array<{source: 'catalog' | 'library'; id: string}>).map((a) => {
      if (a.source === 'catalog') {
        const app = catalogApp(a.id)
        return {id: a.id, name: app?.name ?? a.id, source: a.source, version: app?.version ?? null}
      }
      const r = res(a.id)
      return {
        id: a.id,
        name: r?.name ?? '(deleted resource)',
        source: a.source,
        version: r ? ((JSON.parse(r.info) as {version?: string}).version ?? null) : null,
      }
    }),
    dateCreated: c.created_at,
    dateModified: c.modified_at,
    deployed: c.deployed_at !== null,
    deployedAt: c.deployed_at,
    description: c.description,
    firmware: (JSON.parse(c.firmware) as string[]).map((id) => {
      const r = res(id)
      const info = r ? (JSON.parse(r.info) as {build?: string; models?: string[]}) : {}
      return {build: info.build ?? null, models: info.models ?? [], name: r?.name ?? '(deleted resource)', resourceId: id}
    }),
    id: c.id,
    isDefault: c.is_default === 1,
    name: c.name,
    organizationId: c.org_id,
    recommendedFirmware: c.recommended_firmware === 1,
    settings: (JSON.parse(c.settings) as string[]).map((id) => {
      const r = res(id)
      return {name: r?.name ?? '(deleted resource)', resourceId: id, type: r?.type ?? null}
    }),
  }
}

function idList(v: unknown, field: string, details: Detail[]): string[] {
  if (v === undefined || v === null) return []
  if (!Array.isArray(v) || v.length > 50 || !v.every((x) => typeof x === 'string')) {
    details.push({field, rule: 'a list of at most 50 resource ids'})
    return []
  }
  return v as string[]
}

function configInput(body: unknown, o: HandlerOptions, orgId: string): store.ConfigInput {
  const b = obj(body)
  const details: Detail[] = []
  const np = nameProblem(b.name)
  if (np) details.push({field: 'name', rule: np})
  const desc = description(b, details)
  if (b.recommendedFirmware !== undefined && typeof b.recommendedFirmware !== 'boolean')
    details.push({field: 'recommendedFirmware', rule: 'true or false'})
  const firmware = idList(b.firmware, 'firmware', details)
  const settings = idList(b.settings, 'settings', details)
  const apps: store.ConfigInput['apps'] = []
  if (b.apps !== undefined && b.apps !== null && (!Array.isArray(b.apps) || b.apps.length > 50))
    details.push({field: 'apps', rule: 'a list of at most 50 apps'})
  const lookup = (id: string) => store.getResource(o.db, orgId, id)
  const dup = (list: string[], i: number) => list.indexOf(list[i]) !== i
  // firmware: library resources of type firmware, one per model
  const byModel = new Map<string, store.ResourceRow>()
  for (const [i, id] of firmware.entries()) {
    const r = lookup(id)
    const field = `firmware[${i}]`
    if (!r) details.push({field, rule: `no resource ${id} in this organization`})
    else if (r.type !== 'firmware')
      details.push({field, rule: `"${r.name}" is ${r.type === 'app' ? 'an app' : `a ${r.type}`} resource, not firmware`})
    else if (dup(firmware, i)) details.push({field, rule: `"${r.name}" is listed twice`})
    else {
      for (const m of (JSON.parse(r.info) as {models: string[]}).models) {
        const other = byModel.get(m.toLowerCase())
        if (other) details.push({field, rule: `one firmware per model: "${other.name}" and "${r.name}" both support the ${m}`})
        else byModel.set(m.toLowerCase(), r)
      }
    }
  }
  for (const [i, a] of (Array.isArray(b.apps) ? (b.apps as unknown[]) : []).entries()) {
    const field = `apps[${i}]`
    const src = (a as {source?: unknown})?.source
    const id = (a as {id?: unknown})?.id
    if (typeof id !== 'string' || (src !== 'catalog' && src !== 'library')) {
      details.push({field, rule: '{source: catalog | library, id}'})
    } else if (src === 'catalog') {
      const app = catalogApp(id)
      if (!app) details.push({field, rule: `no app "${id}" in the catalog`})
      else if (apps.some((x) => x.source === 'catalog' && x.id === app.id)) details.push({field, rule: `${app.name} is listed twice`})
      else apps.push({id: app.id, source: 'catalog'})
    } else {
      const r = lookup(id)
      if (!r) details.push({field, rule: `no resource ${id} in this organization`})
      else if (r.type !== 'app') details.push({field, rule: `"${r.name}" is a ${r.type} resource, not an app`})
      else if (apps.some((x) => x.id === id)) details.push({field, rule: `"${r.name}" is listed twice`})
      else apps.push({id, source: 'library'})
    }
  }
  for (const [i, id] of settings.entries()) {
    const r = lookup(id)
    const field = `settings[${i}]`
    if (!r) details.push({field, rule: `no resource ${id} in this organization`})
    else if (r.type !== 'ucf' && r.type !== 'bundle')
      details.push({
        field,
        rule: `"${r.name}" is ${r.type === 'app' ? 'an app' : `a ${r.type}`} resource, not a settings file (UCF or bundle)`,
      })
    else if (dup(settings, i)) details.push({field, rule: `"${r.name}" is listed twice`})
  }
  if (details.length) throw invalid('Invalid configuration', details)
  return {apps, description: desc, firmware, name: String(b.name).trim(), recommendedFirmware: b.recommendedFirmware === true, settings}
}

function configIn(ctx: Ctx, o: HandlerOptions): store.ConfigRow {
  const org = visibleOrg(ctx, o, ctx.params.orgId)
  const c = store.getConfig(o.db, org.id, ctx.params.configId)
  if (!c) throw new HttpError(404, 'not_found', `No configuration ${ctx.params.configId} in ${org.name}`)
  return c
}

function copyConfig(ctx: Ctx, o: HandlerOptions) {
  requireRole(ctx, FLEET_ADMIN)
  const src = configIn(ctx, o)
  const b = obj(ctx.body)
  const np = nameProblem(b.name)
  if (np) throw invalid('Invalid copy', [{field: 'name', rule: np}])
  const name = String(b.name).trim()
  const targetId = str(b, 'organizationId') ?? src.org_id
  if (targetId !== src.org_id) requireRole(ctx, 'Partner Administrator')
  const target = visibleOrg(ctx, o, targetId)
  if (store.findConfigByName(o.db, target.id, name))
    throw new HttpError(409, 'conflict', `${target.name} already has a configuration named "${name}"`)
  const now = nowOf(o)
  const copy = o.db.transaction(() => {
    const map = (id: string): string => {
      if (target.id === src.org_id) return id
      const r = store.getResource(o.db, src.org_id, id)
      if (!r) return id
      const existing = store.findResourceByName(o.db, target.id, r.name)
      if (existing) {
        if (!sameContent(existing, r))
          throw new HttpError(
            409,
            'resource_conflict',
            `${target.name} already has a different resource named "${r.name}": rename one of them first`,
          )
        return existing.id
      }
      return store.insertResource(
        o.db,
        {
          content: store.resourceContent(o.db, r.id),
          description: r.description,
          file_name: r.file_name,
          info: r.info,
          name: r.name,
          org_id: target.id,
          sha256: r.sha256,
          size: r.size,
          type: r.type,
        },
        now,
      ).id
    }
    return store.insertConfig(
      o.db,
      target.id,
      {
        apps: (JSON.parse(src.apps) as store.ConfigInput['apps']).map((a) => (a.source === 'library' ? {...a, id: map(a.id)} : a)),
        description: src.description,
        firmware: (JSON.parse(src.firmware) as string[]).map(map),
        name,
        recommendedFirmware: src.recommended_firmware === 1,
        settings: (JSON.parse(src.settings) as string[]).map(map),
      },
      now,
    )
  })()
  return [201, configJson(o, copy)]
}

// ---- deployments and tasks ----

function taskJson(o: HandlerOptions, t: store.TaskListRow, withPrinters: boolean) {
  const d = store.getDeployment(o.db, t.id)
  const base = {
    configurationId: t.configuration_id,
    configurationName: t.configuration_name,
    createdAt: t.created_at,
    detail: t.detail,
    id: t.id,
    kind: t.kind,
    name: t.name ?? null,
    serialNumber: t.serial,
    status: t.status,
    updatedAt: t.updated_at,
  }
  if (!d) return {...base, finishedAt: null, schedule: null, startedAt: null, summary: null}
  const counts = store.printerCounts(o.db, d.id)
  const summary = {
    expired: 0,
    failed: 0,
    pending: 0,
    running: 0,
    scheduled: 0,
    succeeded: 0,
    ...counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
  }
  const out = {
    ...base,
    finishedAt: d.finished_at,
    schedule:
      d.start_at === null
        ? null
        : {startAt: d.start_at, timeZone: d.time_zone, windowEndsAt: d.window_end, windowMinutes: d.window_minutes},
    startedAt: d.started_at,
    summary,
  }
  if (!withPrinters) return out
  return {
    ...out,
    printers: store.deploymentPrinters(o.db, d.id).map((p) => ({
      finishedAt: p.finished_at,
      firmwareAfter: p.firmware_after,
      firmwareBefore: p.firmware_before,
      modelName: p.model_name,
      reason: p.reason,
      serialNumber: p.serial,
      startedAt: p.started_at,
      status: p.status,
      step: p.step,
      steps: (JSON.parse(p.steps) as Step[]).map((s) => ({
        kind: s.kind,
        name: s.name,
        reason: s.reason ?? null,
        status: s.status,
        version: s.version ?? null,
      })),
      updatedAt: p.updated_at,
    })),
  }
}

function taskIn(ctx: Ctx, o: HandlerOptions): store.TaskListRow {
  const org = visibleOrg(ctx, o, ctx.params.orgId)
  const t = store.getTaskRow(o.db, org.id, ctx.params.taskId)
  if (!t) throw new HttpError(404, 'not_found', `No task ${ctx.params.taskId} in ${org.name}`)
  return t
}

/** A scheduled task can be changed or deleted until it starts. */
function scheduledIn(ctx: Ctx, o: HandlerOptions): store.DeploymentRow {
  const t = taskIn(ctx, o)
  const d = store.getDeployment(o.db, t.id)
  if (!d || d.start_at === null)
    throw new HttpError(409, 'not_scheduled', `Task ${t.id} is not a scheduled task: only scheduled tasks can be changed or deleted`)
  if (d.status !== 'scheduled')
    throw new HttpError(
      409,
      'task_started',
      `Task "${d.name}" has ${d.status === 'running' ? 'started' : `finished (${d.status})`}: a scheduled task cannot be changed or deleted once it has started`,
    )
  return d
}

function scheduleInput(
  v: unknown,
  now: number,
  base?: {startAt: number; timeZone: string; windowMinutes: number},
): {startAt: number; timeZone: string; windowMinutes: number} {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw invalid('Invalid schedule', [{field: 'schedule', rule: '{startAt, timeZone, windowMinutes}'}])
  const s = {...base, ...(v as Record<string, unknown>)} as {startAt: number; timeZone: string; windowMinutes: number}
  const problems = scheduleProblems(s, now)
  if (problems.length) throw invalid('Invalid schedule', problems)
  return {startAt: s.startAt, timeZone: s.timeZone, windowMinutes: s.windowMinutes}
}

function createDeploymentRoute(ctx: Ctx, o: HandlerOptions) {
  requireRole(ctx, FLEET_ADMIN)
  const org = visibleOrg(ctx, o, ctx.params.orgId)
  const b = obj(ctx.body)
  const now = nowOf(o)
  const kind = b.kind as store.DeploymentRow['kind']
  if (!['deploy-configuration', 'deploy-files', 'update-firmware'].includes(kind))
    throw invalid('Invalid deployment', [{field: 'kind', rule: 'deploy-configuration, deploy-files or update-firmware'}])
  const serials = b.printers
  if (
    !Array.isArray(serials) ||
    serials.length === 0 ||
    serials.length > MAX_PRINTERS ||
    !serials.every((s) => typeof s === 'string' && s.trim())
  ) {
    throw invalid('Invalid deployment', [{field: 'printers', rule: `1–${MAX_PRINTERS} serial numbers`}])
  }
  const seen = new Set<string>()
  const printers: PrinterFacts[] = []
  const missing: string[] = []
  for (const s of serials as string[]) {
    const key = s.trim().toUpperCase()
    if (seen.has(key)) continue
    seen.add(key)
    const p = fleet.getPrinter(o.db, key)
    if (!p || p.org_id !== org.id) missing.push(s.trim())
    else printers.push({firmware: p.firmware, modelName: p.model_name, serial: p.serial})
  }
  if (missing.length) {
    throw new HttpError(
      422,
      'not_enrolled',
      `${missing.length} printer${missing.length === 1 ? ' is' : 's are'} not enrolled in ${org.name}: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`,
      {
        details: missing.map((s) => ({field: 'printers', rule: `${s} is not enrolled in ${org.name}`})),
      },
    )
  }
  const name = b.name === undefined || b.name === null ? undefined : String(b.name)
  if (name !== undefined) {
    const p = taskNameProblem(name)
    if (p) throw invalid('Invalid deployment', [{field: 'name', rule: p}])
  }
  const schedule = b.schedule === undefined || b.schedule === null ? undefined : scheduleInput(b.schedule, now)
  let plan: (p: PrinterFacts) => Step[]
  let cfg: store.ConfigRow | undefined
  let defaultName: string
  if (kind === 'deploy-configuration') {
    const id = str(b, 'configurationId')
    cfg = id ? store.getConfig(o.db, org.id, id) : undefined
    if (!cfg) throw new HttpError(404, 'not_found', `No configuration ${id ?? '(configurationId missing)'} in ${org.name}`)
    if (!cfg.recommended_firmware && cfg.firmware === '[]' && cfg.apps === '[]' && cfg.settings === '[]') {
      throw new HttpError(
        422,
        'empty_configuration',
        `Configuration "${cfg.name}" has nothing to deploy: no firmware, apps or settings files`,
      )
    }
    plan = planConfiguration(o.db, cfg)
    defaultName = `Deploy configuration "${cfg.name}"`
  } else if (kind === 'update-firmware') {
    plan = (p) => [firmwareStep(p, [], true)!]
    defaultName = 'Update firmware'
  } else {
    const files = b.files
    if (!Array.isArray(files) || files.length === 0 || files.length > 20)
      throw invalid('Invalid deployment', [{field: 'files', rule: '1–20 files {fileName, content (base64)}'}])
    const steps: Step[] = []
    const settings: Step[] = []
    ;(files as Array<{fileName?: unknown; content?: unknown}>).forEach((f, i) => {
      if (typeof f?.fileName !== 'string' || typeof f.content !== 'string')
        throw invalid('Invalid deployment', [{field: `files[${i}]`, rule: '{fileName, content (base64)}'}])
      const info = inspect(f.fileName, Buffer.from(f.content, 'base64'))
      if (info.kind === 'app')
        steps.push(appStep({minMemoryMb: info.minMemoryMb, models: info.models, name: info.name, source: 'file', version: info.version}))
      else settings.push(settingsStep({name: f.fileName, source: 'file'}))
    })
    plan = () => [...steps, ...settings].map((s) => ({...s}))
    defaultName = `Deploy ${files.length} file${files.length === 1 ? '' : 's'}`
  }
  const d = createDeployment(
    o.db,
    {
      configurationId: cfg?.id,
      configurationName: cfg?.name,
      detail: summarize(schedule ? {scheduled: printers.length} : {pending: printers.length}, printers.length),
      kind,
      name: name?.trim() ?? defaultName,
      orgId: org.id,
      printers: printers.map((p) => ({...p, steps: plan(p)})),
      schedule: schedule && {...schedule, windowEnd: schedule.startAt + schedule.windowMinutes * 60_000},
    },
    now,
  )
  if (cfg) store.markDeployed(o.db, cfg.id, now)
  return [201, taskJson(o, store.getTaskRow(o.db, org.id, d.id)!, false)]
}

export const deployRoutes: Route[] = [
  {
    auth: true,
    method: 'POST',
    path: `${FM}/firmware/verify`,
    handler(ctx) {
      const ref = str(obj(ctx.body), 'reference')?.trim() ?? ''
      const b = lookupFirmware(ref)
      if (!b)
        throw new HttpError(404, 'firmware_not_found', 'No firmware found.', {
          details: [{field: 'reference', rule: 'a build name such as CSTAT.076.308 or a support-center URL'}],
        })
      return buildJson(b)
    },
  },
  {
    auth: true,
    method: 'GET',
    path: `${FM}/apps`,
    handler(ctx) {
      const p = page(ctx)
      return pageOf(CATALOG_APPS.slice(p.offset, p.offset + p.size), CATALOG_APPS.length, p)
    },
  },
  // resource library
  {
    anyRole: FLEET_READ,
    auth: true,
    method: 'GET',
    path: `${ORG}/resources`,
    handler(ctx, o) {
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      const p = page(ctx)
      const type = ctx.url.searchParams.get('type') ?? undefined
      const {rows, total} = store.listResources(o.db, org.id, type, p.offset, p.size)
      return pageOf(rows.map(resourceJson), total, p)
    },
  },
  {
    auth: true,
    maxBody: UPLOAD_MAX,
    method: 'POST',
    path: `${ORG}/resources`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      requireRole(ctx, FILE_ADMIN)
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      const r = resourceInput(ctx.body)
      const dup = store.findResourceByName(o.db, org.id, r.name)
      if (dup)
        throw new HttpError(409, 'conflict', `${org.name} already has a resource named "${dup.name}" (${dup.id})`, {existingId: dup.id})
      return [201, resourceJson(store.insertResource(o.db, {...r, file_name: r.fileName, org_id: org.id}, nowOf(o)))]
    },
  },
  {
    anyRole: FLEET_READ,
    auth: true,
    handler: (ctx, o) => resourceJson(resourceIn(ctx, o)),
    method: 'GET',
    path: `${ORG}/resources/{resourceId}`,
  },
  {
    auth: true,
    maxBody: UPLOAD_MAX,
    method: 'PUT',
    path: `${ORG}/resources/{resourceId}`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      requireRole(ctx, FILE_ADMIN)
      const old = resourceIn(ctx, o)
      const r = resourceInput(ctx.body)
      if (r.type !== old.type)
        throw invalid('Invalid resource', [{field: 'type', rule: `the resource is ${old.type}; its type cannot change`}])
      const dup = store.findResourceByName(o.db, old.org_id, r.name)
      if (dup && dup.id !== old.id) throw new HttpError(409, 'conflict', `Another resource is named "${dup.name}"`)
      if (!sameContent(old, r)) {
        const deployed = store.configurationsUsing(o.db, old.org_id, old.id).filter((c) => c.deployed_at !== null)
        if (deployed.length) {
          throw new HttpError(
            409,
            'resource_deployed',
            `Resource "${old.name}" is part of deployed configuration${deployed.length === 1 ? '' : 's'} ${deployed.map((c) => `"${c.name}"`).join(', ')}: its file cannot change; upload the new version under another name`,
          )
        }
      }
      store.updateResource(o.db, old.id, {...r, file_name: r.fileName}, nowOf(o))
      return resourceJson(store.getResource(o.db, old.org_id, old.id)!)
    },
  },
  {
    auth: true,
    method: 'DELETE',
    path: `${ORG}/resources/{resourceId}`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      requireRole(ctx, FILE_ADMIN)
      const r = resourceIn(ctx, o)
      const users = store.configurationsUsing(o.db, r.org_id, r.id)
      if (users.length)
        throw new HttpError(
          409,
          'resource_in_use',
          `Resource "${r.name}" is used by configuration${users.length === 1 ? '' : 's'} ${users.map((c) => `"${c.name}"`).join(', ')}: remove it there first`,
        )
      store.deleteResource(o.db, r.id)
      return [204, undefined]
    },
  },
  // configurations
  {
    anyRole: FLEET_READ,
    auth: true,
    method: 'GET',
    path: `${ORG}/configurations`,
    handler(ctx, o) {
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      const p = page(ctx)
      const {rows, total} = store.listConfigs(o.db, org.id, p.offset, p.size)
      return pageOf(
        rows.map((c) => configJson(o, c)),
        total,
        p,
      )
    },
  },
  {
    auth: true,
    method: 'POST',
    path: `${ORG}/configurations`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      const input = configInput(ctx.body, o, org.id)
      const dup = store.findConfigByName(o.db, org.id, input.name)
      if (dup)
        throw new HttpError(409, 'conflict', `${org.name} already has a configuration named "${dup.name}" (${dup.id})`, {
          existingId: dup.id,
        })
      return [201, configJson(o, store.insertConfig(o.db, org.id, input, nowOf(o)))]
    },
  },
  {
    anyRole: FLEET_READ,
    auth: true,
    handler: (ctx, o) => configJson(o, configIn(ctx, o)),
    method: 'GET',
    path: `${ORG}/configurations/{configId}`,
  },
  {
    auth: true,
    method: 'PUT',
    path: `${ORG}/configurations/{configId}`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const c = configIn(ctx, o)
      if (c.deployed_at !== null)
        throw new HttpError(
          409,
          'configuration_deployed',
          `This is a deployed configuration and cannot be modified ("${c.name}"). Copy it and edit the copy.`,
        )
      const input = configInput(ctx.body, o, c.org_id)
      const dup = store.findConfigByName(o.db, c.org_id, input.name)
      if (dup && dup.id !== c.id) throw new HttpError(409, 'conflict', `Another configuration is named "${dup.name}"`)
      store.updateConfig(o.db, c.id, input, nowOf(o))
      return configJson(o, store.getConfig(o.db, c.org_id, c.id)!)
    },
  },
  {
    auth: true,
    method: 'DELETE',
    path: `${ORG}/configurations/{configId}`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      store.deleteConfig(o.db, configIn(ctx, o).id)
      return [204, undefined]
    },
  },
  {auth: true, handler: copyConfig, method: 'POST', path: `${ORG}/configurations/{configId}/copy`},
  {
    auth: true,
    method: 'PUT',
    path: `${ORG}/configurations/{configId}/default`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const c = configIn(ctx, o)
      store.setDefaultConfig(o.db, c.org_id, c.id, nowOf(o))
      return configJson(o, store.getConfig(o.db, c.org_id, c.id)!)
    },
  },
  {
    auth: true,
    method: 'DELETE',
    path: `${ORG}/configurations/{configId}/default`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const c = configIn(ctx, o)
      if (c.is_default) store.setDefaultConfig(o.db, c.org_id, null, nowOf(o))
      return configJson(o, store.getConfig(o.db, c.org_id, c.id)!)
    },
  },
  {
    anyRole: FLEET_READ,
    auth: true,
    method: 'GET',
    path: `${ORG}/configurations/{configId}/printers`,
    handler(ctx, o) {
      const c = configIn(ctx, o)
      const p = page(ctx)
      const all = store
        .configurationPrinters(o.db, c.id)
        .map((r) => ({reason: r.reason, serialNumber: r.serial, status: r.status, taskId: r.deployment_id, updatedAt: r.updated_at}))
      return pageOf(all.slice(p.offset, p.offset + p.size), all.length, p)
    },
  },
  // deployments and tasks
  {auth: true, handler: createDeploymentRoute, maxBody: UPLOAD_MAX, method: 'POST', path: `${ORG}/deployments`},
  {
    anyRole: FLEET_READ,
    auth: true,
    method: 'GET',
    path: `${ORG}/tasks`,
    handler(ctx, o) {
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      const p = page(ctx)
      const filter = {kind: ctx.url.searchParams.get('kind') ?? undefined, status: ctx.url.searchParams.get('status') ?? undefined}
      const {rows, total} = store.listTasks(o.db, [org.id], filter, p.offset, p.size)
      return pageOf(
        rows.map((t) => taskJson(o, t, false)),
        total,
        p,
      )
    },
  },
  {anyRole: FLEET_READ, auth: true, handler: (ctx, o) => taskJson(o, taskIn(ctx, o), true), method: 'GET', path: `${ORG}/tasks/{taskId}`},
  {
    auth: true,
    method: 'PATCH',
    path: `${ORG}/tasks/{taskId}`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const d = scheduledIn(ctx, o)
      const b = obj(ctx.body)
      const now = nowOf(o)
      let name = d.name
      if (b.name !== undefined) {
        const p = taskNameProblem(String(b.name ?? ''))
        if (p) throw invalid('Invalid change', [{field: 'name', rule: p}])
        name = String(b.name).trim()
      }
      const s =
        b.schedule === undefined
          ? undefined
          : scheduleInput(b.schedule, now, {startAt: d.start_at!, timeZone: d.time_zone!, windowMinutes: d.window_minutes!})
      store.updateDeployment(o.db, d.id, {
        name,
        updated_at: now,
        ...(s
          ? {start_at: s.startAt, time_zone: s.timeZone, window_end: s.startAt + s.windowMinutes * 60_000, window_minutes: s.windowMinutes}
          : {}),
      })
      return taskJson(o, store.getTaskRow(o.db, d.org_id, d.id)!, true)
    },
  },
  {
    auth: true,
    method: 'DELETE',
    path: `${ORG}/tasks/{taskId}`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      store.deleteDeployment(o.db, scheduledIn(ctx, o).id)
      return [204, undefined]
    },
  },
]
