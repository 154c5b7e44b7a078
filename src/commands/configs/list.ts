import {Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {Configuration} from '../../lib/cloud/index.js'
import {CONFIG_COLUMNS} from '../../lib/deploy/index.js'
import {BaseCommand, cloudFlags, listFlags, renderCsv, renderTable} from '../../lib/ui/index.js'

export default class ConfigsList extends BaseCommand {
  static summary = 'List the configurations of the organization'

  static description =
    'List the configurations of the organization: firmware, number of apps and settings files, whether it is the default and whether it has been deployed (a deployed configuration cannot be edited).'

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']

  static flags = {...cloudFlags, ...listFlags, csv: Flags.boolean({description: 'Print CSV instead of a table.', exclusive: ['json']})}

  async run(): Promise<Configuration[]> {
    const {flags} = await this.parse(ConfigsList)
    const s = await this.session(flags)
    const rows = await this.collect(await s.client.configs.list(await activeOrgId(s)), flags.limit)
    if (flags.csv) process.stdout.write(renderCsv(rows, CONFIG_COLUMNS))
    else this.log(rows.length ? renderTable(rows, CONFIG_COLUMNS) : 'No configurations.')
    return rows
  }
}
