import {activeOrgId} from '../../lib/auth/index.js'
import type {Group} from '../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, listFlags, type Column, renderTable} from '../../lib/ui/index.js'

const COLUMNS: Column<Group>[] = [
  {get: (g) => g.name, header: 'Group'},
  {get: (g) => String(g.memberCount), header: 'Members'},
  {get: (g) => g.id, header: 'ID'},
]

export default class GroupsList extends BaseCommand {
  static summary = 'List the groups of the organization with their member counts'

  static description = 'List the groups of the organization with their member counts.'

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --org "Contoso Retail" --json']

  static flags = {...cloudFlags, ...listFlags}

  async run(): Promise<Group[]> {
    const {flags} = await this.parse(GroupsList)
    const s = await this.session(flags)
    const rows = await this.collect(s.client.groups.list(await activeOrgId(s)), flags.limit)
    this.log(rows.length ? renderTable(rows, COLUMNS) : 'No groups.')
    return rows
  }
}
