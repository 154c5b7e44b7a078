// The access sections of a rollout file: `roles` (of the organization, of groups, of users) and
// `accessGroups` (the partner's Child Organization Access Groups, whose members reach every customer
// organization). Both are declarative: a holder or group listed ends with exactly the roles (and
// members) given; one left out is left alone. Role names are checked against the role catalog (any
// case, a did-you-mean at the name's line); holders must exist or be created by the same file.
import {canonicalRole, nearestRole, type AccessGroup, type CloudClient, type Organization, type User} from '../cloud/index.js'
import {groupRule} from '../csv/index.js'
import {LcsError} from '../errors.js'
import {didYouMean, type Path} from '../deploy/index.js'
import {findGroup} from '../lookups.js'
import {settle} from '../ui/index.js'
import {parentOf} from './new-organization.js'
import {newUsers} from './people-sections.js'
import {itemKey, listedTwice, PHASE, updateOrUnchanged, type PlanItem, type RolloutContext, type Section, type UserDoc} from './types.js'

/** Every Child Organization Access Group carries it; it cannot be removed. */
const PARTNER_ADMIN = 'Partner Administrator'

interface RolesDoc {
  organization?: string[]
  groups?: Record<string, string[]>
  users?: Record<string, string[]>
}

interface AccessGroupDoc {
  name: string
  roles?: string[]
  members?: string[]
  state?: 'present' | 'absent'
}

/** The catalog's spelling of each role listed at `path`; unknown and repeated names are problems there. */
function rolesAt(ctx: RolloutContext, path: Path, names: string[]): string[] {
  const out: string[] = []
  names.forEach((name, i) => {
    const role = canonicalRole(name)
    if (!role) ctx.problem([...path, i], `unknown role "${name}" (did you mean "${nearestRole(name)}"?); lcs roles list shows every role`)
    else if (out.includes(role)) ctx.problem([...path, i], `${role} is listed twice`)
    else out.push(role)
  })
  return out
}

/** What turns `current` into `want`: the roles to assign and to remove, and how the plan names them. */
function roleChange(current: string[], want: string[]) {
  const assign = want.filter((r) => !current.includes(r))
  const remove = current.filter((r) => !want.includes(r))
  return {assign, changes: [...assign.map((r) => `+${r}`), ...remove.map((r) => `-${r}`)], remove}
}

const rolesDetail = (roles: string[]) => (roles.length ? roles.join(', ') : 'no roles')

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const x of items) out.push(x)
  return out
}

// ---- roles ----

/** Groups the file creates: the groups section and the groups of inline users. */
function fileGroups(ctx: RolloutContext): string[] {
  const inline = (ctx.doc.users ?? []).flatMap((u) => (u as UserDoc).groups ?? [])
  return [...(ctx.doc.groups ?? []), ...inline]
}

