// Child Organization Access Group routes of the sandbox (partner organizations only): list, create,
// delete, members and roles. Every group carries Partner Administrator, which cannot be removed.
import {canonicalRole, nearestRole, type Outcome} from '../../cloud/index.js'
import {emailRule, groupRule} from '../../csv/index.js'
import * as access from '../store/access-groups.js'
import * as people from '../store/people.js'
import {batch, HttpError, IMS, invalid, text, USER_ADMIN, visibleOrg, type Ctx, type HandlerOptions, type Item, type Route} from './kit.js'

const BASE = `${IMS}/organizations/{orgId}/access-groups`

function partnerOrg(ctx: Ctx, o: HandlerOptions) {
  const org = visibleOrg(ctx, o, ctx.params.orgId)
  if (org.type !== 'partner')
    throw new HttpError(
      422,
      'validation',
      `${org.name} is not a partner organization: Child Organization Access Groups are for channel partners`,
    )
  return org
}

function groupIn(ctx: Ctx, o: HandlerOptions) {
  const org = partnerOrg(ctx, o)
  const g = access.findAccessGroup(o.db, org.id, ctx.params.groupId)
  if (!g) throw new HttpError(404, 'not_found', `No Child Organization Access Group ${ctx.params.groupId} in ${org.name}`)
  return {...g, orgId: org.id}
}

const json = (o: HandlerOptions, g: {id: string; name: string}) => ({
  id: g.id,
  members: access.accessMembers(o.db, g.id),
  name: g.name,
  roles: access.accessRoles(o.db, g.id),
})

function roleList(body: unknown, field: 'assign' | 'remove'): string[] {
  const v = (body as Record<string, unknown> | undefined)?.[field] ?? []
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw invalid(field, `${field}: a list of role names`)
  return (v as string[]).map(
    (n) =>
      canonicalRole(n) ??
      (() => {
        throw invalid(field, `Unknown role "${n}" (did you mean "${nearestRole(n)}"?)`)
      })(),
  )
}

function memberItem(o: HandlerOptions, g: {id: string; orgId: string}, item: Item): Outcome {
  const op = item.operation
  if (op !== 'ADD' && op !== 'REMOVE') throw invalid('operation', 'operation must be ADD or REMOVE')
  const email = text(item, 'email', (v) => emailRule(v.toLowerCase()))?.toLowerCase()
  if (!email) throw invalid('email', 'email is required')
  const user = people.findUser(o.db, email)
  // members are users of the partner organization itself
  if (!user || user.org_id !== g.orgId)
    throw new HttpError(404, 'not_found', `No user ${email} in the partner organization`, {
      details: [{field: 'email', rule: 'a user of the partner organization'}],
    })
  const member = access.isAccessMember(o.db, g.id, user.id)
  if (op === 'ADD') {
    if (member) return 'unchanged'
    access.addAccessMember(o.db, g.id, user.id)
    return 'created'
  }
  if (!member) return 'unchanged'
  access.removeAccessMember(o.db, g.id, user.id)
  return 'deleted'
}

export const accessGroupRoutes: Route[] = [
  {
    anyRole: USER_ADMIN,
    auth: true,
    handler: (ctx, o) => ({content: access.listAccessGroups(o.db, partnerOrg(ctx, o).id).map((g) => json(o, g))}),
    method: 'GET',
    path: BASE,
  },
  {
    anyRole: USER_ADMIN,
    auth: true,
    method: 'POST',
    path: BASE,
    handler(ctx, o) {
      const org = partnerOrg(ctx, o)
      const name = text((ctx.body ?? {}) as Item, 'name', groupRule)?.trim()
      if (!name) throw invalid('name', 'name is required')
      if (access.findAccessGroup(o.db, org.id, name))
        throw new HttpError(409, 'conflict', `A Child Organization Access Group named "${name}" already exists`)
      const roles = roleList(ctx.body, 'assign')
      const id = access.createAccessGroup(o.db, org.id, name, roles)
      return [201, json(o, {id, name})]
    },
  },
  {
    anyRole: USER_ADMIN,
    auth: true,
    method: 'DELETE',
    path: `${BASE}/{groupId}`,
    handler(ctx, o) {
      access.deleteAccessGroup(o.db, groupIn(ctx, o).id)
      return [204, undefined]
    },
  },
  {
    anyRole: USER_ADMIN,
    auth: true,
    method: 'POST',
    path: `${BASE}/{groupId}/members/batch`,
    handler(ctx, o) {
      const g = groupIn(ctx, o)
      return batch(ctx, o, 1000, (item) => memberItem(o, g, item))
    },
  },
  {
    anyRole: USER_ADMIN,
    auth: true,
    method: 'POST',
    path: `${BASE}/{groupId}/roles`,
    handler(ctx, o) {
      const g = groupIn(ctx, o)
      const assign = roleList(ctx.body, 'assign')
      const remove = roleList(ctx.body, 'remove')
      if (remove.includes(access.PARTNER_ADMIN))
        throw invalid(
          'remove',
          'Partner Administrator cannot be removed from a Child Organization Access Group: it is what gives access to the customer organizations',
        )
      const current = access.accessRoles(o.db, g.id)
      const assigned = assign.filter((r) => !current.includes(r))
      const removed = remove.filter((r) => current.includes(r))
      access.setAccessRoles(o.db, g.id, [...current.filter((r) => !removed.includes(r)), ...assigned])
      return {assigned, removed, roles: access.accessRoles(o.db, g.id)}
    },
  },
]
