import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {Outcome} from '../../lib/cloud/index.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/index.js'

export default class BadgesDelete extends BaseCommand {
  static args = {badge: Args.string({description: 'The badge ID.', required: true})}

  static summary = 'Remove a registered badge'

  static description =
    'Remove a registered badge. Asks first on a terminal; scripts pass --yes. A badge that was already removed is reported as unchanged; one that never existed is not found (exit 3).'

  static examples = ['<%= config.bin %> <%= command.id %> 20171a', '<%= config.bin %> <%= command.id %> 20171a --yes --json']

  static flags = {...cloudFlags, yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation (required without a terminal).'})}

  async run(): Promise<{badgeId: string; outcome: Outcome}> {
    const {args, flags} = await this.parse(BadgesDelete)
    await this.confirmDelete(`badge ${args.badge}`, flags.yes)
    const s = await this.session(flags)
    const outcome = await s.client.badges.applyOne(await activeOrgId(s), {badgeId: args.badge, operation: 'DELETE'})
    this.log(`Badge ${args.badge}: ${outcome}.`)
    return {badgeId: args.badge, outcome}
  }
}
