import {activeOrgId} from '../../../lib/auth/index.js'
import type {FleetAgent} from '../../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, listFlags, timestamp, renderTable, versionLabel, type Column} from '../../../lib/ui/index.js'

const COLUMNS: Column<FleetAgent>[] = [
  {get: (a) => a.name, header: 'Name'},
  {get: (a) => a.id, header: 'ID'},
  {get: (a) => a.status, header: 'Agent status'},
  {get: versionLabel, header: 'Version'},
  {get: (a) => timestamp(a.lastCommunication), header: 'Last communicated'},
  {get: (a) => a.printers, header: 'Printers'},
]

export default class AgentsFleetList extends BaseCommand {
  static summary = 'List the Fleet Agents of the organization'

  static description =
    'List the Fleet Agents of the organization: status (Not activated, Communicating, Deactivated), version (and the update when one is available: `lcs agents fleet upgrade`), last communication, printers enrolled through each.'

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']

  static flags = {...cloudFlags, ...listFlags}

  async run(): Promise<FleetAgent[]> {
    const {flags} = await this.parse(AgentsFleetList)
    const s = await this.session(flags)
    const rows = await this.collect(s.client.fleetAgents.list(await activeOrgId(s)), flags.limit)
    this.log(rows.length ? renderTable(rows, COLUMNS) : 'No Fleet Agents. Create one with `lcs agents fleet create`.')
    return rows
  }
}
