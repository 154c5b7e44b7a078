// SDK calls for Child Organization Access Groups: groups of a partner organization whose members reach
// every customer organization with the group's roles (always Partner Administrator, and what is added).
import type {CloudClient} from './client.js'
import type {MemberItem} from './groups.js'
import type {RoleAssignment, RoleChange} from './roles.js'
import type {BatchItemResult} from './types.js'

export interface AccessGroup {
  id: string
  name: string
  members: string[]
  roles: string[]
}

/** `client.accessGroups`: Child Organization Access Groups of a partner organization. */
export class AccessGroups {
  /** @internal */
  constructor(private readonly c: CloudClient) {}

  async list(partnerId: string): Promise<AccessGroup[]> {
    return (await this.c.call<{content: AccessGroup[]}>('listAccessGroups', {params: {orgId: partnerId}})).content
  }

  /** Creates a group with Partner Administrator and the given roles. */
  create(partnerId: string, name: string, roles: string[] = []): Promise<AccessGroup> {
    return this.c.call<AccessGroup>('createAccessGroup', {body: {assign: roles, name}, params: {orgId: partnerId}})
  }

  delete(partnerId: string, groupId: string): Promise<void> {
    return this.c.call<void>('deleteAccessGroup', {params: {groupId, orgId: partnerId}})
  }

  async changeMembers(partnerId: string, groupId: string, items: MemberItem[]): Promise<BatchItemResult[]> {
    return (
      await this.c.call<{results: BatchItemResult[]}>('accessGroupMembersBatch', {body: {items}, params: {groupId, orgId: partnerId}})
    ).results
  }

  /** Partner Administrator cannot be removed (422). */
  changeRoles(partnerId: string, groupId: string, change: RoleChange): Promise<RoleAssignment> {
    return this.c.call<RoleAssignment>('changeAccessGroupRoles', {body: change, params: {groupId, orgId: partnerId}})
  }
}
