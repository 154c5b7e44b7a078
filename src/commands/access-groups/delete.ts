import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import {findAccessGroup} from '../../lib/lookups.js'
import {BaseCommand, cloudFlags, unlessGone} from '../../lib/ui/index.js'

export default class AccessGroupsDelete extends BaseCommand {
  static args = {group: Args.string({description: 'Group name (any case) or id.', required: true})}

  static summary = 'Delete a Child Organization Access Group'

  static description =
    'Delete a Child Organization Access Group: its members lose their access to the customer organizations. Asks first on a terminal; scripts pass --yes.'

  static examples = [
    '<%= config.bin %> <%= command.id %> "Fleet technicians"',
    '<%= config.bin %> <%= command.id %> "Fleet technicians" --yes --json',
  ]

  static flags = {...cloudFlags, yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation (required without a terminal).'})}

  async run(): Promise<{group: string; outcome: 'deleted' | 'unchanged'}> {
    const {args, flags} = await this.parse(AccessGroupsDelete)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const found = await unlessGone(findAccessGroup(s.client, orgId, args.group))
    if ('gone' in found) {
      this.log(`Child Organization Access Group ${args.group}: unchanged (${found.gone})`)
      return {group: args.group, outcome: 'unchanged'}
    }
    const g = found.item
    await this.confirmDelete(
      `Child Organization Access Group ${g.name} (${g.members.length} members lose access to every customer organization)`,
      flags.yes,
    )
    await s.client.accessGroups.delete(orgId, g.id)
    this.log(`Child Organization Access Group ${g.name}: deleted.`)
    return {group: g.name, outcome: 'deleted'}
  }
}
