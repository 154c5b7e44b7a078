// SDK calls for groups of users: list, create, one group, rename, delete, and its members.
import type {CloudClient} from './client.js'
import type {BatchItemResult, Group, ListOptions, RequestOptions} from './types.js'

export const GROUP_MEMBERS_BATCH_MAX = 1000

export interface GroupDetails {
  id: string
  name: string
  memberCount: number
  roles: string[]
}

export interface GroupMember {
  email: string
  firstName: string | null
  lastName: string | null
}

export interface MemberItem {
  email: string
  operation: 'ADD' | 'REMOVE'
}

/** `client.groups`: groups of an organization and their members. */
export class Groups {
  /** @internal */
  constructor(private readonly c: CloudClient) {}

  /** Every group of the organization. */
  list(orgId: string, opts: ListOptions = {}): AsyncGenerator<Group> {
    return this.c.paginate<Group>('listGroups', {...opts, params: {orgId}})
  }

  /** Creates an empty group (409 when one of that name, in any case, exists). */
  create(orgId: string, name: string, opts: RequestOptions = {}): Promise<Group> {
    return this.c.call<Group>('createGroup', {body: {name}, params: {orgId}, signal: opts.signal})
  }

  get(orgId: string, groupId: string): Promise<GroupDetails> {
    return this.c.call<GroupDetails>('getGroup', {params: {groupId, orgId}})
  }

  /** Renames a group (409 when another group has the name, in any case). */
  rename(orgId: string, groupId: string, name: string): Promise<GroupDetails> {
    return this.c.call<GroupDetails>('renameGroup', {body: {name}, params: {groupId, orgId}})
  }

  /** Deletes a group: its members lose the group's roles, nothing else. */
  delete(orgId: string, groupId: string): Promise<void> {
    return this.c.call<void>('deleteGroup', {params: {groupId, orgId}})
  }

  members(orgId: string, groupId: string): AsyncGenerator<GroupMember> {
    return this.c.paginate<GroupMember>('listGroupMembers', {params: {groupId, orgId}})
  }

  /** Adds and removes members, in batches of at most 1000; one result per item, in order. */
  async changeMembers(orgId: string, groupId: string, items: MemberItem[], dryRun = false): Promise<BatchItemResult[]> {
    const out: BatchItemResult[] = []
    for (let i = 0; i < items.length; i += GROUP_MEMBERS_BATCH_MAX) {
      const res = await this.c.call<{results: BatchItemResult[]}>('groupMembersBatch', {
        body: {items: items.slice(i, i + GROUP_MEMBERS_BATCH_MAX)},
        params: {groupId, orgId},
        query: dryRun ? {dryRun: 'true'} : undefined,
      })
      out.push(...res.results)
    }
    return out
  }
}
