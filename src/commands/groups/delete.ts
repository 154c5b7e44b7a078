import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import {findGroup} from '../../lib/lookups.js'
import {BaseCommand, cloudFlags, unlessGone} from '../../lib/ui/index.js'

export default class GroupsDelete extends BaseCommand {
  static args = {group: Args.string({description: 'Group name (any case) or id.', required: true})}

  static summary = 'Delete a group'

  static description =
    'Delete a group: its members lose the roles they had through it; the users stay. Asks first on a terminal; scripts pass --yes.'

  static examples = ['<%= config.bin %> <%= command.id %> Technicians', '<%= config.bin %> <%= command.id %> Technicians --yes --json']

  static flags = {...cloudFlags, yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation (required without a terminal).'})}

  async run(): Promise<{group: string; outcome: 'deleted' | 'unchanged'}> {
    const {args, flags} = await this.parse(GroupsDelete)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const found = await unlessGone(findGroup(s.client, orgId, args.group))
    if ('gone' in found) {
      this.log(`Group ${args.group}: unchanged (${found.gone})`)
      return {group: args.group, outcome: 'unchanged'}
    }
    const group = found.item
    await this.confirmDelete(`group ${group.name} (${group.memberCount} members)`, flags.yes)
    await s.client.groups.delete(orgId, group.id)
    this.log(`Group ${group.name}: deleted.`)
    return {group: group.name, outcome: 'deleted'}
  }
}
