// Fleet Agent routes of the sandbox: definitions (checked with the client's rules; overlapping criteria
// answer with the guide's warning, a profile no criterion uses with one naming it), deactivation, activation codes, the task queue (Discover & Enroll
// Printers, refresh, MIB walk), and the calls an activated agent makes.
import {isDeepStrictEqual} from 'node:util'

import {
  checkDefinition,
  keepSecrets,
  overlapping,
  overlapWarning,
  profileFor,
  redactDefinition,
  unusedProfiles,
  unusedProfileWarning,
  type FleetAgentDefinition,
} from '../../agents/index.js'
import {parseTarget, TargetError} from '../../discovery/index.js'
import {VERSION_PATTERN, versionAtLeast} from '../../mps/index.js'
import {FLEET_AGENT_VERSION} from '../catalog.js'
import * as enrollment from '../store/enrollment.js'
import * as agents from '../store/agents.js'
import {
  bearerToken,
  FMS,
  HttpError,
  page,
  pageOf,
  refuseMpsAgent,
  requireRole,
  visibleOrg,
  type Ctx,
  type HandlerOptions,
  type Route,
} from './kit.js'

const FLEET_ADMIN = 'Fleet Management Administrator'
const BASE = `${FMS}/organizations/{orgId}/fleet-agents`

function view(o: HandlerOptions, r: agents.AgentRow, warnings?: string[]) {
  const printers = (o.db.prepare('SELECT count(*) n FROM agent_printers WHERE agent_id = ?').get(r.id) as {n: number}).n
  return {
    activatedAt: r.activated_at,
    createdAt: r.created_at,
    definition: redactDefinition(JSON.parse(r.definition) as FleetAgentDefinition),
    id: r.id,
    lastCommunication: r.last_communication,
    mpsPrinters: agents.mpsPrinters(o.db, r.id),
    name: r.name,
    organizationId: r.org_id,
    printers,
    status: r.status,
    unmatched: r.unmatched ? (JSON.parse(r.unmatched) as string[]) : [],
    // the portal's Fleet Agents page: the reported version, and an update when a newer one exists
    updateAvailable: r.version !== null && !versionAtLeast(r.version, FLEET_AGENT_VERSION),
    version: r.version,
    latestVersion: FLEET_AGENT_VERSION,
    ...(warnings ? {warnings} : {}),
  }
}

/** The version an agent reports (activation, each report); absent: unchanged. */
function reportedVersion(body: unknown): string | undefined {
  const v = (body as {version?: unknown} | undefined)?.version
  if (v === undefined) return undefined
  if (typeof v !== 'string' || !VERSION_PATTERN.test(v))
    throw new HttpError(422, 'validation', 'version: a dotted version such as 3.4.0', {
      details: [{field: 'version', rule: 'a dotted version'}],
    })
  return v
}

function checked(o: HandlerOptions, orgId: string, body: unknown, self?: agents.AgentRow): {d: FleetAgentDefinition; warnings: string[]} {
  const selfId = self?.id
  // an exported definition holds "(set)" for each secret: it keeps the stored one
  const kept = keepSecrets(body as FleetAgentDefinition, self && (JSON.parse(self.definition) as FleetAgentDefinition))
  const d = kept.d
  const problems = [...kept.problems, ...checkDefinition(d)]
  if (problems.length) throw new HttpError(422, 'validation', problems.map((p) => `${p.field}: ${p.rule}`).join('; '), {details: problems})
  const same = agents.findAgentByName(o.db, orgId, d.name)
  if (same && same.id !== selfId)
    throw new HttpError(409, 'conflict', `A Fleet Agent named "${d.name}" already exists`, {
      details: [{field: 'name', rule: 'agent names are unique'}],
    })
  const warnings = unusedProfiles(d).map(unusedProfileWarning)
  for (const other of agents.listAgents(o.db, orgId)) {
    if (other.id === selfId) continue
    const shared = overlapping(d, JSON.parse(other.definition) as FleetAgentDefinition)
    if (shared.length) warnings.push(overlapWarning(d.name, other.name, shared))
  }
  return {d, warnings}
}

