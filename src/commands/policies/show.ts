import {Args} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import {findPolicy, type Policy} from '../../lib/policies/index.js'
import {BaseCommand, cloudFlags, renderPolicy} from '../../lib/ui/index.js'

export default class PoliciesShow extends BaseCommand {
  static args = {policy: Args.string({description: 'Id or name of the notification policy.', required: true})}

  static summary = 'Show a notification policy'

  static description = 'Show a notification policy: its type and condition, the printers it applies to, who it notifies.'

  static examples = ['<%= config.bin %> <%= command.id %> "Low toner"', '<%= config.bin %> <%= command.id %> "Low toner" --json']

  static flags = {...cloudFlags}

  async run(): Promise<Policy> {
    const {args, flags} = await this.parse(PoliciesShow)
    const s = await this.session(flags)
    const p = await findPolicy(s.client, await activeOrgId(s), args.policy)
    this.log(renderPolicy(p))
    return p
  }
}
