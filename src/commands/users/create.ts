import {Args} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {Outcome} from '../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, userFieldFlags, userItemFromFlags} from '../../lib/ui/index.js'

export default class UsersCreate extends BaseCommand {
  static args = {email: Args.string({description: 'E-mail address of the new user.', required: true})}

  static summary = 'Create a user in the organization'

  static description =
    'Create a user in the organization. Creating the same user again with the same details changes nothing; an existing user with other details is a conflict (exit 6: use lcs users update). Needs the Organization Administrator or User Administrator role.'

  static examples = [
    '<%= config.bin %> <%= command.id %> jdoe@company.com --first-name John --last-name Doe --groups "Printing;Finance"',
    'printf %s "$PW" | <%= config.bin %> <%= command.id %> jdoe@company.com --password-stdin --json',
  ]

  static flags = {...cloudFlags, ...userFieldFlags}

  async run(): Promise<{email: string; outcome: Outcome}> {
    const {args, flags} = await this.parse(UsersCreate)
    const item = await userItemFromFlags('CREATE', args.email, flags)
    const s = await this.session(flags)
    const outcome = await s.client.users.applyOne(await activeOrgId(s), item)
    this.log(`User ${item.email}: ${outcome}.`)
    return {email: item.email, outcome}
  }
}
