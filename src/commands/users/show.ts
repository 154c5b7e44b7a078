import {Args} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {User, UserRoles} from '../../lib/cloud/index.js'
import {emailRule, GROUP_SEPARATOR} from '../../lib/csv/index.js'
import {BaseCommand, checkArg, cloudFlags, describeUserRoles} from '../../lib/ui/index.js'

export default class UsersShow extends BaseCommand {
  static args = {email: Args.string({description: 'E-mail address of the user.', required: true})}

  static summary = 'Show a user with their groups and effective roles'

  static description =
    'Show a user (name, groups) with their effective roles and where each comes from (the user, a group, the organization), like the portal\'s "User Roles: 1, Group Roles: 0, Organization Roles: 1".'

  static examples = ['<%= config.bin %> <%= command.id %> jdoe@company.com', '<%= config.bin %> <%= command.id %> jdoe@company.com --json']

  static flags = cloudFlags

  async run(): Promise<{user: User; roles: UserRoles}> {
    const {args, flags} = await this.parse(UsersShow)
    const email = args.email.toLowerCase()
    checkArg('EMAIL', email, emailRule)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    // the roles call answers 404 for a user outside the organization, before the directory is read
    const roles = await s.client.roles.ofUser(orgId, email)
    let user: User | undefined
    for await (const u of s.client.users.list(orgId))
      if (u.email.toLowerCase() === email) {
        user = u
        break
      }
    const name = [user?.firstName, user?.lastName].filter(Boolean).join(' ')
    this.log(
      `${name ? `${name} ` : ''}${describeUserRoles(roles)}${user?.groups?.length ? `\nGroups: ${user.groups.join(GROUP_SEPARATOR)}` : ''}`,
    )
    return {roles, user: user!}
  }
}
