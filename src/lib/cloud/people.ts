// SDK calls for people: users, groups, badges and PINs (batch endpoints that answer per item), and the PIN
// part of an organization's printer-login configuration.
import type {CloudClient} from './client.js'
import type {PrinterLoginConfig} from './printer-login.js'
import type {Badge, BatchItemResult, BatchOptions, ListOptions, Outcome, RequestOptions, User} from './types.js'

/** Users per request the users batch endpoint accepts. */
export const USERS_BATCH_MAX = 500
/** Addresses per request the users lookup accepts. */
export const USERS_LOOKUP_MAX = 1000
/** Items per request the badges batch endpoint accepts. */
export const BADGES_BATCH_MAX = 1000
/** Characters of a badge's description. */
export const BADGE_DESCRIPTION_MAX = 255

/** One user to create, update or delete. Absent fields are left as they are. */
export interface UserItem {
  operation: 'CREATE' | 'UPDATE' | 'DELETE'
  email: string
  password?: string
  firstName?: string
  lastName?: string
  displayName?: string
  department?: string
  costCenter?: string
  /** The user's groups, exactly (missing groups are created). */
  groups?: string[]
  pin?: string
}

/** Register (CREATE) or remove (DELETE) a badge, and/or set a user's PIN (CREATE). */
export interface BadgeItem {
  operation: 'CREATE' | 'DELETE'
  email?: string
  badgeId?: string
  temporary?: boolean
  /** The badge's description (the portal's register form), up to 255 characters. */
  description?: string
  pin?: string
  /** Ask the cloud to generate a PIN and e-mail it, if the user has none (organizations set to "Automatically generate and e-mail"). */
  generatePin?: boolean
  /** The same, replacing the user's PIN. */
  regeneratePin?: boolean
}

/** Whether a user of some organization has this e-mail address. */
export interface EmailLookup {
  email: string
  taken: boolean
}

/** Which users to list. */
export interface UserFilter extends ListOptions {
  /** Only the members of this group (its name, any case). */
  group?: string
  /** Only the users who hold this role themselves (the catalog's spelling). */
  role?: string
}

/** `client.users`: the users of an organization. */
export class Users {
  /** @internal */
  constructor(private readonly c: CloudClient) {}

  /** The users of the organization; `group` and `role` are matched here (the route has no such query). */
  async *list(orgId: string, opts: UserFilter = {}): AsyncGenerator<User> {
    const {group, limit, role, ...rest} = opts
    const member = group?.toLowerCase()
    let n = 0
    for await (const u of this.c.paginate<User>('listUsers', {...rest, params: {orgId}})) {
      if (member !== undefined && !u.groups?.some((g) => g.toLowerCase() === member)) continue
      if (role !== undefined && !u.roles.includes(role)) continue
      if (limit !== undefined && n++ >= limit) return
      yield u
    }
  }

  /** Creates, updates or deletes up to {@link USERS_BATCH_MAX} users: one result per item, in order. */
  apply(orgId: string, items: UserItem[], opts: BatchOptions = {}): Promise<BatchItemResult[]> {
    return this.c.batch('usersBatch', orgId, items, opts)
  }

  /**
   * Which of these e-mail addresses already belong to a user of any organization (addresses are unique
   * across the cloud), asked of `orgId` (a partner asks before creating a child organization's users).
   * Any number of addresses, in requests of {@link USERS_LOOKUP_MAX}; one answer per address, in order.
   */
  async lookup(orgId: string, emails: string[], opts: RequestOptions = {}): Promise<EmailLookup[]> {
    const out: EmailLookup[] = []
    for (let i = 0; i < emails.length; i += USERS_LOOKUP_MAX) {
      const res = await this.c.call<{results: EmailLookup[]}>('lookupUsers', {
        body: {emails: emails.slice(i, i + USERS_LOOKUP_MAX)},
        params: {orgId},
        signal: opts.signal,
      })
      out.push(...res.results)
    }
    return out
  }

  /** One item: its outcome, or its rejection as an error. */
  applyOne(orgId: string, item: UserItem, opts: RequestOptions = {}): Promise<Outcome> {
    return this.c.batchOne('usersBatch', orgId, item, opts)
  }

  /** Creates a user (unchanged when an identical one exists). */
  create(orgId: string, user: Omit<UserItem, 'operation'>, opts: RequestOptions = {}): Promise<Outcome> {
    return this.applyOne(orgId, {...user, operation: 'CREATE'}, opts)
  }

  /** Changes the given fields of the user with this e-mail address. */
  update(orgId: string, user: Omit<UserItem, 'operation'>, opts: RequestOptions = {}): Promise<Outcome> {
    return this.applyOne(orgId, {...user, operation: 'UPDATE'}, opts)
  }

  /** Deletes the user with this e-mail address. */
  delete(orgId: string, email: string, opts: RequestOptions = {}): Promise<Outcome> {
    return this.applyOne(orgId, {email, operation: 'DELETE'}, opts)
  }

  /** Sends the user the e-mail to choose a new password (the portal's Reset Password); answers where it went. */
  resetPassword(orgId: string, email: string, opts: RequestOptions = {}): Promise<{sentTo: string}> {
    return this.c.call<{sentTo: string}>('resetUserPassword', {params: {email, orgId}, signal: opts.signal})
  }
}

/** `client.badges`: badges and PINs for printer login. */
export class Badges {
  /** @internal */
  constructor(private readonly c: CloudClient) {}

  /** The organization's badges, or one user's. */
  list(orgId: string, opts: ListOptions & {email?: string} = {}): AsyncGenerator<Badge> {
    return this.c.paginate<Badge>('listBadges', {...opts, params: {orgId}, query: {email: opts.email}})
  }

  /** Registers or removes up to {@link BADGES_BATCH_MAX} badges and PINs: one result per item, in order. */
  apply(orgId: string, items: BadgeItem[], opts: BatchOptions = {}): Promise<BatchItemResult[]> {
    return this.c.batch('badgesBatch', orgId, items, opts)
  }

  /** One item: its outcome, or its rejection as an error. */
  applyOne(orgId: string, item: BadgeItem, opts: RequestOptions = {}): Promise<Outcome> {
    return this.c.batchOne('badgesBatch', orgId, item, opts)
  }
}

/** `client.loginConfig`: the organization's printer-login configuration. */
export class LoginConfig {
  /** @internal */
  constructor(private readonly c: CloudClient) {}

  /** The login methods, who sets PINs, their length and expiry. */
  get(orgId: string, opts: RequestOptions = {}): Promise<PrinterLoginConfig> {
    return this.c.call<PrinterLoginConfig>('getLoginConfig', {params: {orgId}, signal: opts.signal})
  }

  /** Changes the given fields; answers the whole new configuration (422 when the result breaks a rule of ./printer-login.ts). */
  set(orgId: string, change: Partial<PrinterLoginConfig>, opts: RequestOptions = {}): Promise<PrinterLoginConfig> {
    return this.c.call<PrinterLoginConfig>('setLoginConfig', {body: change, params: {orgId}, signal: opts.signal})
  }
}
