import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import {findOrganization} from '../../lib/lookups.js'
import type {Configuration} from '../../lib/cloud/index.js'
import {findNamed} from '../../lib/lookups.js'
import {configDetail} from '../../lib/deploy/index.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/index.js'

export default class ConfigsCopy extends BaseCommand {
  static args = {
    name: Args.string({description: 'Name or id of the configuration to copy.', required: true}),
    newName: Args.string({description: 'Name of the copy.', required: true}),
  }

  static summary = 'Copy a configuration under a new name'

  static description =
    'Copy a configuration under a new name — the way to change a deployed one. Partners copy into a child organization with --to-org (the Partner Administrator role); the imported resources it uses are copied along.'

  static examples = [
    '<%= config.bin %> <%= command.id %> "Retail standard" "Retail standard v2"',
    '<%= config.bin %> <%= command.id %> "Retail standard" "Retail standard" --to-org "Contoso Retail" --json',
  ]

  static flags = {
    ...cloudFlags,
    'to-org': Flags.string({description: 'Organization to copy into (id or name). Default: the same organization.'}),
  }

  async run(): Promise<Configuration> {
    const {args, flags} = await this.parse(ConfigsCopy)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const src = findNamed(await s.client.configs.list(orgId), args.name, 'configuration', 'See `lcs configs list`.')
    const target = flags['to-org'] ? await findOrganization(s.client, flags['to-org']) : undefined
    const c = await s.client.configs.copy(orgId, src.id, args.newName, {targetOrgId: target?.id})
    this.log(`Copied "${src.name}" to "${c.name}"${target ? ` in ${target.name}` : ''}\n${configDetail(c)}`)
    return c
  }
}
