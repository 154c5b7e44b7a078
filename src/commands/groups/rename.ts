import {Args} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {GroupDetails} from '../../lib/cloud/index.js'
import {groupRule} from '../../lib/csv/index.js'
import {findGroup} from '../../lib/lookups.js'
import {BaseCommand, checkArg, cloudFlags} from '../../lib/ui/index.js'

export default class GroupsRename extends BaseCommand {
  static args = {
    group: Args.string({description: 'Group name (any case) or id.', required: true}),
    name: Args.string({description: 'The new name.', required: true}),
  }

  static summary = 'Rename a group; members and roles stay'

  static description = 'Rename a group; members and roles stay. Another group of the new name (any case) is a conflict (exit 6).'

  static examples = [
    '<%= config.bin %> <%= command.id %> Techs Technicians',
    '<%= config.bin %> <%= command.id %> Techs Technicians --json',
  ]

  static flags = cloudFlags

  async run(): Promise<GroupDetails> {
    const {args, flags} = await this.parse(GroupsRename)
    const name = args.name.trim()
    checkArg('NAME', name, groupRule)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const group = await findGroup(s.client, orgId, args.group)
    const g = await s.client.groups.rename(orgId, group.id, name)
    this.log(`Group ${group.name} renamed to ${g.name}.`)
    return g
  }
}