export const rolesSection: Section = {
  key: 'roles',
  async plan(ctx) {
    const doc = ctx.doc.roles as RolesDoc | undefined
    if (!doc) return []
    const orgId = ctx.orgId
    const c = ctx.client
    const items: PlanItem[] = []
    const base = {kind: 'roles', phase: PHASE.roles}
    const push = (name: string, path: Path, current: string[], want: string[], run: RolesRun, dependsOn?: string[]) => {
      const {assign, changes, remove} = roleChange(current, want)
      items.push(
        updateOrUnchanged(
          {...base, dependsOn, detail: rolesDetail(want), name, path},
          changes,
          async (x) => void (await run(x, {assign, remove})),
        ),
      )
    }
    if (doc.organization) {
      const want = rolesAt(ctx, ['roles', 'organization'], doc.organization)
      const current = orgId ? (await c.roles.ofOrganization(orgId)).roles : []
      push('organization', ['roles', 'organization'], current, want, (x, change) => x.client.roles.changeOrganization(x.orgId!, change))
    }
    if (doc.groups) {
      const existing = new Map(orgId ? (await all(c.groups.list(orgId))).map((g) => [g.name.toLowerCase(), g]) : [])
      const created = new Map(fileGroups(ctx).map((g) => [g.toLowerCase(), g]))
      for (const [name, list] of Object.entries(doc.groups)) {
        const path = ['roles', 'groups', name]
        const broken = groupRule(name)
        if (broken) ctx.problem(path, broken, true)
        const want = rolesAt(ctx, path, list)
        const group = existing.get(name.toLowerCase())
        if (!group && !created.has(name.toLowerCase())) {
          const guess = didYouMean(name, [...existing.values()].map((g) => g.name).concat([...created.values()]))
          ctx.problem(
            path,
            `no group "${name}" in ${ctx.orgName}${guess ? ` (did you mean "${guess}"?)` : ''}: list it under groups to create it`,
            true,
          )
          continue
        }
        const current = group ? (await c.roles.ofGroup(orgId!, group.id)).roles : []
        const dependsOn = group ? undefined : [itemKey('group', name)]
        push(
          `group ${group?.name ?? name}`,
          path,
          current,
          want,
          async (x, change) => {
            const id = group?.id ?? (await findGroup(x.client, x.orgId!, name)).id
            return x.client.roles.changeGroup(x.orgId!, id, change)
          },
          dependsOn,
        )
      }
    }
    if (doc.users) {
      const existing = new Map<string, User>(orgId ? (await all(c.users.list(orgId))).map((u) => [u.email.toLowerCase(), u]) : [])
      const fresh = newUsers(ctx)
      const inline = new Set((ctx.doc.users ?? []).map((u) => (u as UserDoc).email?.toLowerCase()))
      const deleted = new Set(
        (ctx.doc.users ?? []).filter((u) => (u as UserDoc).state === 'absent').map((u) => (u as UserDoc).email.toLowerCase()),
      )
      for (const [address, list] of Object.entries(doc.users)) {
        const email = address.toLowerCase()
        const path = ['roles', 'users', address]
        const want = rolesAt(ctx, path, list)
        const user = existing.get(email)
        if (deleted.has(email)) {
          ctx.problem(path, `${email} is deleted by this file (users, state: absent): give roles to users that stay`, true)
          continue
        }
        if (!user && !fresh.has(email)) {
          const guess = didYouMean(email, [...existing.keys(), ...fresh])
          ctx.problem(
            path,
            `no user ${email} in ${ctx.orgName}${guess ? ` (did you mean "${guess}"?)` : ''}, and this file does not create that user`,
            true,
          )
          continue
        }
        const current = user ? (await c.roles.ofUser(orgId!, email)).user : []
        const dependsOn = !user && inline.has(email) ? [itemKey('user', email)] : undefined
        push(`user ${email}`, path, current, want, (x, change) => x.client.roles.changeUser(x.orgId!, email, change), dependsOn)
      }
    }
    return items
  },
}

type RolesRun = (ctx: RolloutContext, change: {assign: string[]; remove: string[]}) => Promise<unknown>

// ---- Child Organization Access Groups ----

/** The partner organization that holds the access groups: the organization itself, or its parent. */
async function partnerOf(ctx: RolloutContext): Promise<Organization | undefined> {
  if (!ctx.orgId) return parentOf(ctx)
  const org = await ctx.client.orgs.get(ctx.orgId)
  if (org.type === 'partner' || !org.parentId) return org
  try {
    return await ctx.client.orgs.get(org.parentId)
  } catch (error) {
    // a parent out of the caller's reach is answered as absent
    if (error instanceof LcsError && error.kind === 'notFound') return org
    throw error
  }
}

/** The signed-in user's e-mail address (client credentials have none). */
async function callerEmail(client: CloudClient): Promise<string | undefined> {
  return (await client.tokenInfo()).email?.toLowerCase() ?? undefined
}

