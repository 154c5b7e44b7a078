// People routes of the sandbox: users (list, batch create/update/delete with groups and PINs), groups (list,
// create an empty one), badges and
// PINs (list, batch register/delete/set), and the organization's printer-login configuration. The batch endpoints check
// every item with the same rules as the client's import validation (src/lib/csv/rules.ts).
import {
  BADGE_DESCRIPTION_MAX,
  BADGES_BATCH_MAX,
  loginConfigProblems,
  USERS_BATCH_MAX,
  USERS_LOOKUP_MAX,
  type LoginMethod,
  type Outcome,
  type PinExpiry,
  type PinPolicy,
} from '../../cloud/index.js'
import {getProvider, isFederated} from '../store/federation.js'
import {sendMail} from '../store/outbox.js'
import {badgeRule, emailRule, groupRule, MAX_GROUPS, passwordRule, PIN_MAX, PIN_MIN, pinRule, textRule} from '../../csv/index.js'
import {hashPasswordAsync, verifyPassword} from '../store/passwords.js'
import * as people from '../store/people.js'
import {
  batch,
  bool,
  HttpError,
  IMS,
  invalid,
  page,
  pageOf,
  requireRole,
  stronger,
  text,
  USER_ADMIN,
  visibleOrg,
  type Ctx,
  type HandlerOptions,
  type Item,
  type Route,
} from './kit.js'

const nameRule = textRule(100)
const descriptionRule = textRule(BADGE_DESCRIPTION_MAX)

const userJson = (u: people.UserRow & {groups: string[]}) => ({
  costCenter: u.cost_center,
  department: u.department,
  displayName: u.display_name,
  email: u.email,
  firstName: u.first_name,
  groups: u.groups,
  id: u.id,
  lastName: u.last_name,
  organizationId: u.org_id,
  pinSet: Boolean(u.pin_set),
  roles: JSON.parse(u.roles) as string[],
})

const groupJson = (g: people.GroupRow) => ({dateCreated: g.created_at, id: g.id, memberCount: g.members, name: g.name})

const badgeJson = (b: people.BadgeRow) => ({
  badgeId: b.badge_id,
  dateCreated: b.created_at,
  description: b.description,
  email: b.email,
  expiresAt: b.expires_at,
  temporary: Boolean(b.temporary),
})

function operation(item: Item, allowed: string[]): string {
  const op = item.operation
  if (typeof op !== 'string' || !allowed.includes(op)) throw invalid('operation', `operation must be ${allowed.join(', ')}`)
  return op
}

function email(item: Item, required: boolean): string | undefined {
  const e = text(item, 'email', (v) => emailRule(v.toLowerCase()))?.toLowerCase()
  if (!e && required) throw invalid('email', 'email is required')
  return e
}

/** A PIN to set, allowed only when the administrator sets PINs. */
function pinOf(item: Item, policy: PinPolicy): string | undefined {
  const pin = text(item, 'pin')
  if (pin === undefined) return undefined
  if (policy.pinGeneration !== 'admin')
    throw invalid(
      'pin',
      policy.pinGeneration === 'auto'
        ? 'the organization generates PINs and e-mails them: leave PIN empty'
        : 'users of this organization set their own PINs',
    )
  const broken = pinRule(policy)(pin)
  if (broken) throw invalid('pin', broken)
  return pin
}

function pinOutcome(db: HandlerOptions['db'], userId: string, pin: string): Outcome {
  if (!people.hasPin(db, userId)) {
    people.setPin(db, userId, pin, false)
    return 'created'
  }
  if (people.pinMatches(db, userId, pin)) return 'unchanged'
  people.setPin(db, userId, pin, false)
  return 'updated'
}

// ---- users ----

/** The hash of each item's password, computed once before the batch's transaction (none for a dry run, which is rolled back). */
type PasswordHashes = Map<unknown, string>

async function hashItemPasswords(ctx: Ctx): Promise<PasswordHashes> {
  const hashes: PasswordHashes = new Map()
  const items = (ctx.body as {items?: unknown} | undefined)?.items
  if (ctx.url.searchParams.get('dryRun') === 'true' || !Array.isArray(items)) return hashes
  await Promise.all(
    items.map(async (item: unknown) => {
      const password = (item as Item | null)?.password
      if (typeof password === 'string' && password !== '') hashes.set(item, await hashPasswordAsync(password))
    }),
  )
  return hashes
}

