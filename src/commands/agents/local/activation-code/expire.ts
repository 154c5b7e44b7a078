import {Flags} from '@oclif/core'

import {activeOrgId} from '../../../../lib/auth/index.js'
import {LcsError} from '../../../../lib/errors.js'
import {BaseCommand, cloudFlags} from '../../../../lib/ui/index.js'

export default class AgentsLocalActivationCodeExpire extends BaseCommand {
  static summary = 'Expire the valid Local Agent activation code now'

  static description =
    'Expire the valid Local Agent activation code now: no more agents activate with it (those activated keep working). Asks first (--yes in scripts); exit 3 when there is no valid code.'

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --yes --json']

  static flags = {...cloudFlags, yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation.'})}

  async run(): Promise<{expired: true}> {
    const {flags} = await this.parse(AgentsLocalActivationCodeExpire)
    this.requireConfirmation(flags.yes)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    if (
      !(await this.confirmed(
        flags.yes,
        'Expire the Local Agent activation code? No more agents can be activated with it.',
        'confirmation to expire the code',
      ))
    )
      throw new LcsError('interrupted', 'Cancelled: the code is still valid.')
    await s.client.localAgents.expireCode(orgId)
    this.log('The Local Agent activation code has expired.')
    return {expired: true}
  }
}
