import {activeOrgId} from '../../lib/auth/index.js'
import type {Policy} from '../../lib/policies/index.js'
import {BaseCommand, categoryFlag, cloudFlags, listFlags, POLICY_COLUMNS, renderTable} from '../../lib/ui/index.js'

export default class PoliciesList extends BaseCommand {
  static summary = 'List the notification policies of the organization'

  static description =
    'List the notification policies of the organization: supplies policies (Toner, Maintenance Kit, Fuser, Photoconductors, Waste Toner Bottle, Transfer Module) and printer information policies (Last data refresh, Last communicated).'

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --category supplies --json']

  static flags = {
    ...cloudFlags,
    ...listFlags,
    category: categoryFlag(),
  }

  async run(): Promise<Policy[]> {
    const {flags} = await this.parse(PoliciesList)
    const s = await this.session(flags)
    const rows = await this.collect(s.client.policies.list(await activeOrgId(s), flags.category), flags.limit)
    this.log(rows.length ? renderTable(rows, POLICY_COLUMNS) : 'No notification policies. Create one with `lcs policies create`.')
    return rows
  }
}
