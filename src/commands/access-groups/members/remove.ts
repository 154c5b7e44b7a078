import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/index.js'
import {findAccessGroup} from '../../../lib/lookups.js'
import {BaseCommand, cloudFlags, emailList, type ItemRow, settle} from '../../../lib/ui/index.js'

export default class AccessGroupsMembersRemove extends BaseCommand {
  static args = {
    group: Args.string({description: 'Group name (any case) or id.', required: true}),
    email: Args.string({description: 'E-mail addresses of users of the partner organization.', ignoreStdin: true}),
  }

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
    const {failure, rows} = settle(
      emails,
      await s.client.accessGroups.changeMembers(
        orgId,
        g.id,
        emails.map((email) => ({email, operation: 'REMOVE' as const})),
      ),
    )
    const word = {created: 'added', deleted: 'removed', unchanged: 'unchanged', updated: 'updated'} as const
    for (const r of rows) this.log(`${r.item}: ${r.outcome ? word[r.outcome] : `rejected: ${r.error}`}`)
    if (failure) throw failure
    return {group: g.name, results: rows}
  }
}
