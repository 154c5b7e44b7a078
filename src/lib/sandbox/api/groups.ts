// Group routes of the sandbox beyond list and create (people.ts): one group with its roles, rename,
// delete, and members (list, batch add/remove by e-mail). Managing groups is for Organization and User
// Administrators (the guide: they "add and remove user accounts from groups").
import {GROUP_MEMBERS_BATCH_MAX, type Outcome} from '../../cloud/index.js'
import {emailRule, groupRule} from '../../csv/index.js'
import * as groups from '../store/groups.js'
import * as people from '../store/people.js'
import {groupRoles} from '../store/roles.js'
import {
  batch,
  HttpError,
  IMS,
  invalid,
  page,
  pageOf,
  text,
  USER_ADMIN,
  visibleOrg,
  type Ctx,
  type HandlerOptions,
  type Item,
  type Route,
} from './kit.js'

const GROUP = `${IMS}/organizations/{orgId}/groups/{groupId}`

export function groupIn(ctx: Ctx, o: HandlerOptions): {id: string; name: string; orgId: string} {
  const org = visibleOrg(ctx, o, ctx.params.orgId)
  const group = people.groupById(o.db, org.id, ctx.params.groupId)
  if (!group) throw new HttpError(404, 'not_found', `No group ${ctx.params.groupId} in ${org.name}`)
  return {...group, orgId: org.id}
}

const groupJson = (o: HandlerOptions, g: {id: string; name: string}) => ({
  id: g.id,
  memberCount: groups.memberCount(o.db, g.id),
  name: g.name,
  roles: groupRoles(o.db, g.id),
})

function memberItem(o: HandlerOptions, group: {id: string; orgId: string}, item: Item): Outcome {
  const op = item.operation
  if (op !== 'ADD' && op !== 'REMOVE') throw invalid('operation', 'operation must be ADD or REMOVE')
  const email = text(item, 'email', (v) => emailRule(v.toLowerCase()))?.toLowerCase()
  if (!email) throw invalid('email', 'email is required')
  const user = people.findUser(o.db, email)
  if (!user || user.org_id !== group.orgId)
    throw new HttpError(404, 'not_found', `No user ${email} in this organization`, {
      details: [{field: 'email', rule: 'the user must exist'}],
    })
  const member = groups.isMember(o.db, group.id, user.id)
  if (op === 'ADD') {
    if (member) return 'unchanged'
    groups.addMember(o.db, group.id, user.id)
    return 'created'
  }
  if (!member) return 'unchanged'
  groups.removeMember(o.db, group.id, user.id)
  return 'deleted'
}

export const groupRoutes: Route[] = [
  {anyRole: USER_ADMIN, auth: true, handler: (ctx, o) => groupJson(o, groupIn(ctx, o)), method: 'GET', path: GROUP},
  {
    anyRole: USER_ADMIN,
    auth: true,
    method: 'PATCH',
    path: GROUP,
    handler(ctx, o) {
      const group = groupIn(ctx, o)
      const name = text((ctx.body ?? {}) as Item, 'name', groupRule)?.trim()
      if (!name) throw invalid('name', 'name is required')
      const dup = people.findGroup(o.db, group.orgId, name)
      if (dup && dup.id !== group.id)
        throw new HttpError(409, 'conflict', `A group named "${dup.name}" already exists`, {
          details: [{field: 'name', rule: 'group names are unique in any case'}],
        })
      groups.renameGroup(o.db, group.id, name)
      return groupJson(o, {id: group.id, name})
    },
  },
  {
    anyRole: USER_ADMIN,
    auth: true,
    method: 'DELETE',
    path: GROUP,
    handler(ctx, o) {
      groups.deleteGroup(o.db, groupIn(ctx, o).id)
      return [204, undefined]
    },
  },
  {
    anyRole: USER_ADMIN,
    auth: true,
    method: 'GET',
    path: `${GROUP}/members`,
    handler(ctx, o) {
      const group = groupIn(ctx, o)
      const p = page(ctx)
      const {rows, total} = groups.listMembers(o.db, group.id, p.offset, p.size)
      return pageOf(
        rows.map((r) => ({email: r.email, firstName: r.first_name, lastName: r.last_name})),
        total,
        p,
      )
    },
  },
  {
    anyRole: USER_ADMIN,
    auth: true,
    method: 'POST',
    path: `${GROUP}/members/batch`,
    handler(ctx, o) {
      const group = groupIn(ctx, o)
      return batch(ctx, o, GROUP_MEMBERS_BATCH_MAX, (item) => memberItem(o, group, item))
    },
  },
]
