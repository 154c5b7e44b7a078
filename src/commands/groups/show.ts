import {Args} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {GroupDetails} from '../../lib/cloud/index.js'
import {findGroup} from '../../lib/lookups.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/index.js'

export default class GroupsShow extends BaseCommand {
  static args = {group: Args.string({description: 'Group name (any case) or id.', required: true})}

  static summary = 'Show a group with its members and roles'

  static description = 'Show a group: its member count and the roles every member has through it.'

  static examples = ['<%= config.bin %> <%= command.id %> Technicians', '<%= config.bin %> <%= command.id %> Technicians --json']

  static flags = cloudFlags

  async run(): Promise<GroupDetails> {
    const {args, flags} = await this.parse(GroupsShow)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const g = await s.client.groups.get(orgId, (await findGroup(s.client, orgId, args.group)).id)
    this.log(`${g.name} (${g.id})\nMembers: ${g.memberCount}\nGroup roles: ${g.roles.length ? g.roles.join(', ') : 'none'}`)
    return g
  }
}
