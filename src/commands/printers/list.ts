import {Flags} from '@oclif/core'

import type {Asset} from '../../lib/cloud/types.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/base-command.js'
import {formatTime, renderCsv, renderTable, type Column} from '../../lib/ui/output.js'

const COLUMNS: Column<Asset>[] = [
  {get: (a) => a.serialNumber, header: 'Serial'},
  {get: (a) => a.manufacturer, header: 'Manufacturer'},
  {get: (a) => a.modelName, header: 'Model'},
  {get: (a) => a.name, header: 'Name'},
  {get: (a) => a.accountId, header: 'Organization'},
  {get: (a) => a.counters?.lifetimeCount, header: 'Pages'},
  {get: (a) => formatTime(a.lastCommunication), header: 'Last communication'},
]

export default class PrintersList extends BaseCommand {
  static description = `List the printers (assets) of your organization and its child organizations, through the public integration API (/v1.0/assets, paged). On the public cloud this API needs client credentials.`

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --limit 20 --json', '<%= config.bin %> <%= command.id %> --csv > fleet.csv']

  static flags = {
    ...cloudFlags,
    csv: Flags.boolean({description: 'Print CSV instead of a table.', exclusive: ['json']}),
    limit: Flags.integer({description: 'Stop after this many printers.', min: 1}),
    'page-size': Flags.integer({description: 'Printers per request (1–200).', default: 200, min: 1, max: 200}),
  }

  async run(): Promise<Asset[]> {
    const {flags} = await this.parse(PrintersList)
    const s = await this.session(flags)
    const rows: Asset[] = []
    for await (const a of s.client.listAssets('assets', {limit: flags.limit, pageSize: flags['page-size']})) rows.push(a)
    if (flags.csv) process.stdout.write(renderCsv(rows, COLUMNS))
    else this.log(rows.length ? renderTable(rows, COLUMNS) : 'No printers.')
    return rows
  }
}