const refuseIfMps = (o: HandlerOptions, r: agents.AgentRow, action: 'deleted' | 'deactivated') =>
  refuseMpsAgent(`Fleet Agent "${r.name}"`, agents.mpsPrinters(o.db, r.id), action)

function taskJson(t: agents.AgentTaskRow, withLog = false) {
  return {
    address: t.address,
    agentId: t.agent_id,
    createdAt: t.created_at,
    detail: t.detail,
    hasLog: t.log !== null,
    id: t.id,
    kind: t.kind,
    status: t.status,
    updatedAt: t.updated_at,
    version: t.version,
    ...(withLog ? {log: t.log} : {}),
  }
}

const TASK_KINDS = ['discover', 'refresh', 'mib-walk', 'update'] as const
/** Longest MIB-walk log the sandbox keeps (the agent cuts its walk to fit). */
export const MAX_TASK_LOG = 900 * 1024

function agentOf(ctx: Ctx, o: HandlerOptions): agents.AgentRow {
  visibleOrg(ctx, o, ctx.params.orgId)
  const r = agents.getAgent(o.db, ctx.params.agentId)
  if (!r || r.org_id !== ctx.params.orgId) throw new HttpError(404, 'not_found', `Fleet Agent ${ctx.params.agentId} not found`)
  return r
}

/** The calling agent, by the token its activation gave it. */
function caller(ctx: Ctx, o: HandlerOptions): agents.AgentRow {
  const token = bearerToken(ctx)
  const r = token && agents.agentByToken(o.db, token)
  if (!r) throw new HttpError(401, 'invalid_token', 'Unknown or deactivated Fleet Agent')
  agents.touch(o.db, r.id)
  return r
}

interface Reported {
  serialNumber: string
  manufacturer: string
  modelName: string
  firmware?: string
  address: string
  pageCount?: number | null
  supplies?: unknown[]
}

