import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import {findNamed} from '../../lib/lookups.js'
import {BaseCommand, cloudFlags, type ItemReport} from '../../lib/ui/index.js'

export default class ResourcesDelete extends BaseCommand {
  static args = {resources: Args.string({description: 'Names or ids of the resources to delete.', required: true})}

  static summary = 'Delete resources from the library'

  static description =
    'Delete resources from the library. Asks first (--yes in scripts). A resource that a configuration still uses is refused: remove it from the configuration first. Exit 9 when some could not be deleted.'

  static examples = [
    '<%= config.bin %> <%= command.id %> "Old UCF"',
    '<%= config.bin %> <%= command.id %> CSTAT.076.303 "Kiosk 1.2.0" --yes --json',
  ]

  static flags = {...cloudFlags, yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation.'})}

  static strict = false

  async run(): Promise<ItemReport<'resource', 'deleted'>[]> {
    const {argv, flags} = await this.parse(ResourcesDelete)
    this.requireConfirmation(flags.yes)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const all = await s.client.resources.list(orgId)
    return this.eachItem(argv as string[], flags.yes, {
      act: (r) => s.client.resources.delete(orgId, r.id),
      done: 'deleted',
      find: (ref: string) => findNamed(all, ref, 'resource', ''),
      key: 'resource',
      label: (r) => r.name,
      question: (r) => `Delete ${r.type} resource "${r.name}"?`,
    })
  }
}
