// Fleet Agent routes of the sandbox: definitions (checked with the client's rules; overlapping criteria
// answer with the guide's warning), activation codes, and the calls an activated agent makes.
import {checkDefinition, overlapping, redactDefinition, type FleetAgentDefinition} from '../../agents/index.js'
import * as enrollment from '../store/enrollment.js'
import * as agents from '../store/agents.js'
import {FMS, HttpError, page, pageOf, requireRole, visibleOrg, type Ctx, type HandlerOptions, type Route} from './kit.js'

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
    name: r.name,
    organizationId: r.org_id,
    printers,
    status: r.status,
    ...(warnings ? {warnings} : {}),
  }
}

function checked(o: HandlerOptions, orgId: string, body: unknown, selfId?: string): {d: FleetAgentDefinition; warnings: string[]} {
  const d = body as FleetAgentDefinition
  const problems = checkDefinition(d)
  if (problems.length) throw new HttpError(422, 'validation', problems.map((p) => `${p.field}: ${p.rule}`).join('; '), {details: problems})
  const same = agents.findAgentByName(o.db, orgId, d.name)
  if (same && same.id !== selfId)
    throw new HttpError(409, 'conflict', `A Fleet Agent named "${d.name}" already exists`, {
      details: [{field: 'name', rule: 'agent names are unique'}],
    })
  const warnings: string[] = []
  for (const other of agents.listAgents(o.db, orgId)) {
    if (other.id === selfId) continue
    const shared = overlapping(d, JSON.parse(other.definition) as FleetAgentDefinition)
    if (shared.length)
      warnings.push(
        `Discovery criteria of "${d.name}" overlap those of "${other.name}" (${shared.join(', ')}): overlapping criteria cause printers to switch between Fleet Agents.`,
      )
  }
  return {d, warnings}
}

function agentOf(ctx: Ctx, o: HandlerOptions): agents.AgentRow {
  visibleOrg(ctx, o, ctx.params.orgId)
  const r = agents.getAgent(o.db, ctx.params.agentId)
  if (!r || r.org_id !== ctx.params.orgId) throw new HttpError(404, 'not_found', `Fleet Agent ${ctx.params.agentId} not found`)
  return r
}

/** The calling agent, by the token its activation gave it. */
function caller(ctx: Ctx, o: HandlerOptions): agents.AgentRow {
  const m = /^Bearer\s+(\S+)$/i.exec(ctx.req.headers.authorization ?? '')
  const r = m && agents.agentByToken(o.db, m[1])
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
      const {d, warnings} = checked(o, r.org_id, ctx.body, r.id)
      agents.updateAgent(o.db, r.id, d)
      return view(o, agents.getAgent(o.db, r.id)!, warnings)
    },
  },
  {
    auth: true,
    method: 'DELETE',
    path: `${BASE}/{agentId}`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      agents.deleteAgent(o.db, agentOf(ctx, o).id)
      return [204, undefined]
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
      const a = agents.activate(o.db, code)
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
    auth: false,
    method: 'POST',
    path: `${FMS}/fleet-agents/self/printers`,
    handler(ctx, o) {
      const a = caller(ctx, o)
      const d = JSON.parse(a.definition) as FleetAgentDefinition
      const items = (ctx.body as {printers?: Reported[]})?.printers
      if (!Array.isArray(items) || items.length > 5000)
        throw new HttpError(422, 'validation', 'printers: an array of at most 5000', {details: [{field: 'printers', rule: 'at most 5000'}]})
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
