import {Args} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {Outcome} from '../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, userFieldFlags, userItemFromFlags} from '../../lib/ui/index.js'

export default class UsersUpdate extends BaseCommand {
  static args = {email: Args.string({description: 'E-mail address of the user.', required: true})}

  static summary = "Change a user's details, groups or password"

  static description =
    "Change a user's details, groups or password; fields you do not pass stay as they are. An unknown user is not found (exit 3)."

  static examples = [
    '<%= config.bin %> <%= command.id %> jdoe@company.com --department Sales',
    '<%= config.bin %> <%= command.id %> jdoe@company.com --groups "Printing" --json',
  ]

  static flags = {...cloudFlags, ...userFieldFlags}

  async run(): Promise<{email: string; outcome: Outcome}> {
    const {args, flags} = await this.parse(UsersUpdate)
    const item = await userItemFromFlags('UPDATE', args.email, flags)
    const s = await this.session(flags)
    const outcome = await s.client.users.applyOne(await activeOrgId(s), item)
    this.log(`User ${item.email}: ${outcome}.`)
    return {email: item.email, outcome}
  }
}
