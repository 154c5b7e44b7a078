import {Args} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {Configuration, ConfigurationPrinter} from '../../lib/cloud/index.js'
import {findNamed} from '../../lib/lookups.js'
import {configDetail} from '../../lib/deploy/index.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/index.js'

export default class ConfigsShow extends BaseCommand {
  static args = {name: Args.string({description: 'Name or id of the configuration.', required: true})}

  static summary = 'Show a configuration'

  static description =
    'Show a configuration: its firmware, apps and settings files in deployment order, whether it is deployed or the default, and the latest result on each printer it was deployed to.'

  static examples = [
    '<%= config.bin %> <%= command.id %> "Retail standard"',
    '<%= config.bin %> <%= command.id %> "Retail standard" --json',
  ]

  static flags = {...cloudFlags}

  async run(): Promise<Configuration & {printers: ConfigurationPrinter[]}> {
    const {args, flags} = await this.parse(ConfigsShow)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const c = findNamed(await s.client.configs.list(orgId), args.name, 'configuration', 'See `lcs configs list`.')
    const printers = await s.client.configs.printers(orgId, c.id)
    this.log(configDetail(c, printers))
    return {...c, printers}
  }
}
