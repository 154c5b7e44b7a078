import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import {BADGE_DESCRIPTION_MAX, type Outcome} from '../../lib/cloud/index.js'
import {badgeRule, emailRule, textRule} from '../../lib/csv/index.js'
import {BaseCommand, checkArg, cloudFlags} from '../../lib/ui/index.js'

export default class BadgesRegister extends BaseCommand {
  static args = {badge: Args.string({description: 'The badge ID (as the card reader reads it).', required: true})}

  static summary = 'Register a badge for a user, permanent or temporary (24 h)'

  static description =
    "Register a badge for an existing user, permanent or temporary (24 h), with the portal's optional description. Registering it again for the same user changes nothing (or the kind and description given); a badge of another user is a conflict (exit 6)."

  static examples = [
    '<%= config.bin %> <%= command.id %> 20171a --email jdoe@company.com',
    '<%= config.bin %> <%= command.id %> "20171a,2a" --email jdoe@company.com --temporary --json',
    '<%= config.bin %> <%= command.id %> 20171a --email jdoe@company.com --description "Blue lanyard badge"',
  ]

  static flags = {
    ...cloudFlags,
    email: Flags.string({description: 'The user the badge belongs to.', required: true}),
    temporary: Flags.boolean({description: 'A temporary badge (expires after 24 hours).'}),
    description: Flags.string({description: `What the badge is (shown in badge lists), up to ${BADGE_DESCRIPTION_MAX} characters.`}),
  }

  async run(): Promise<{badgeId: string; email: string; temporary: boolean; description?: string; outcome: Outcome}> {
    const {args, flags} = await this.parse(BadgesRegister)
    const email = flags.email.toLowerCase()
    checkArg('BADGE', args.badge, badgeRule)
    checkArg('--email', email, emailRule)
    if (flags.description !== undefined) checkArg('--description', flags.description, textRule(BADGE_DESCRIPTION_MAX))
    const s = await this.session(flags)
    const outcome = await s.client.badges.applyOne(await activeOrgId(s), {
      badgeId: args.badge,
      description: flags.description,
      email,
      operation: 'CREATE',
      temporary: flags.temporary,
    })
    this.log(`Badge ${args.badge} of ${email}: ${outcome}.`)
    return {badgeId: args.badge, description: flags.description, email, outcome, temporary: flags.temporary}
  }
}
