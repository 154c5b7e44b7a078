// Local Agent routes of the sandbox (the guide's "Using the Local Agent"): the organization's activation
// code (generate for 1–3000 activations, raise to 10–3000, expire), the agents (Edit Local Agent's log
// level and polling interval, deactivate, delete — not an agent that enrolled MPS Express printers), the
// activation an installed agent makes, and its reports, which enroll its USB-attached printers.
import {activationsProblem, activationsUpdateProblem, LOCAL_CODE_TTL_MS, LOCAL_POLLING, localSettingsProblems} from '../../agents/index.js'
import {setReading} from '../store/agents.js'
import {sandboxNow} from '../store/clock.js'
import * as enrollment from '../store/enrollment.js'
import * as local from '../store/local-agents.js'
import {
  bearerToken,
  FLEET_ADMIN,
  FLEET_READ,
  FMS,
  HttpError,
  invalid,
  invalidAll,
  pageOfAll,
  refuseMpsAgent,
  requireRole,
  str,
  visibleOrg,
  type Ctx,
  type HandlerOptions,
  type Route,
} from './kit.js'

const BASE = `${FMS}/organizations/{orgId}/local-agents`

const codeJson = (c: local.CodeRow) => ({
  activations: c.activations,
  code: c.code,
  expiresAt: c.expires_at,
  remaining: c.activations - c.used,
})

const agentJson = (o: HandlerOptions, a: local.LocalAgentRow) => ({
  activatedAt: a.activated_at,
  hostname: a.hostname,
  id: a.id,
  lastCommunication: a.last_communication,
  logLevel: a.log_level,
  organizationId: a.org_id,
  pollingIntervalMin: a.polling_min,
  status: a.status,
  ...local.printerCounts(o.db, a.id),
})

/** Printers a workstation can report at once. */
const MAX_USB_PRINTERS = 100

const refuseIfMps = (o: HandlerOptions, a: local.LocalAgentRow, action: 'deleted' | 'deactivated') =>
  refuseMpsAgent(`The Local Agent on ${a.hostname}`, local.printerCounts(o.db, a.id).mpsPrinters, action)

/** The calling agent, by the token its activation gave it. */
function caller(ctx: Ctx, o: HandlerOptions): local.LocalAgentRow {
  const token = bearerToken(ctx)
  const a = token && local.agentByToken(o.db, token)
  if (!a) throw new HttpError(401, 'invalid_token', 'Unknown or deactivated Local Agent: activate it again with a valid activation code')
  local.touch(o.db, a.id)
  return a
}

interface UsbPrinter {
  serialNumber?: unknown
  manufacturer?: unknown
  modelName?: unknown
  firmware?: unknown
  pageCount?: unknown
}

function noCode(): HttpError {
  return new HttpError(404, 'not_found', 'There is no valid Local Agent activation code: generate one')
}

function agentIn(ctx: Ctx, o: HandlerOptions): local.LocalAgentRow {
  const org = visibleOrg(ctx, o, ctx.params.orgId)
  const a = local.getAgent(o.db, ctx.params.agentId)
  if (!a || a.org_id !== org.id) throw new HttpError(404, 'not_found', `No Local Agent ${ctx.params.agentId} in ${org.name}`)
  return a
}

function activations(ctx: Ctx): unknown {
  return (ctx.body as {activations?: unknown} | undefined)?.activations
}

