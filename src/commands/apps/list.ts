import {Flags} from '@oclif/core'

import type {CatalogApp} from '../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, type Column, formatBytes, listFlags, renderCsv, renderTable} from '../../lib/ui/index.js'

const COLUMNS: Column<CatalogApp>[] = [
  {get: (a) => a.name, header: 'Name'},
  {get: (a) => a.id, header: 'ID'},
  {get: (a) => a.version, header: 'Version'},
  {get: (a) => a.category, header: 'Category'},
  {get: (a) => formatBytes(a.minMemoryMb * 2 ** 20), header: 'Min. memory'},
  {get: (a) => a.models.length, header: 'Models'},
]

export default class AppsList extends BaseCommand {
  static summary = 'List the standard eSF applications of the catalog'

  static description =
    'List the standard eSF applications of the catalog, which configurations can include by name or id (imported apps are resources: lcs resources list --type app).'

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']

  static flags = {...cloudFlags, ...listFlags, csv: Flags.boolean({description: 'Print CSV instead of a table.', exclusive: ['json']})}

  async run(): Promise<CatalogApp[]> {
    const {flags} = await this.parse(AppsList)
    const s = await this.session(flags)
    const apps = await this.collect(await s.client.apps.list(), flags.limit)
    if (flags.csv) process.stdout.write(renderCsv(apps, COLUMNS))
    else this.log(renderTable(apps, COLUMNS))
    return apps
  }
}
