import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {Outcome} from '../../lib/cloud/index.js'
import {emailRule} from '../../lib/csv/index.js'
import {BaseCommand, checkArg, cloudFlags} from '../../lib/ui/index.js'

export default class UsersDelete extends BaseCommand {
  static args = {email: Args.string({description: 'E-mail address of the user.', required: true})}

  static summary = 'Delete a user, with their badges, PIN and group memberships'

  static description =
    'Delete a user, with their badges, PIN and group memberships. Asks first on a terminal; scripts pass --yes. A user deleted before is reported as unchanged; one that never existed is not found (exit 3).'

  static examples = [
    '<%= config.bin %> <%= command.id %> jdoe@company.com',
    '<%= config.bin %> <%= command.id %> jdoe@company.com --yes --json',
  ]

  static flags = {...cloudFlags, yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation (required without a terminal).'})}

  async run(): Promise<{email: string; outcome: Outcome}> {
    const {args, flags} = await this.parse(UsersDelete)
    const email = args.email.toLowerCase()
    checkArg('EMAIL', email, emailRule)
    await this.confirmDelete(`user ${email}`, flags.yes)
    const s = await this.session(flags)
    const outcome = await s.client.users.delete(await activeOrgId(s), email)
    this.log(`User ${email}: ${outcome}.`)
    return {email, outcome}
  }
}
