// SDK calls for roles (identity management), and the catalog of the cloud's roles with their meanings as
// the rollout guide gives them: the CLI checks role names against it before calling, the sandbox enforces it.
import {LcsError} from '../errors.js'
import type {CloudClient} from './client.js'

export type RoleCategory = 'account management' | 'fleet management' | 'print management' | 'partner'

export interface RoleInfo {
  name: string
  category: RoleCategory
  description: string
}

export const ROLE_CATALOG: readonly RoleInfo[] = [
  {
    category: 'account management',
    description: 'Most privileges: organizational settings, user accounts, their roles and groups.',
    name: 'Organization Administrator',
  },
  {
    category: 'account management',
    description: 'User accounts: adds and deletes users, assigns roles, manages group membership.',
    name: 'User Administrator',
  },
  {
    category: 'fleet management',
    description: 'Manages printers; with File Service Administrator, enrolls them.',
    name: 'Fleet Management Administrator',
  },
  {
    category: 'fleet management',
    description: 'Files of the file service; needed with Fleet Management Administrator to enroll printers.',
    name: 'File Service Administrator',
  },
  {
    category: 'fleet management',
    description: 'Fleet Management reports, without enrolling printers.',
    name: 'Fleet Management Reporting Analyst',
  },
  {
    category: 'print management',
    description: 'Submits and releases print jobs with Cloud Print Management.',
    name: 'Print Release Management User',
  },
  {
    category: 'print management',
    description: 'Manages Cloud Print Management for the organization.',
    name: 'Print Release Management Administrator',
  },
  {
    category: 'print management',
    description: 'Organizational Print Management reports, without submitting or releasing jobs.',
    name: 'Print Release Management Reporting Analyst',
  },
  {
    category: 'print management',
    description: 'Releases jobs held on the workstation with Hybrid Print Management.',
    name: 'Hybrid Print Management User',
  },
  {
    category: 'print management',
    description: 'Manages Hybrid Print Management for the organization.',
    name: 'Hybrid Print Management Administrator',
  },
  {
    category: 'partner',
    description: 'Access to customer (child) organizations; every Child Organization Access Group carries it.',
    name: 'Partner Administrator',
  },
]

export const ROLE_NAMES: readonly string[] = ROLE_CATALOG.map((r) => r.name)

function distance(a: string, b: string): number {
  const row = Array.from({length: b.length + 1}, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = cur
    }
  }
  return row[b.length]
}

/** The catalog's spelling of a role name given in any case; undefined when there is no such role. */
export function canonicalRole(name: string): string | undefined {
  return ROLE_NAMES.find((r) => r.toLowerCase() === name.trim().replace(/\s+/g, ' ').toLowerCase())
}

/** The nearest role name (for "did you mean"), by edit distance, then by shared words. */
export function nearestRole(name: string): string {
  const n = name.trim().toLowerCase()
  const words = n.split(/\s+/).filter(Boolean)
  // a word of the input that starts a word of the role ("fleet admin") weighs more than spelling
  const shared = (r: string) =>
    words.filter((w) =>
      r
        .toLowerCase()
        .split(' ')
        .some((rw) => rw.startsWith(w) || distance(w, rw) <= 1),
    ).length
  const score = (r: string) => distance(n, r.toLowerCase()) - 10 * shared(r)
  return [...ROLE_NAMES].sort((a, b) => score(a) - score(b))[0]
}

/** Role names in the catalog's spelling; an unknown one is a usage error with a did-you-mean. */
export function checkRoles(names: string[]): string[] {
  return names.map((name) => {
    const role = canonicalRole(name)
    if (!role) throw new LcsError('usage', `Unknown role "${name}". Did you mean "${nearestRole(name)}"?`, {hint: 'See `lcs roles list`.'})
    return role
  })
}

/** The roles of one holder (a user, a group, an organization) after a change, and what the change did. */
export interface RoleAssignment {
  roles: string[]
  assigned: string[]
  removed: string[]
}

/** A user's roles by source, like the portal's "User Roles: 1, Group Roles: 0, Organization Roles: 1". */
export interface UserRoles {
  email: string
  user: string[]
  groups: Array<{name: string; roles: string[]}>
  organization: string[]
  /** Every role the user has, with where it comes from ("user", "group NAME", "organization"). */
  effective: Array<{name: string; sources: string[]}>
}

export interface RoleChange {
  assign?: string[]
  remove?: string[]
}

/** `client.roles`: the role catalog and the roles of users, groups and organizations. */
export class Roles {
  /** @internal */
  constructor(private readonly c: CloudClient) {}

  /** Every role of the cloud with its meaning. */
  async catalog(): Promise<RoleInfo[]> {
    return (await this.c.call<{content: RoleInfo[]}>('listRoles')).content
  }

  /** A user's roles, by source. */
  ofUser(orgId: string, email: string): Promise<UserRoles> {
    return this.c.call<UserRoles>('getUserRoles', {params: {email, orgId}})
  }

  /** Assigns and removes a user's individual roles; answers the user's roles afterwards. */
  changeUser(orgId: string, email: string, change: RoleChange): Promise<UserRoles & {assigned: string[]; removed: string[]}> {
    return this.c.call('changeUserRoles', {body: change, params: {email, orgId}})
  }

  /** A group's roles. */
  ofGroup(orgId: string, groupId: string): Promise<{roles: string[]}> {
    return this.c.call('getGroupRoles', {params: {groupId, orgId}})
  }

  changeGroup(orgId: string, groupId: string, change: RoleChange): Promise<RoleAssignment> {
    return this.c.call('changeGroupRoles', {body: change, params: {groupId, orgId}})
  }

  /** The organization's roles, inherited by every user of it. */
  ofOrganization(orgId: string): Promise<{roles: string[]}> {
    return this.c.call('getOrgRoles', {params: {orgId}})
  }

  changeOrganization(orgId: string, change: RoleChange): Promise<RoleAssignment> {
    return this.c.call('changeOrgRoles', {body: change, params: {orgId}})
  }
}
