import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/index.js'
import {findAccessGroup} from '../../../lib/lookups.js'
import {BaseCommand, changeMembership, cloudFlags, emailList, type ItemRow} from '../../../lib/ui/index.js'

export default class AccessGroupsMembersRemove extends BaseCommand {
  static args = {
    group: Args.string({description: 'Group name (any case) or id.', required: true}),
    email: Args.string({description: 'E-mail addresses of users of the partner organization.', ignoreStdin: true}),
  }

  static summary = 'Remove users from a Child Organization Access Group'

  static description =
    'Remove users from a Child Organization Access Group: their next call in a customer organization is a permission denied.'

  static examples = [
    '<%= config.bin %> <%= command.id %> "Fleet technicians" tech@partner.example',
    '<%= config.bin %> <%= command.id %> "Fleet technicians" --file technicians.txt --json',
  ]

  static flags = {...cloudFlags, file: Flags.string({description: 'A file of e-mail addresses, one a line (# comments); - reads stdin.'})}

  static strict = false

  async run(): Promise<{group: string; results: ItemRow[]}> {
    const {args, argv, flags} = await this.parse(AccessGroupsMembersRemove)
    const emails = await emailList((argv as string[]).slice(1), flags.file)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const g = await findAccessGroup(s.client, orgId, args.group)
    const rows = await changeMembership(
      emails,
      'REMOVE',
      (items) => s.client.accessGroups.changeMembers(orgId, g.id, items),
      (line) => this.log(line),
    )
    return {group: g.name, results: rows}
  }
}
