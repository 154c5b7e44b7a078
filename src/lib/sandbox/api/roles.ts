// Role routes of the sandbox: the catalog, and the roles of users, groups and organizations. Users' and
// groups' roles are managed by Organization or User Administrators, organization roles (an organizational
// setting) by Organization Administrators only, as the guide's table says.
import {canonicalRole, nearestRole, ROLE_CATALOG} from '../../cloud/index.js'
import * as people from '../store/people.js'
import * as roles from '../store/roles.js'
import {groupIn} from './groups.js'
import {HttpError, IMS, invalid, USER_ADMIN, visibleOrg, type Ctx, type HandlerOptions, type Route} from './kit.js'

const ORG_ADMIN = ['Organization Administrator']

/** The role names of the body's `assign` and `remove` lists, in the catalog's spelling. */
function change(ctx: Ctx): {assign: string[]; remove: string[]} {
  const body = (ctx.body ?? {}) as Record<string, unknown>
  const list = (field: 'assign' | 'remove'): string[] => {
    const v = body[field] ?? []
    if (!Array.isArray(v) || v.length > 50 || v.some((x) => typeof x !== 'string'))
      throw invalid(field, `${field}: a list of at most 50 role names`)
    return (v as string[]).map(
      (name) =>
        canonicalRole(name) ??
        (() => {
          throw invalid(field, `Unknown role "${name}" (did you mean "${nearestRole(name)}"?)`)
        })(),
    )
  }
  const out = {assign: list('assign'), remove: list('remove')}
  if (!out.assign.length && !out.remove.length) throw invalid('assign', 'nothing to do: give roles to assign or remove')
  const both = out.assign.find((r) => out.remove.includes(r))
  if (both) throw invalid('remove', `${both} is both assigned and removed`)
  return out
}

/** Applies a change to a set of roles: the new set and what actually changed. */
function applyChange(current: string[], c: {assign: string[]; remove: string[]}) {
  const assigned = c.assign.filter((r) => !current.includes(r))
  const removed = c.remove.filter((r) => current.includes(r))
  const next = [...current.filter((r) => !removed.includes(r)), ...assigned].sort()
  return {assigned, removed, roles: next}
}

function userIn(ctx: Ctx, o: HandlerOptions): people.UserRow {
  const org = visibleOrg(ctx, o, ctx.params.orgId)
  const email = decodeURIComponent(ctx.params.email).toLowerCase()
  const user = people.findUser(o.db, email)
  if (!user || user.org_id !== org.id) throw new HttpError(404, 'not_found', `No user ${email} in ${org.name}`)
  return user
}

function userRolesJson(o: HandlerOptions, user: people.UserRow) {
  const s = roles.userRoleSources(o.db, user.id, user.org_id)
  const effective = roles.effectiveRoles(s).map((name) => ({
    name,
    sources: [
      ...(s.user.includes(name) ? ['user'] : []),
      ...s.groups.filter((g) => g.roles.includes(name)).map((g) => `group ${g.name}`),
      ...(s.organization.includes(name) ? ['organization'] : []),
    ],
  }))
  return {effective, email: user.email, groups: s.groups, organization: s.organization, user: s.user}
}

export const roleRoutes: Route[] = [
  {auth: true, handler: () => ({content: ROLE_CATALOG}), method: 'GET', path: `${IMS}/roles`},
  {
    anyRole: USER_ADMIN,
    auth: true,
    handler: (ctx, o) => userRolesJson(o, userIn(ctx, o)),
    method: 'GET',
    path: `${IMS}/organizations/{orgId}/users/{email}/roles`,
  },
  {
    anyRole: USER_ADMIN,
    auth: true,
    method: 'POST',
    path: `${IMS}/organizations/{orgId}/users/{email}/roles`,
    handler(ctx, o) {
      const user = userIn(ctx, o)
      const c = change(ctx)
      const done = applyChange(roles.userOwnRoles(o.db, user.id), c)
      roles.setUserOwnRoles(o.db, user.id, done.roles)
      return {...userRolesJson(o, user), assigned: done.assigned, removed: done.removed}
    },
  },
  {
    anyRole: USER_ADMIN,
    auth: true,
    handler: (ctx, o) => ({roles: roles.groupRoles(o.db, groupIn(ctx, o).id)}),
    method: 'GET',
    path: `${IMS}/organizations/{orgId}/groups/{groupId}/roles`,
  },
  {
    anyRole: USER_ADMIN,
    auth: true,
    method: 'POST',
    path: `${IMS}/organizations/{orgId}/groups/{groupId}/roles`,
    handler(ctx, o) {
      const group = groupIn(ctx, o)
      const done = applyChange(roles.groupRoles(o.db, group.id), change(ctx))
      roles.setGroupRoles(o.db, group.id, done.roles)
      return done
    },
  },
  {
    anyRole: USER_ADMIN,
    auth: true,
    handler: (ctx, o) => ({roles: roles.orgRoles(o.db, visibleOrg(ctx, o, ctx.params.orgId).id)}),
    method: 'GET',
    path: `${IMS}/organizations/{orgId}/roles`,
  },
  {
    anyRole: ORG_ADMIN,
    auth: true,
    method: 'POST',
    path: `${IMS}/organizations/{orgId}/roles`,
    handler(ctx, o) {
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      const done = applyChange(roles.orgRoles(o.db, org.id), change(ctx))
      roles.setOrgRoles(o.db, org.id, done.roles)
      return done
    },
  },
]
