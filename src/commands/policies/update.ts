import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import {findPolicy, policyChanges, type Policy} from '../../lib/policies/index.js'
import {BaseCommand, cloudFlags, policyFlags, policyFromFlags, renderPolicy} from '../../lib/ui/index.js'

export default class PoliciesUpdate extends BaseCommand {
  static args = {policy: Args.string({description: 'Id or name of the notification policy.', required: true})}

  static summary = 'Modify a notification policy'

  static description =
    'Modify a notification policy: the flags given replace those fields (--email and --tag replace the whole list; --all-printers applies it to every printer again). A modified policy notifies afresh.'

  static examples = [
    '<%= config.bin %> <%= command.id %> "Low toner" --threshold 10',
    '<%= config.bin %> <%= command.id %> "Low toner" --email a@example.com --email b@example.com --all-printers --json',
  ]

  static flags = {
    ...cloudFlags,
    ...policyFlags,
    'all-printers': Flags.boolean({description: 'Apply the policy to all printers in this organization.', exclusive: ['tag']}),
  }

  async run(): Promise<Policy> {
    const {args, flags} = await this.parse(PoliciesUpdate)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const current = await findPolicy(s.client, orgId, args.policy)
    const input = policyFromFlags(current, flags)
    if (!policyChanges(current, input).length && input.name === current.name) {
      this.log(`Notification policy "${current.name}" is unchanged.`)
      return current
    }
    const p = await s.client.policies.update(orgId, current.id, input)
    this.log(`Updated notification policy "${p.name}".\n${renderPolicy(p)}`)
    return p
  }
}
