// Notification policy routes of the sandbox: supplies and printer information policies (the guide's
// rules and limits: at most 50 of each kind, thresholds 0–100 %, 1–7 days, unique names), and the
// notification history of the last 30 days by the sandbox clock. Fleet Management Administrators
// manage policies; reporting analysts read them.
import {categoryOf, checkPolicy, MAX_POLICIES, normalizePolicy, policyType, type Policy, type PolicyInput} from '../../policies/index.js'
import * as clock from '../store/clock.js'
import * as store from '../store/policies.js'
import {
  FLEET_ADMIN,
  FLEET_READ,
  FMS,
  HttpError,
  page,
  pageOf,
  requireRole,
  visibleOrg,
  type Ctx,
  type HandlerOptions,
  type Route,
} from './kit.js'

const BASE = `${FMS}/organizations/{orgId}/notification-policies`
const CATEGORY_NAME = {printerInformation: 'printer information', supplies: 'supplies'} as const

function policyIn(ctx: Ctx, o: HandlerOptions): Policy {
  const org = visibleOrg(ctx, o, ctx.params.orgId)
  const p = store.getPolicy(o.db, org.id, ctx.params.policyId)
  if (!p) throw new HttpError(404, 'not_found', `No notification policy ${ctx.params.policyId} in ${org.name}`)
  return p
}

/** A valid, normalized input whose name no other policy of the organization has. */
function checked(o: HandlerOptions, orgId: string, body: unknown, selfId?: string): PolicyInput {
  const problems = checkPolicy(body)
  if (problems.length) throw new HttpError(422, 'validation', problems.map((p) => `${p.field}: ${p.rule}`).join('; '), {details: problems})
  const input = normalizePolicy(body as PolicyInput)
  const same = store.policyByName(o.db, orgId, input.name)
  if (same && same.id !== selfId)
    throw new HttpError(409, 'conflict', `A notification policy named "${input.name}" already exists: a policy needs a unique name`, {
      details: [{field: 'name', rule: 'policy names are unique'}],
    })
  return input
}

function roomFor(o: HandlerOptions, orgId: string, input: PolicyInput): void {
  const category = categoryOf(input.type)!
  if (store.countPolicies(o.db, orgId, category) >= MAX_POLICIES)
    throw new HttpError(
      409,
      'limit_reached',
      // the guide's note ("You can create up to 50 supplies policies for an organization"); a limit, not a field's problem
      `The organization already has ${MAX_POLICIES} ${CATEGORY_NAME[category]} policies: you can create up to ${MAX_POLICIES} for an organization, delete one first`,
    )
}

function category(ctx: Ctx): 'supplies' | 'printerInformation' | undefined {
  const c = ctx.url.searchParams.get('category') ?? undefined
  if (c !== undefined && c !== 'supplies' && c !== 'printerInformation')
    throw new HttpError(400, 'validation', `category is supplies or printerInformation, got "${c}"`, {
      details: [{field: 'category', rule: 'supplies or printerInformation'}],
    })
  return c
}

export const policyRoutes: Route[] = [
  {
    anyRole: FLEET_READ,
    auth: true,
    method: 'GET',
    path: BASE,
    handler(ctx, o) {
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      const p = page(ctx)
      const rows = store.listPolicies(o.db, org.id, category(ctx))
      return pageOf(rows.slice(p.offset, p.offset + p.size), rows.length, p)
    },
  },
  {
    auth: true,
    method: 'POST',
    path: BASE,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      const input = checked(o, org.id, ctx.body)
      roomFor(o, org.id, input)
      return [201, store.createPolicy(o.db, org.id, categoryOf(input.type)!, input, clock.sandboxNow(o.db))]
    },
  },
  {anyRole: FLEET_READ, auth: true, handler: (ctx, o) => policyIn(ctx, o), method: 'GET', path: `${BASE}/{policyId}`},
  {
    auth: true,
    method: 'PUT',
    path: `${BASE}/{policyId}`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const p = policyIn(ctx, o)
      const input = checked(o, p.organizationId, ctx.body, p.id)
      const to = categoryOf(input.type)!
      if (to !== p.category) roomFor(o, p.organizationId, input)
      return store.updatePolicy(o.db, p.organizationId, p.id, to, input, clock.sandboxNow(o.db))
    },
  },
  {
    auth: true,
    method: 'POST',
    path: `${BASE}/{policyId}/duplicate`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const p = policyIn(ctx, o)
      const changes = (ctx.body ?? {}) as Partial<PolicyInput>
      if (typeof changes !== 'object' || Array.isArray(changes)) throw new HttpError(422, 'validation', 'the body is an object of changes')
      // the Create Notification Policy page, prefilled from the policy, with the new name and changes
      const {name, type, threshold, days, tags, recipients, additionalInfo, attachData} = {...p, ...changes}
      const sameKind = categoryOf(type) === p.category
      const input = checked(o, p.organizationId, {
        additionalInfo,
        attachData,
        name,
        recipients,
        tags,
        type,
        ...(categoryOf(type) === 'supplies' ? {threshold: sameKind || changes.threshold !== undefined ? threshold : undefined} : {}),
        ...(categoryOf(type) === 'printerInformation' ? {days: sameKind || changes.days !== undefined ? days : undefined} : {}),
      })
      roomFor(o, p.organizationId, input)
      return [201, store.createPolicy(o.db, p.organizationId, categoryOf(input.type)!, input, clock.sandboxNow(o.db))]
    },
  },
  {
    auth: true,
    method: 'DELETE',
    path: `${BASE}/{policyId}`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      store.deletePolicy(o.db, policyIn(ctx, o).id)
      return [204, undefined]
    },
  },
  {
    anyRole: FLEET_READ,
    auth: true,
    method: 'GET',
    path: `${FMS}/organizations/{orgId}/notification-history`,
    handler(ctx, o) {
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      const p = page(ctx)
      const q = (k: string) => ctx.url.searchParams.get(k) ?? undefined
      const [type, model, color] = [q('type'), q('model')?.toLowerCase(), q('color')?.toLowerCase()]
      const rows = store
        .listHistory(o.db, org.id, clock.sandboxNow(o.db), {category: category(ctx), policyId: q('policyId'), serial: q('serial')})
        .filter(
          (n) =>
            (!type || n.policyType === policyType(type)) &&
            (!model || n.model.toLowerCase().includes(model)) &&
            (!color || n.color?.toLowerCase() === color),
        )
      return pageOf(rows.slice(p.offset, p.offset + p.size), rows.length, p)
    },
  },
]