function userItem(ctx: Ctx, o: HandlerOptions, orgId: string, policy: PinPolicy, hashes: PasswordHashes, item: Item): Outcome {
  const op = operation(item, ['CREATE', 'UPDATE', 'DELETE'])
  const address = email(item, true)!
  const existing = people.findUser(o.db, address)
  const mine = existing?.org_id === orgId ? existing : undefined
  if (op === 'DELETE') {
    if (!mine) {
      if (people.userDeleted(o.db, orgId, address)) return 'unchanged'
      throw new HttpError(404, 'not_found', `No user ${address} in this organization`, {
        details: [{field: 'email', rule: 'the user must exist'}],
      })
    }
    if (mine.id === ctx.principal!.id) throw invalid('email', 'you cannot delete your own account')
    people.deleteUser(o.db, mine)
    return 'deleted'
  }
  const fields: people.UserFields = {
    costCenter: text(item, 'costCenter', nameRule),
    department: text(item, 'department', nameRule),
    displayName: text(item, 'displayName', nameRule),
    firstName: text(item, 'firstName', nameRule),
    lastName: text(item, 'lastName', nameRule),
  }
  const password = text(item, 'password', passwordRule)
  const pin = pinOf(item, policy)
  let groups: string[] | undefined
  if (item.groups !== undefined && item.groups !== null) {
    if (!Array.isArray(item.groups) || item.groups.some((g) => typeof g !== 'string'))
      throw invalid('groups', 'groups must be a list of names')
    if (item.groups.length > MAX_GROUPS) throw invalid('groups', `at most ${MAX_GROUPS} groups`)
    for (const g of item.groups as string[]) {
      const broken = groupRule(g) ?? (g.trim() ? undefined : 'a group name is not empty')
      if (broken) throw invalid('groups', broken)
    }
    groups = item.groups as string[]
  }
  if (existing && !mine) {
    if (op === 'CREATE')
      throw new HttpError(409, 'conflict', `${address} is already the e-mail address of a user in another organization`, {
        details: [{field: 'email', rule: 'e-mail addresses are unique'}],
      })
    throw new HttpError(404, 'not_found', `No user ${address} in this organization`, {
      details: [{field: 'email', rule: 'the user must exist'}],
    })
  }
  if (!mine) {
    if (op === 'UPDATE')
      throw new HttpError(404, 'not_found', `No user ${address} in this organization (UPDATE changes an existing user; CREATE makes one)`, {
        details: [{field: 'email', rule: 'the user must exist'}],
      })
    const id = people.createUser(o.db, orgId, address, fields, hashes.get(item))
    if (groups) people.setUserGroups(o.db, orgId, id, groups)
    if (pin) people.setPin(o.db, id, pin, false)
    else if (policy.pinGeneration === 'auto') people.generatePin(o.db, id, policy.pinLength)
    return 'created'
  }
  // an existing user of this organization: what differs from the row?
  const current: Record<keyof people.UserFields, string | null> = {
    costCenter: mine.cost_center,
    department: mine.department,
    displayName: mine.display_name,
    firstName: mine.first_name,
    lastName: mine.last_name,
  }
  const changed = (Object.keys(fields) as Array<keyof people.UserFields>).filter((k) => fields[k] !== undefined && fields[k] !== current[k])
  const sameGroups = !groups || sameNames(groups, people.userGroups(o.db, mine.id))
  const samePin = !pin || people.pinMatches(o.db, mine.id, pin)
  // a CREATE row's password is only used to create the account; UPDATE compares it
  const samePassword = op === 'CREATE' || !password || verifyPassword(password, people.passwordHash(o.db, mine.id))
  if (!changed.length && sameGroups && samePin && samePassword) return 'unchanged'
  if (op === 'CREATE') {
    throw new HttpError(
      409,
      'conflict',
      `User ${address} already exists with other details (${[...changed, ...(sameGroups ? [] : ['groups']), ...(samePin ? [] : ['pin'])].join(', ')}): use UPDATE to change them`,
      {
        details: [{field: changed[0] ?? (sameGroups ? 'pin' : 'groups'), rule: 'CREATE makes a new user'}],
      },
    )
  }
  people.updateUser(o.db, mine.id, fields, samePassword ? undefined : hashes.get(item))
  if (!sameGroups) people.setUserGroups(o.db, orgId, mine.id, groups!)
  if (!samePin) people.setPin(o.db, mine.id, pin!, false)
  return 'updated'
}

