// Local Agent routes of the sandbox (the guide's "Using the Local Agent"): the organization's activation
// code (generate for 1–3000 activations, raise to 10–3000, expire), the agents (Edit Local Agent's log
// level and polling interval, deactivate, delete), and the activation an installed agent makes.
import {activationsProblem, activationsUpdateProblem, LOCAL_CODE_TTL_MS, LOCAL_POLLING, localSettingsProblems} from '../../agents/index.js'
import * as local from '../store/local-agents.js'
import {
  FLEET_ADMIN,
  FLEET_READ,
  FMS,
  HttpError,
  invalid,
  invalidAll,
  pageOfAll,
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

const agentJson = (a: local.LocalAgentRow) => ({
  activatedAt: a.activated_at,
  hostname: a.hostname,
  id: a.id,
  lastCommunication: a.last_communication,
  logLevel: a.log_level,
  organizationId: a.org_id,
  pollingIntervalMin: a.polling_min,
  status: a.status,
})

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
      return pageOfAll(ctx, local.listAgents(o.db, org.id), agentJson)
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
      return agentJson(local.getAgent(o.db, a.id)!)
    },
  },
  {
    auth: true,
    method: 'POST',
    path: `${BASE}/{agentId}/deactivate`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const a = agentIn(ctx, o)
      local.deactivateAgent(o.db, a.id)
      return agentJson(local.getAgent(o.db, a.id)!)
    },
  },
  {
    auth: true,
    method: 'DELETE',
    path: `${BASE}/{agentId}`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      local.deleteAgent(o.db, agentIn(ctx, o).id)
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
      if (c.expires_at <= Date.now())
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
      return [201, agentJson(local.activate(o.db, c, hostname, {logLevel: 'detailed', pollingMin: LOCAL_POLLING.default}, agentId))]
    },
  },
]
