import {activeOrgId} from '../../../lib/auth/index.js'
import type {LocalAgent} from '../../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, listFlags, timestamp, renderTable, type Column} from '../../../lib/ui/index.js'

const COLUMNS: Column<LocalAgent>[] = [
  {get: (a) => a.hostname, header: 'Computer'},
  {get: (a) => a.id, header: 'ID'},
  {get: (a) => a.status, header: 'Agent status'},
  {get: (a) => a.logLevel, header: 'Log level'},
  {get: (a) => a.pollingIntervalMin, header: 'Polling (min)'},
  {get: (a) => (a.mpsPrinters ? `${a.printers} (${a.mpsPrinters} MPS Express)` : a.printers), header: 'Printers'},
  {get: (a) => timestamp(a.lastCommunication), header: 'Last communicated'},
]

export default class AgentsLocalList extends BaseCommand {
  static summary = 'List the Local Agents of the organization'

  static description =
    'List the Local Agents of the organization (agents on computers with USB-attached printers): status, log level, polling interval, the printers enrolled through each (and how many MPS Express manages: such an agent cannot be deleted or deactivated), last communication.'

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']

  static flags = {...cloudFlags, ...listFlags}

  async run(): Promise<LocalAgent[]> {
    const {flags} = await this.parse(AgentsLocalList)
    const s = await this.session(flags)
    const rows = await this.collect(s.client.localAgents.list(await activeOrgId(s)), flags.limit)
    this.log(
      rows.length
        ? renderTable(rows, COLUMNS)
        : 'There are no local agents. Activate one with a code from `lcs agents local activation-code generate`.',
    )
    return rows
  }
}
