import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {Outcome} from '../../lib/cloud/index.js'
import {badgeRule, emailRule} from '../../lib/csv/index.js'
import {BaseCommand, checkArg, cloudFlags} from '../../lib/ui/index.js'

export default class BadgesRegister extends BaseCommand {
  static args = {badge: Args.string({description: 'The badge ID (as the card reader reads it).', required: true})}

  static description =
    'Register a badge for an existing user, permanent or temporary (24 h). Registering it again for the same user changes nothing; a badge of another user is a conflict (exit 6).'

  static examples = [
    '<%= config.bin %> <%= command.id %> 20171a --email jdoe@company.com',
    '<%= config.bin %> <%= command.id %> "20171a,2a" --email jdoe@company.com --temporary --json',
  ]

  static flags = {
    ...cloudFlags,
    email: Flags.string({description: 'The user the badge belongs to.', required: true}),
    temporary: Flags.boolean({description: 'A temporary badge (expires after 24 hours).'}),
  }

  async run(): Promise<{badgeId: string; email: string; temporary: boolean; outcome: Outcome}> {
    const {args, flags} = await this.parse(BadgesRegister)
    const email = flags.email.toLowerCase()
    checkArg('BADGE', args.badge, badgeRule)
    checkArg('--email', email, emailRule)
    const s = await this.session(flags)
    const outcome = await s.client.badges.applyOne(await activeOrgId(s), {
      badgeId: args.badge,
      email,
      operation: 'CREATE',
      temporary: flags.temporary,
    })
    this.log(`Badge ${args.badge} of ${email}: ${outcome}.`)
    return {badgeId: args.badge, email, outcome, temporary: flags.temporary}
  }
}
