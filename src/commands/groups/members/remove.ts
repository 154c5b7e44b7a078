import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/index.js'
import {findGroup} from '../../../lib/lookups.js'
import {BaseCommand, changeMembership, cloudFlags, emailList, type ItemRow} from '../../../lib/ui/index.js'

export default class GroupsMembersRemove extends BaseCommand {
  static args = {
    group: Args.string({description: 'Group name (any case) or id.', required: true}),
    email: Args.string({description: 'E-mail addresses of users of the organization.', ignoreStdin: true}),
  }

  static summary = 'Remove users from a group by e-mail (arguments, a file or stdin)'

  static description =
    'Remove users from a group by e-mail, from the arguments or a file (one a line; - for stdin). A user who is not a member is unchanged.'

  static examples = [
    '<%= config.bin %> <%= command.id %> Technicians jdoe@company.com asmith@company.com',
    '<%= config.bin %> <%= command.id %> Technicians --file technicians.txt --json',
    'cut -d, -f1 users.csv | <%= config.bin %> <%= command.id %> Technicians --file -',
  ]

  static flags = {...cloudFlags, file: Flags.string({description: 'A file of e-mail addresses, one a line (# comments); - reads stdin.'})}

  static strict = false

  async run(): Promise<{group: string; results: ItemRow[]}> {
    const {args, argv, flags} = await this.parse(GroupsMembersRemove)
    const emails = await emailList((argv as string[]).slice(1), flags.file)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const group = await findGroup(s.client, orgId, args.group)
    const rows = await changeMembership(
      emails,
      'REMOVE',
      (items) => s.client.groups.changeMembers(orgId, group.id, items),
      (line) => this.log(line),
    )
    return {group: group.name, results: rows}
  }
}