export const agentRoutes: Route[] = [
  {
    auth: true,
    method: 'GET',
    path: BASE,
    handler(ctx, o) {
      visibleOrg(ctx, o, ctx.params.orgId)
      const p = page(ctx)
      const rows = agents.listAgents(o.db, ctx.params.orgId)
      return pageOf(
        rows.slice(p.offset, p.offset + p.size).map((r) => view(o, r)),
        rows.length,
        p,
      )
    },
  },
  {
    auth: true,
    method: 'POST',
    path: BASE,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      const {d, warnings} = checked(o, org.id, ctx.body)
      return [201, view(o, agents.createAgent(o.db, org.id, d), warnings)]
    },
  },
  {auth: true, handler: (ctx, o) => view(o, agentOf(ctx, o)), method: 'GET', path: `${BASE}/{agentId}`},
  {
    auth: true,
    method: 'PUT',
    path: `${BASE}/{agentId}`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const r = agentOf(ctx, o)
      const {d, warnings} = checked(o, r.org_id, ctx.body, r)
      // the guide: printers of a changed or deleted SNMP profile are unenrolled
      const old = JSON.parse(r.definition) as FleetAgentDefinition
      const same = (name: string) => {
        const a = old.snmpProfiles.find((x) => x.name === name)
        const b = d.snmpProfiles.find((x) => x.name === name)
        return b !== undefined && isDeepStrictEqual(a, JSON.parse(JSON.stringify(b)))
      }
      const dropped = agents
        .enrolledThrough(o.db, r.id)
        .filter((p) => p.address && !same(profileFor(old, p.address).name))
        .map((p) => p.serial)
      agents.updateAgent(o.db, r.id, d)
      agents.dropEnrollments(o.db, dropped)
      return view(o, agents.getAgent(o.db, r.id)!, warnings)
    },
  },
  {
    auth: true,
    method: 'DELETE',
    path: `${BASE}/{agentId}`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const r = agentOf(ctx, o)
      refuseIfMps(o, r, 'deleted')
      agents.deleteAgent(o.db, r.id)
      return [204, undefined]
    },
  },
  {
    auth: true,
    method: 'POST',
    path: `${BASE}/{agentId}/deactivate`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const r = agentOf(ctx, o)
      refuseIfMps(o, r, 'deactivated')
      if (r.status !== 'Deactivated') agents.deactivateAgent(o.db, r.id)
      return view(o, agents.getAgent(o.db, r.id)!)
    },
  },
  {
    auth: true,
    method: 'GET',
    path: `${BASE}/{agentId}/tasks`,
    handler(ctx, o) {
      const p = page(ctx)
      const rows = agents.listTasks(o.db, agentOf(ctx, o).id)
      return pageOf(
        rows.slice(p.offset, p.offset + p.size).map((t) => taskJson(t)),
        rows.length,
        p,
      )
    },
  },
  {
    auth: true,
    method: 'POST',
    path: `${BASE}/{agentId}/tasks`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const r = agentOf(ctx, o)
      const body = ctx.body as {kind?: unknown; address?: unknown}
      const kind = TASK_KINDS.find((k) => k === body?.kind)
      if (!kind)
        throw new HttpError(422, 'validation', `kind: one of ${TASK_KINDS.join(', ')}`, {
          details: [{field: 'kind', rule: TASK_KINDS.join(', ')}],
        })
      let address: string | null = null
      if (kind === 'mib-walk') {
        address = typeof body.address === 'string' ? body.address.trim() : ''
        let single = false
        try {
          const t = address ? parseTarget(address) : undefined
          single = t?.kind === 'ipv4' || t?.kind === 'fqdn'
        } catch (error) {
          if (!(error instanceof TargetError)) throw error
        }
        if (!single)
          throw new HttpError(422, 'validation', 'address: the IP address (or name) of one printer', {
            details: [{field: 'address', rule: 'one IP address or fully qualified domain name'}],
          })
      }
      if (r.status === 'Deactivated')
        throw new HttpError(409, 'deactivated', `Fleet Agent "${r.name}" is deactivated: restore it first (lcs agents fleet restore)`)
      // Update > Fleet Agent: the agent installs the current version on its next cycle
      const version = kind === 'update' ? FLEET_AGENT_VERSION : null
      return [201, taskJson(agents.queueTask(o.db, r.id, kind, {address, version}))]
    },
  },
  {
    auth: true,
    method: 'GET',
    path: `${BASE}/{agentId}/tasks/{taskId}`,
    handler(ctx, o) {
      const r = agentOf(ctx, o)
      const t = agents.getTask(o.db, ctx.params.taskId)
      if (!t || t.agent_id !== r.id)
        throw new HttpError(404, 'not_found', `Task ${ctx.params.taskId} not found for Fleet Agent "${r.name}"`)
      return taskJson(t, true)
    },
  },
  {
    auth: true,
    method: 'POST',
    path: `${BASE}/{agentId}/activation-code`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      return [201, agents.newActivationCode(o.db, agentOf(ctx, o).id)]
    },
  },
  {
    auth: false,
    method: 'POST',
    path: `${FMS}/fleet-agents/activations`,
    handler(ctx, o) {
      const code = (ctx.body as {code?: unknown})?.code
      if (typeof code !== 'string' || !code)
        throw new HttpError(422, 'validation', 'code is required', {details: [{field: 'code', rule: 'the activation code'}]})
      const a = agents.activate(o.db, code, reportedVersion(ctx.body) ?? FLEET_AGENT_VERSION)
      if ('refused' in a) {
        const why = {
          expired: 'The activation code has expired (codes are valid for 72 hours)',
          unknown: 'The activation code is not valid',
          used: 'The activation code was already used',
        }[a.refused]
        throw new HttpError(
          a.refused === 'unknown' ? 404 : 410,
          `code_${a.refused}`,
          `${why}; generate a new one with \`lcs agents fleet activation-code\``,
        )
      }
      return [201, {agentId: a.agent.id, name: a.agent.name, organizationId: a.agent.org_id, token: a.token}]
    },
  },
  {
    auth: false,
    method: 'GET',
    path: `${FMS}/fleet-agents/self/definition`,
    handler: (ctx, o) => JSON.parse(caller(ctx, o).definition) as FleetAgentDefinition,
  },
  {
    // the agent takes its queued tasks on its next cycle
    auth: false,
    method: 'POST',
    path: `${FMS}/fleet-agents/self/tasks/claim`,
    handler: (ctx, o) => ({tasks: agents.takeTasks(o.db, caller(ctx, o).id).map((t) => taskJson(t))}),
  },
  {
    auth: false,
    maxBody: MAX_TASK_LOG + 64 * 1024,
    method: 'PUT',
    path: `${FMS}/fleet-agents/self/tasks/{taskId}`,
    handler(ctx, o) {
      const a = caller(ctx, o)
      const t = agents.getTask(o.db, ctx.params.taskId)
      if (!t || t.agent_id !== a.id) throw new HttpError(404, 'not_found', `Task ${ctx.params.taskId} not found`)
      const b = ctx.body as {status?: unknown; detail?: unknown; log?: unknown}
      const status = b?.status === 'succeeded' || b?.status === 'failed' ? b.status : undefined
      const log = typeof b?.log === 'string' ? b.log : null
      if (!status || (log !== null && log.length > MAX_TASK_LOG))
        throw new HttpError(422, 'validation', 'status: succeeded or failed; log: at most 900 KiB of text', {
          details: [{field: 'status', rule: 'succeeded or failed'}],
        })
      agents.finishTask(o.db, t.id, status, typeof b.detail === 'string' ? b.detail.slice(0, 500) : null, log)
      return taskJson(agents.getTask(o.db, t.id)!)
    },
  },
  {
    auth: false,
    method: 'POST',
    path: `${FMS}/fleet-agents/self/printers`,
    handler(ctx, o) {
      const a = caller(ctx, o)
      const d = JSON.parse(a.definition) as FleetAgentDefinition
      const {printers: items, unmatched} = (ctx.body ?? {}) as {printers?: Reported[]; unmatched?: unknown}
      const version = reportedVersion(ctx.body)
      if (version) agents.setVersion(o.db, a.id, version)
      if (!Array.isArray(items) || items.length > 5000)
        throw new HttpError(422, 'validation', 'printers: an array of at most 5000', {details: [{field: 'printers', rule: 'at most 5000'}]})
      const lines = Array.isArray(unmatched) ? unmatched.filter((x): x is string => typeof x === 'string').slice(0, 100) : []
      agents.setUnmatched(
        o.db,
        a.id,
        lines.map((x) => x.slice(0, 500)),
      )
      const result = {enrolled: [] as string[], refreshed: [] as string[], skipped: [] as Array<{serialNumber: string; reason: string}>}
      for (const p of items) {
        if (typeof p?.serialNumber !== 'string' || !p.serialNumber) continue
        const current = enrollment.getPrinter(o.db, p.serialNumber)
        const owner = agents.agentOfPrinter(o.db, p.serialNumber)
        if (current && current.org_id !== a.org_id) {
          result.skipped.push({reason: 'enrolled in another organization', serialNumber: p.serialNumber})
          continue
        }
        if (current && owner !== a.id && !d.discovery.transferManagement) {
          result.skipped.push({
            reason: `already enrolled through ${current.agent === 'fleet' ? 'another Fleet Agent' : `its ${current.agent} agent`} (transfer management is off)`,
            serialNumber: p.serialNumber,
          })
          continue
        }
        if (!current || owner !== a.id) {
          enrollment.registerPrinter(o.db, a.org_id, {
            address: p.address,
            agent: 'fleet',
            firmware: p.firmware,
            manufacturer: p.manufacturer,
            modelName: p.modelName,
            serial: p.serialNumber,
          })
          agents.linkPrinter(o.db, p.serialNumber, a.id)
          result.enrolled.push(p.serialNumber)
        } else result.refreshed.push(p.serialNumber)
        const pages = typeof p.pageCount === 'number' ? p.pageCount : 0
        agents.setReading(
          o.db,
          p.serialNumber,
          {lifetimeCount: pages, printSideCount: pages},
          Array.isArray(p.supplies) ? p.supplies.slice(0, 64) : [],
        )
      }
      return result
    },
  },
]