function sameNames(a: string[], b: string[]): boolean {
  const norm = (x: string[]) => [...new Set(x.map((s) => s.toLowerCase()))].sort().join('\n')
  return norm(a) === norm(b)
}

/** Whether addresses are taken, in any organization: what a users batch would answer 409 to (never where). */
function lookupUsers(ctx: Ctx, o: HandlerOptions) {
  visibleOrg(ctx, o, ctx.params.orgId)
  const emails = (ctx.body as {emails?: unknown} | undefined)?.emails
  if (!Array.isArray(emails) || emails.length === 0 || emails.length > USERS_LOOKUP_MAX || emails.some((e) => typeof e !== 'string'))
    throw invalid('emails', `emails: an array of 1–${USERS_LOOKUP_MAX} e-mail addresses`)
  return {
    results: (emails as string[]).map((e) => {
      const address = e.trim().toLowerCase()
      const broken = emailRule(address)
      if (broken) throw invalid('emails', `"${e}": ${broken}`)
      return {email: address, taken: Boolean(people.findUser(o.db, address))}
    }),
  }
}

// ---- badges and PINs ----

function badgeItem(o: HandlerOptions, orgId: string, policy: PinPolicy, item: Item): Outcome {
  const op = operation(item, ['CREATE', 'DELETE'])
  const address = email(item, op === 'CREATE')
  const badgeId = text(item, 'badgeId', badgeRule)
  const temporary = bool(item, 'temporary')
  const description = text(item, 'description', descriptionRule)
  const regenerate = bool(item, 'regeneratePin') ?? false
  const generate = regenerate || (bool(item, 'generatePin') ?? false)
  if (temporary !== undefined && !badgeId) throw invalid('temporary', 'temporary is about a badge: give badgeId too')
  if (description !== undefined && !badgeId) throw invalid('description', 'description is about a badge: give badgeId too')
  if (op === 'DELETE') {
    if (!badgeId) throw invalid('badgeId', 'DELETE removes the badge named in badgeId')
    if (item.pin || generate) throw invalid('pin', 'a DELETE removes a badge: leave the PIN empty')
    const badge = people.getBadge(o.db, orgId, badgeId)
    if (!badge) {
      if (people.badgeDeleted(o.db, orgId, badgeId)) return 'unchanged'
      throw new HttpError(404, 'not_found', `No badge ${badgeId} in this organization`, {
        details: [{field: 'badgeId', rule: 'the badge must exist'}],
      })
    }
    if (address && badge.email !== address)
      throw new HttpError(409, 'conflict', `Badge ${badgeId} is registered to another user`, {
        details: [{field: 'email', rule: "the badge's user"}],
      })
    people.deleteBadge(o.db, orgId, badgeId)
    return 'deleted'
  }
  const pin = pinOf(item, policy)
  if (generate && policy.pinGeneration !== 'auto')
    throw invalid('generatePin', 'the cloud generates PINs only when the organization is set to "Automatically generate and e-mail"')
  if (!badgeId && !pin && !generate) throw invalid('badgeId', 'nothing to do: give a badge, a PIN, or both')
  const user = people.findUser(o.db, address!)
  if (!user || user.org_id !== orgId)
    throw new HttpError(404, 'not_found', `No user ${address} in this organization: badges and PINs are for existing users`, {
      details: [{field: 'email', rule: 'the user must exist'}],
    })
  let outcome: Outcome = 'unchanged'
  if (badgeId) {
    const badge = people.getBadge(o.db, orgId, badgeId)
    if (badge && badge.user_id !== user.id)
      throw new HttpError(409, 'conflict', `Badge ${badgeId} is already registered to another user`, {
        details: [{field: 'badgeId', rule: 'a badge belongs to one user'}],
      })
    if (!badge) {
      people.putBadge(o.db, orgId, badgeId, user.id, temporary ?? false, description)
      outcome = 'created'
    } else if (
      (temporary !== undefined && Boolean(badge.temporary) !== temporary) ||
      (description !== undefined && description !== badge.description)
    ) {
      people.putBadge(o.db, orgId, badgeId, user.id, temporary ?? Boolean(badge.temporary), description)
      outcome = 'updated'
    }
  }
  if (pin) outcome = stronger(outcome, pinOutcome(o.db, user.id, pin))
  if (generate && (regenerate || !people.hasPin(o.db, user.id))) {
    const had = people.hasPin(o.db, user.id)
    people.generatePin(o.db, user.id, policy.pinLength)
    outcome = stronger(outcome, had ? 'updated' : 'created')
  }
  return outcome
}

