// SDK calls for people: users, groups, badges and PINs (batch endpoints that answer per item), and the PIN
// part of an organization's printer-login configuration.
import type {CloudClient} from './client.js'
import type {Badge, BatchItemResult, Group, Outcome, PinPolicy} from './types.js'

/** Items per request the batch endpoints accept. */
export const USERS_BATCH_MAX = 500
export const BADGES_BATCH_MAX = 1000

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
  pin?: string
  /** Ask the cloud to generate a PIN and e-mail it, if the user has none (organizations set to "Automatically generate and e-mail"). */
  generatePin?: boolean
  /** The same, replacing the user's PIN. */
  regeneratePin?: boolean
}

export function applyUsers(client: CloudClient, orgId: string, items: UserItem[], dryRun = false): Promise<BatchItemResult[]> {
  return client.batch('usersBatch', orgId, items, dryRun)
}

export function applyUser(client: CloudClient, orgId: string, item: UserItem): Promise<Outcome> {
  return client.batchOne('usersBatch', orgId, item)
}

export function applyBadges(client: CloudClient, orgId: string, items: BadgeItem[], dryRun = false): Promise<BatchItemResult[]> {
  return client.batch('badgesBatch', orgId, items, dryRun)
}

export function applyBadge(client: CloudClient, orgId: string, item: BadgeItem): Promise<Outcome> {
  return client.batchOne('badgesBatch', orgId, item)
}

export function listGroups(client: CloudClient, orgId: string): AsyncGenerator<Group> {
  return client.paginate<Group>('listGroups', {params: {orgId}})
}

/** Creates an empty group (409 when one of that name, in any case, exists). */
export function createGroup(client: CloudClient, orgId: string, name: string): Promise<Group> {
  return client.call<Group>('createGroup', {body: {name}, params: {orgId}})
}

export function listBadges(client: CloudClient, orgId: string, email?: string): AsyncGenerator<Badge> {
  return client.paginate<Badge>('listBadges', {params: {orgId}, query: {email}})
}

export function getPinPolicy(client: CloudClient, orgId: string): Promise<PinPolicy> {
  return client.call<PinPolicy>('getLoginConfig', {params: {orgId}})
}

export function setPinPolicy(client: CloudClient, orgId: string, change: Partial<PinPolicy>): Promise<PinPolicy> {
  return client.call<PinPolicy>('setLoginConfig', {body: change, params: {orgId}})
}
