import {activeOrgId} from '../../lib/auth/index.js'
import type {AccessGroup} from '../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, listFlags, type Column, renderTable} from '../../lib/ui/index.js'

const COLUMNS: Column<AccessGroup>[] = [
  {get: (g) => g.name, header: 'Group'},
  {get: (g) => String(g.members.length), header: 'Members'},
  {get: (g) => g.roles.join(', '), header: 'Roles'},
]

export default class AccessGroupsList extends BaseCommand {
  static summary = 'List the Child Organization Access Groups of the partner organization'

  static description =
    "List the Child Organization Access Groups of the partner organization: their members reach every customer organization with the group's roles."

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']

  static flags = {...cloudFlags, ...listFlags}

  async run(): Promise<AccessGroup[]> {
    const {flags} = await this.parse(AccessGroupsList)
    const s = await this.session(flags)
    const rows = await this.collect(await s.client.accessGroups.list(await activeOrgId(s)), flags.limit)
    this.log(rows.length ? renderTable(rows, COLUMNS) : 'No Child Organization Access Groups.')
    return rows
  }
}