// ---- groups ----

function createGroup(ctx: Ctx, o: HandlerOptions) {
  requireRole(ctx, ...USER_ADMIN)
  const org = visibleOrg(ctx, o, ctx.params.orgId)
  const name = text((ctx.body ?? {}) as Item, 'name', groupRule)?.trim()
  if (!name) throw invalid('name', 'name is required')
  const dup = people.findGroup(o.db, org.id, name)
  if (dup)
    throw new HttpError(409, 'conflict', `A group named "${dup.name}" already exists`, {
      details: [{field: 'name', rule: 'group names are unique in any case'}],
    })
  return [201, groupJson(people.createGroup(o.db, org.id, name))]
}

// ---- password reset ----

/** The portal's Reset Password: an e-mail with a link to choose a new password, kept in the outbox. */
function resetPassword(ctx: Ctx, o: HandlerOptions) {
  requireRole(ctx, ...USER_ADMIN)
  const org = visibleOrg(ctx, o, ctx.params.orgId)
  const address = decodeURIComponent(ctx.params.email).toLowerCase()
  const user = people.findUser(o.db, address)
  if (!user || user.org_id !== org.id) throw new HttpError(404, 'not_found', `No user ${address} in this organization`)
  const provider = getProvider(o.db, org.id)
  const domains = provider ? (JSON.parse(provider.domains) as string[]) : []
  if (provider && (!domains.length || domains.includes(address.split('@')[1])))
    throw new HttpError(
      422,
      'validation',
      `${address} logs in through the organization's authentication provider (${provider.entity_id}), which manages passwords: reset it there`,
      {details: [{field: 'email', rule: 'passwords of federated users are managed by their identity provider'}]},
    )
  sendMail(o.db, {
    body: `Hello ${user.first_name ?? address},\n\nA password reset was requested for your Lexmark Cloud Services account (${org.name}). Follow the Reset Password link in this e-mail to choose a new password.\n\n[Reset Password Link]\n\nIf you did not ask for it, ignore this e-mail: your password stays as it is.`,
    kind: 'password-reset',
    subject: 'Reset your Lexmark Cloud Services password',
    to: user.email,
  })
  return [202, {sentTo: user.email}]
}

// ---- printer-login configuration ----

function setLoginConfig(ctx: Ctx, o: HandlerOptions) {
  requireRole(ctx, ...USER_ADMIN)
  const org = visibleOrg(ctx, o, ctx.params.orgId)
  const body = (ctx.body ?? {}) as Item
  const next = people.loginConfig(o.db, org.id)
  if (body.pinGeneration !== undefined) {
    if (!['admin', 'auto', 'user'].includes(body.pinGeneration as string))
      throw invalid('pinGeneration', 'pinGeneration must be admin, auto or user')
    next.pinGeneration = body.pinGeneration as PinPolicy['pinGeneration']
  }
  if (body.pinLength !== undefined) {
    const n = body.pinLength
    if (n !== null && (!Number.isInteger(n) || (n as number) < PIN_MIN || (n as number) > PIN_MAX))
      throw invalid('pinLength', `pinLength is null (any of ${PIN_MIN}–${PIN_MAX}) or a whole number ${PIN_MIN}–${PIN_MAX}`)
    next.pinLength = n as number | null
  }
  if (body.methods !== undefined) {
    if (!Array.isArray(body.methods) || body.methods.some((m) => typeof m !== 'string'))
      throw invalid('methods', 'methods must be a list of login methods')
    next.methods = body.methods as LoginMethod[]
  }
  if (body.pinExpiry !== undefined) {
    const e = body.pinExpiry as PinExpiry | null
    if (e !== null && (typeof e !== 'object' || !['hours', 'days'].includes(e.unit) || typeof e.value !== 'number'))
      throw invalid('pinExpiry', 'pinExpiry is null (never) or {unit: hours | days, value}')
    next.pinExpiry = e && {unit: e.unit, value: e.value}
  }
  const [problem] = loginConfigProblems(next, isFederated(o.db, org.id))
  if (problem) throw invalid(problem.field, problem.rule)
  people.setLoginConfig(o.db, org.id, next)
  return next
}

