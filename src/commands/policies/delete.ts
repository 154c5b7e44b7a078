import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import {findPolicy, type Policy} from '../../lib/policies/index.js'
import {BaseCommand, cloudFlags, type ItemReport} from '../../lib/ui/index.js'

export default class PoliciesDelete extends BaseCommand {
  static args = {policies: Args.string({description: 'Ids or names of the notification policies.', required: true})}

  static summary = 'Delete notification policies (their history stays)'

  static description =
    'Delete notification policies that are no longer needed; their notification history stays. Asks first (--yes in scripts).'

  static examples = [
    '<%= config.bin %> <%= command.id %> "Low toner"',
    '<%= config.bin %> <%= command.id %> "Low toner" "3-day No Communications" --yes --json',
  ]

  static flags = {...cloudFlags, yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation.'})}

  static strict = false

  async run(): Promise<ItemReport<'policy', 'deleted'>[]> {
    const {argv, flags} = await this.parse(PoliciesDelete)
    this.requireConfirmation(flags.yes)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    return this.eachItem(argv as string[], flags.yes, {
      act: (p: Policy) => s.client.policies.delete(orgId, p.id),
      done: 'deleted',
      find: (ref: string) => findPolicy(s.client, orgId, ref),
      key: 'policy',
      label: (p) => p.name,
      question: (p) => `Delete notification policy "${p.name}"?`,
    })
  }
}