export const localAgentRoutes: Route[] = [
  {
    anyRole: FLEET_READ,
    auth: true,
    method: 'GET',
    path: `${BASE}/activation-code`,
    handler(ctx, o) {
      const c = local.validCode(o.db, visibleOrg(ctx, o, ctx.params.orgId).id)
      if (!c) throw noCode()
      return codeJson(c)
    },
  },
  {
    auth: true,
    method: 'POST',
    path: `${BASE}/activation-code`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      const n = activations(ctx)
      const problem = activationsProblem(n)
      if (problem) throw invalid('activations', problem)
      return [201, codeJson(local.generateCode(o.db, org.id, n as number, LOCAL_CODE_TTL_MS))]
    },
  },
  {
    auth: true,
    method: 'PATCH',
    path: `${BASE}/activation-code`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      const c = local.validCode(o.db, org.id)
      if (!c)
        throw new HttpError(
          410,
          'code_expired',
          'You cannot increase the activations allowed for an expired activation code: generate a new one',
        )
      const n = activations(ctx)
      const problem = activationsUpdateProblem(n, c.activations)
      if (problem) throw invalid('activations', problem)
      local.setActivations(o.db, org.id, n as number)
      return codeJson(local.validCode(o.db, org.id)!)
    },
  },
  {
    auth: true,
    method: 'DELETE',
    path: `${BASE}/activation-code`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      if (!local.validCode(o.db, org.id)) throw noCode()
      local.expireCode(o.db, org.id)
      return [204, undefined]
    },
  },
  {
    anyRole: FLEET_READ,
    auth: true,
    method: 'GET',
    path: BASE,
    handler(ctx, o) {
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      return pageOfAll(ctx, local.listAgents(o.db, org.id), (a) => agentJson(o, a))
    },
  },
  {
    auth: true,
    method: 'PATCH',
    path: `${BASE}/{agentId}`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const a = agentIn(ctx, o)
      const body = (ctx.body ?? {}) as {logLevel?: unknown; pollingIntervalMin?: unknown}
      const problems = localSettingsProblems(body)
      if (problems.length) throw invalidAll(problems)
      local.updateAgent(o.db, a.id, {
        logLevel: body.logLevel as string | undefined,
        pollingMin: body.pollingIntervalMin as number | undefined,
      })
      return agentJson(o, local.getAgent(o.db, a.id)!)
    },
  },
  {
    auth: true,
    method: 'POST',
    path: `${BASE}/{agentId}/deactivate`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const a = agentIn(ctx, o)
      refuseIfMps(o, a, 'deactivated')
      local.deactivateAgent(o.db, a.id)
      return agentJson(o, local.getAgent(o.db, a.id)!)
    },
  },
  {
    auth: true,
    method: 'DELETE',
    path: `${BASE}/{agentId}`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const a = agentIn(ctx, o)
      refuseIfMps(o, a, 'deleted')
      local.deleteAgent(o.db, a.id)
      return [204, undefined]
    },
  },
  {
    // An installed Local Agent activates with the code (no bearer: the code authorizes); a deactivated
    // agent gives its id to be reactivated.
    auth: false,
    method: 'POST',
    path: `${FMS}/local-agents/activations`,
    handler(ctx, o) {
      const value = str(ctx.body, 'code') ?? ''
      const hostname = str(ctx.body, 'hostname')?.trim()
      if (!hostname || hostname.length > 253)
        throw new HttpError(422, 'validation', 'hostname is required', {details: [{field: 'hostname', rule: '1–253 characters'}]})
      const c = local.codeByValue(o.db, value)
      if (!c) throw new HttpError(404, 'code_unknown', 'The activation code is not valid: make sure it is correct, or generate a new one')
      if (c.expires_at <= sandboxNow(o.db))
        throw new HttpError(410, 'code_expired', 'The activation code has expired (codes are valid for 72 hours): generate a new one')
      if (c.used >= c.activations)
        throw new HttpError(
          410,
          'code_used_up',
          `The activation code has no activations left (all ${c.activations} used): generate a new one`,
        )
      const agentId = str(ctx.body, 'agentId')
      if (agentId) {
        const a = local.getAgent(o.db, agentId)
        if (!a || a.org_id !== c.org_id) throw new HttpError(404, 'not_found', `No Local Agent ${agentId} for this code`)
      }
      const {agent, token} = local.activate(o.db, c, hostname, {logLevel: 'detailed', pollingMin: LOCAL_POLLING.default}, agentId)
      return [201, {...agentJson(o, agent), token}]
    },
  },
  {
    // the agent reports its USB-attached printers: new ones are enrolled through it (no network address)
    auth: false,
    method: 'POST',
    path: `${FMS}/local-agents/self/printers`,
    handler(ctx, o) {
      const a = caller(ctx, o)
      const items = (ctx.body as {printers?: UsbPrinter[]} | undefined)?.printers
      const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined)
      if (!Array.isArray(items) || items.length > MAX_USB_PRINTERS || !items.every((p) => text(p?.serialNumber) && text(p?.modelName)))
        throw new HttpError(
          422,
          'validation',
          `printers: at most ${MAX_USB_PRINTERS}, each with serialNumber, manufacturer and modelName`,
          {
            details: [{field: 'printers', rule: `at most ${MAX_USB_PRINTERS}, each with serialNumber and modelName`}],
          },
        )
      const result = {enrolled: [] as string[], refreshed: [] as string[], skipped: [] as Array<{serialNumber: string; reason: string}>}
      o.db.transaction(() => {
        for (const p of items) {
          const serial = text(p.serialNumber)!
          const current = enrollment.getPrinter(o.db, serial)
          const mine = local.agentOfPrinter(o.db, serial) === a.id
          if (current && (current.org_id !== a.org_id || (!mine && current.agent !== 'local'))) {
            const why =
              current.org_id !== a.org_id ? 'enrolled in another organization' : `already enrolled through its ${current.agent} agent`
            result.skipped.push({reason: why, serialNumber: serial})
            continue
          }
          if (!mine) {
            enrollment.registerPrinter(o.db, a.org_id, {
              agent: 'local',
              firmware: text(p.firmware),
              manufacturer: text(p.manufacturer) ?? 'Unknown',
              modelName: text(p.modelName)!,
              serial,
            })
            local.linkPrinter(o.db, enrollment.getPrinter(o.db, serial)!.serial, a.id)
            result.enrolled.push(serial)
          } else result.refreshed.push(serial)
          const pages = typeof p.pageCount === 'number' && Number.isSafeInteger(p.pageCount) && p.pageCount >= 0 ? p.pageCount : 0
          setReading(o.db, serial, {lifetimeCount: pages, printSideCount: pages}, [])
        }
      })()
      return {...result, pollingIntervalMin: a.polling_min}
    },
  },
]