export const peopleRoutes: Route[] = [
  {
    anyRole: USER_ADMIN,
    auth: true,
    method: 'GET',
    path: `${IMS}/organizations/{orgId}/users`,
    handler(ctx, o) {
      visibleOrg(ctx, o, ctx.params.orgId)
      const p = page(ctx)
      const {rows, total} = people.listUsers(o.db, ctx.params.orgId, p.offset, p.size)
      return pageOf(rows.map(userJson), total, p)
    },
  },
  {
    auth: true,
    method: 'POST',
    path: `${IMS}/organizations/{orgId}/users/batch`,
    async handler(ctx, o) {
      requireRole(ctx, ...USER_ADMIN)
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      const hashes = await hashItemPasswords(ctx)
      const policy = people.loginConfig(o.db, org.id)
      return batch(ctx, o, USERS_BATCH_MAX, (item) => userItem(ctx, o, org.id, policy, hashes, item))
    },
  },
  // a partner plans the users of a customer organization it is about to create
  {
    anyRole: [...USER_ADMIN, 'Partner Administrator'],
    auth: true,
    handler: lookupUsers,
    method: 'POST',
    path: `${IMS}/organizations/{orgId}/users/lookup`,
  },
  {
    anyRole: USER_ADMIN,
    auth: true,
    method: 'GET',
    path: `${IMS}/organizations/{orgId}/groups`,
    handler(ctx, o) {
      visibleOrg(ctx, o, ctx.params.orgId)
      const p = page(ctx)
      const {rows, total} = people.listGroups(o.db, ctx.params.orgId, p.offset, p.size)
      return pageOf(rows.map(groupJson), total, p)
    },
  },
  {auth: true, handler: createGroup, method: 'POST', path: `${IMS}/organizations/{orgId}/groups`},
  {
    auth: true,
    method: 'GET',
    path: `${IMS}/organizations/{orgId}/badges`,
    handler(ctx, o) {
      requireRole(ctx, ...USER_ADMIN)
      visibleOrg(ctx, o, ctx.params.orgId)
      const p = page(ctx)
      const {rows, total} = people.listBadges(
        o.db,
        ctx.params.orgId,
        ctx.url.searchParams.get('email')?.toLowerCase() || undefined,
        p.offset,
        p.size,
      )
      return pageOf(rows.map(badgeJson), total, p)
    },
  },
  {
    auth: true,
    method: 'POST',
    path: `${IMS}/organizations/{orgId}/badges/batch`,
    handler(ctx, o) {
      requireRole(ctx, ...USER_ADMIN)
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      const policy = people.loginConfig(o.db, org.id)
      return batch(ctx, o, BADGES_BATCH_MAX, (item) => badgeItem(o, org.id, policy, item))
    },
  },
  {
    anyRole: USER_ADMIN,
    auth: true,
    method: 'GET',
    path: `${IMS}/organizations/{orgId}/printer-login-config`,
    handler: (ctx, o) => people.loginConfig(o.db, visibleOrg(ctx, o, ctx.params.orgId).id),
  },
  {auth: true, handler: setLoginConfig, method: 'PUT', path: `${IMS}/organizations/{orgId}/printer-login-config`},
  {auth: true, handler: resetPassword, method: 'POST', path: `${IMS}/organizations/{orgId}/users/{email}/password-reset`},
]
