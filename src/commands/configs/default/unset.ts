import {Args} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/index.js'
import type {Configuration} from '../../../lib/cloud/index.js'
import {findNamed} from '../../../lib/lookups.js'
import {BaseCommand, cloudFlags} from '../../../lib/ui/index.js'

export default class ConfigsDefaultUnset extends BaseCommand {
  static args = {name: Args.string({description: 'Name or id of the configuration. Default: whichever is the default.'})}

  static summary = 'Remove the default mark from the default configuration'

  static description = 'Remove the default mark: newly enrolled printers no longer get a configuration automatically.'

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> "Retail standard" --json']

  static flags = {...cloudFlags}

  async run(): Promise<Configuration | null> {
    const {args, flags} = await this.parse(ConfigsDefaultUnset)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const all = await s.client.configs.list(orgId)
    const c = args.name ? findNamed(all, args.name, 'configuration', 'See `lcs configs list`.') : all.find((x) => x.isDefault)
    if (!c || !c.isDefault) {
      this.log(c ? `"${c.name}" is not the default configuration; nothing to do.` : 'There is no default configuration; nothing to do.')
      return c ?? null
    }
    const out = await s.client.configs.unsetDefault(orgId, c.id)
    this.log(`"${out.name}" is no longer the default configuration.`)
    return out
  }
}
