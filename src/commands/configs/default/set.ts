import {Args} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/index.js'
import type {Configuration} from '../../../lib/cloud/index.js'
import {findNamed} from '../../../lib/lookups.js'
import {BaseCommand, cloudFlags} from '../../../lib/ui/index.js'

export default class ConfigsDefaultSet extends BaseCommand {
  static args = {name: Args.string({description: 'Name or id of the configuration.', required: true})}

  static summary = 'Make a configuration the default for newly enrolled printers'

  static description =
    'Make a configuration the default: it is deployed automatically to newly enrolled printers. An organization has one default; setting another replaces it.'

  static examples = ['<%= config.bin %> <%= command.id %> "Retail standard"']

  static flags = {...cloudFlags}

  async run(): Promise<Configuration> {
    const {args, flags} = await this.parse(ConfigsDefaultSet)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const all = await s.client.configs.list(orgId)
    const c = findNamed(all, args.name, 'configuration', 'See `lcs configs list`.')
    const previous = all.find((x) => x.isDefault && x.id !== c.id)
    const out = await s.client.configs.setDefault(orgId, c.id)
    this.log(
      `"${out.name}" is the default configuration: newly enrolled printers get it.${previous ? ` (It replaces "${previous.name}".)` : ''}`,
    )
    return out
  }
}