export const accessGroupsSection: Section = {
  key: 'accessGroups',
  async plan(ctx) {
    const list = (ctx.doc.accessGroups ?? []) as AccessGroupDoc[]
    if (!list.length) return []
    listedTwice(
      ctx,
      'accessGroups',
      list.map((g) => g.name),
      'name',
    )
    const partner = await partnerOf(ctx)
    if (!partner || partner.type !== 'partner') {
      ctx.problem(
        ['accessGroups'],
        `Child Organization Access Groups belong to a partner organization: neither ${partner?.name ?? ctx.orgName} nor an organization above it that this account reaches is one`,
      )
      return []
    }
    const groups = new Map<string, AccessGroup>((await ctx.client.accessGroups.list(partner.id)).map((g) => [g.name.toLowerCase(), g]))
    const partnerUsers = new Set((await all(ctx.client.users.list(partner.id))).map((u) => u.email.toLowerCase()))
    const me = await callerEmail(ctx.client)
    const items: PlanItem[] = []
    for (const [i, g] of list.entries()) {
      const path = ['accessGroups', i]
      const existing = groups.get(g.name.toLowerCase())
      const base = {kind: 'access group', name: g.name, path, phase: PHASE.accessGroups}
      if (g.state === 'absent') {
        items.push(
          existing
            ? {...base, action: 'delete', detail: partner.name, run: (x) => x.client.accessGroups.delete(partner.id, existing.id)}
            : {...base, action: 'unchanged', detail: 'absent'},
        )
        continue
      }
      const broken = groupRule(g.name)
      if (broken) ctx.problem([...path, 'name'], broken)
      const roles = rolesAt(ctx, [...path, 'roles'], g.roles ?? [])
      const want = [PARTNER_ADMIN, ...roles.filter((r) => r !== PARTNER_ADMIN)]
      const members: string[] = []
      for (const [j, m] of (g.members ?? []).entries()) {
        const email = m.toLowerCase()
        if (members.includes(email)) ctx.problem([...path, 'members', j], `${email} is listed twice`)
        else if (!partnerUsers.has(email)) {
          const guess = didYouMean(email, [...partnerUsers])
          ctx.problem(
            [...path, 'members', j],
            `no user ${email} in ${partner.name}${guess ? ` (did you mean "${guess}"?)` : ''}: members of a Child Organization Access Group are users of the partner organization`,
          )
        } else members.push(email)
      }
      const detail = `${partner.name}: ${want.join(', ')}; ${members.length} member${members.length === 1 ? '' : 's'}`
      if (!existing) {
        items.push({
          ...base,
          action: 'create',
          detail,
          async run(x) {
            const made = await x.client.accessGroups.create(partner.id, g.name, want.slice(1))
            if (members.length) await changeMembers(x, partner.id, made.id, members, [])
          },
        })
        continue
      }
      const {assign, remove} = roleChange(existing.roles, want)
      const current = existing.members.map((m) => m.toLowerCase())
      const add = members.filter((m) => !current.includes(m))
      const drop = current.filter((m) => !members.includes(m))
      if (me && drop.includes(me))
        ctx.problem(
          [...path, 'members'],
          `you (${me}) are a member of "${existing.name}" and would lose the access it gives: list yourself under members`,
        )
      const changes = [...(assign.length || remove.length ? ['roles'] : []), ...(add.length || drop.length ? ['members'] : [])]
      items.push(
        updateOrUnchanged({...base, detail}, changes, async (x) => {
          if (assign.length || remove.length) await x.client.accessGroups.changeRoles(partner.id, existing.id, {assign, remove})
          if (add.length || drop.length) await changeMembers(x, partner.id, existing.id, add, drop)
        }),
      )
    }
    return items
  },
}

/** Adds and removes members of an access group; a rejected member fails the item. */
async function changeMembers(x: RolloutContext, partnerId: string, groupId: string, add: string[], remove: string[]): Promise<void> {
  const items = [
    ...add.map((email) => ({email, operation: 'ADD' as const})),
    ...remove.map((email) => ({email, operation: 'REMOVE' as const})),
  ]
  const {failure} = settle(
    items.map((i) => i.email),
    await x.client.accessGroups.changeMembers(partnerId, groupId, items),
  )
  if (failure) throw failure
}
