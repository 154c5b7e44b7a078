import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import {findPolicy, type Policy} from '../../lib/policies/index.js'
import {BaseCommand, cloudFlags, policyFlags, policyFromFlags, renderPolicy} from '../../lib/ui/index.js'

export default class PoliciesDuplicate extends BaseCommand {
  static args = {policy: Args.string({description: 'Id or name of the policy to duplicate.', required: true})}

  static summary = 'Duplicate a notification policy under a new name'

  static description =
    'Duplicate a notification policy: a new policy prefilled from this one, with a new unique --name and any other field changed by its flag.'

  static examples = [
    '<%= config.bin %> <%= command.id %> "Low toner" --name "Very low toner" --threshold 5',
    '<%= config.bin %> <%= command.id %> "Low toner" --name "Low toner Floor 2" --tag Floor2 --json',
  ]

  static flags = {
    ...cloudFlags,
    ...policyFlags,
    name: Flags.string({description: 'Name of the new policy (names are unique).', required: true}),
  }

  async run(): Promise<Policy> {
    const {args, flags} = await this.parse(PoliciesDuplicate)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const from = await findPolicy(s.client, orgId, args.policy)
    const input = policyFromFlags(from, flags)
    const p = await s.client.policies.duplicate(orgId, from.id, input)
    this.log(`Created notification policy "${p.name}" from "${from.name}".\n${renderPolicy(p)}`)
    return p
  }
}
