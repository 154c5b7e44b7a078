import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import {findNamed} from '../../lib/lookups.js'
import {BaseCommand, cloudFlags, type ItemReport} from '../../lib/ui/index.js'

export default class ConfigsDelete extends BaseCommand {
  static args = {names: Args.string({description: 'Names or ids of the configurations to delete.', required: true})}

  static summary = 'Delete configurations'

  static description =
    'Delete configurations. Asks first (--yes in scripts). Printers keep what was deployed; the task history keeps the deployments. Exit 9 when some were not found.'

  static examples = [
    '<%= config.bin %> <%= command.id %> "Old standard"',
    '<%= config.bin %> <%= command.id %> "Old standard" "Test" --yes --json',
  ]

  static flags = {...cloudFlags, yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation.'})}

  static strict = false

  async run(): Promise<ItemReport<'configuration', 'deleted'>[]> {
    const {argv, flags} = await this.parse(ConfigsDelete)
    this.requireConfirmation(flags.yes)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const all = await s.client.configs.list(orgId)
    return this.eachItem(argv as string[], flags.yes, {
      act: (c) => s.client.configs.delete(orgId, c.id),
      done: 'deleted',
      find: (ref: string) => findNamed(all, ref, 'configuration', ''),
      key: 'configuration',
      label: (c) => c.name,
      question: (c) => `Delete configuration "${c.name}"${c.isDefault ? ' (the default configuration)' : ''}?`,
    })
  }
}
