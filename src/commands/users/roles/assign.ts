import {Args} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/index.js'
import type {UserRoles} from '../../../lib/cloud/index.js'
import {emailRule} from '../../../lib/csv/index.js'
import {BaseCommand, checkArg, cloudFlags, describeChange, roleArgs, roleArgv} from '../../../lib/ui/index.js'

export default class UsersRolesAssign extends BaseCommand {
  static args = {email: Args.string({description: 'E-mail address of the user.', required: true}), ...roleArgs}

  static summary = 'Assign individual roles to a user'

  static description =
    'Assign individual roles to a user (roles from groups and the organization add to them). Roles the user already has are unchanged.'

  static examples = [
    '<%= config.bin %> <%= command.id %> jdoe@company.com "Fleet Management Administrator" "File Service Administrator"',
    '<%= config.bin %> <%= command.id %> jdoe@company.com "User Administrator" --org "Contoso Retail" --json',
  ]

  static flags = cloudFlags

  static strict = false

  async run(): Promise<UserRoles & {assigned: string[]; removed: string[]}> {
    const {args, argv, flags} = await this.parse(UsersRolesAssign)
    const email = args.email.toLowerCase()
    checkArg('EMAIL', email, emailRule)
    const roles = roleArgv(argv, 1)
    const s = await this.session(flags)
    const out = await s.client.roles.changeUser(await activeOrgId(s), email, {assign: roles})
    this.log(describeChange(`User ${email}`, {...out, roles: out.user}))
    return out
  }
}
