import {Args} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/index.js'
import {findAccessGroup} from '../../../lib/lookups.js'
import {BaseCommand, cloudFlags, listFlags} from '../../../lib/ui/index.js'

export default class AccessGroupsMembersList extends BaseCommand {
  static args = {group: Args.string({description: 'Group name (any case) or id.', required: true})}

  static summary = 'List the members of a Child Organization Access Group'

  static description =
    "List the members of a Child Organization Access Group: the partner's users who reach every customer organization with its roles."

  static examples = [
    '<%= config.bin %> <%= command.id %> "Fleet technicians"',
    `<%= config.bin %> <%= command.id %> "Fleet technicians" --json | jq -r '.members[]'`,
  ]

  static flags = {...cloudFlags, ...listFlags}

  async run(): Promise<{group: string; roles: string[]; members: string[]}> {
    const {args, flags} = await this.parse(AccessGroupsMembersList)
    const s = await this.session(flags)
    const g = await findAccessGroup(s.client, await activeOrgId(s), args.group)
    const members = await this.collect(g.members, flags.limit)
    this.log(
      members.length
        ? [`${g.name} (${g.roles.join(', ')}):`, ...members.map((m) => `  ${m}`)].join('\n')
        : `No members in ${g.name}. Add some with: lcs access-groups members add "${g.name}" EMAIL…`,
    )
    return {group: g.name, members, roles: g.roles}
  }
}
