import {Args} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/index.js'
import type {UserRoles} from '../../../lib/cloud/index.js'
import {emailRule} from '../../../lib/csv/index.js'
import {BaseCommand, checkArg, cloudFlags, describeChange, roleArgs, roleArgv} from '../../../lib/ui/index.js'

export default class UsersRolesRemove extends BaseCommand {
  static args = {email: Args.string({description: 'E-mail address of the user.', required: true}), ...roleArgs}

  static summary = 'Remove individual roles from a user'

  static description =
    'Remove individual roles from a user. Roles the user has through a group or the organization stay: see `lcs users roles show`.'

  static examples = [
    '<%= config.bin %> <%= command.id %> jdoe@company.com "Fleet Management Administrator" "File Service Administrator"',
    '<%= config.bin %> <%= command.id %> jdoe@company.com "User Administrator" --org "Contoso Retail" --json',
  ]

  static flags = cloudFlags

  static strict = false

  async run(): Promise<UserRoles & {assigned: string[]; removed: string[]}> {
    const {args, argv, flags} = await this.parse(UsersRolesRemove)
    const email = args.email.toLowerCase()
    checkArg('EMAIL', email, emailRule)
    const roles = roleArgv(argv, 1)
    const s = await this.session(flags)
    const out = await s.client.roles.changeUser(await activeOrgId(s), email, {remove: roles})
    this.log(describeChange(`User ${email}`, {...out, roles: out.user}))
    return out
  }
}
