import {Args} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/index.js'
import type {UserRoles} from '../../../lib/cloud/index.js'
import {emailRule} from '../../../lib/csv/index.js'
import {BaseCommand, checkArg, cloudFlags, describeUserRoles} from '../../../lib/ui/index.js'

export default class UsersRolesShow extends BaseCommand {
  static args = {email: Args.string({description: 'E-mail address of the user.', required: true})}

  static summary = "Show a user's roles and where each comes from"

  static description =
    "Show a user's roles: individual, through each group, and inherited from the organization, with every effective role's source."

  static examples = ['<%= config.bin %> <%= command.id %> jdoe@company.com', '<%= config.bin %> <%= command.id %> jdoe@company.com --json']

  static flags = cloudFlags

  async run(): Promise<UserRoles> {
    const {args, flags} = await this.parse(UsersRolesShow)
    const email = args.email.toLowerCase()
    checkArg('EMAIL', email, emailRule)
    const s = await this.session(flags)
    const roles = await s.client.roles.ofUser(await activeOrgId(s), email)
    this.log(describeUserRoles(roles))
    return roles
  }
}
