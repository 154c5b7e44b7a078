import {Args} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/index.js'
import type {RoleAssignment} from '../../../lib/cloud/index.js'
import {findGroup} from '../../../lib/lookups.js'
import {BaseCommand, cloudFlags, describeChange, roleArgs, roleArgv} from '../../../lib/ui/index.js'

export default class GroupsRolesAssign extends BaseCommand {
  static args = {group: Args.string({description: 'Group name (any case) or id.', required: true}), ...roleArgs}

  static summary = 'Assign roles to a group'

  static description = 'Assign roles to a group: every member has them.'

  static examples = [
    '<%= config.bin %> <%= command.id %> Technicians "Fleet Management Administrator" "File Service Administrator"',
    '<%= config.bin %> <%= command.id %> "Print users" "Print Release Management User" --json',
  ]

  static flags = cloudFlags

  static strict = false

  async run(): Promise<RoleAssignment & {group: string}> {
    const {args, argv, flags} = await this.parse(GroupsRolesAssign)
    const roles = roleArgv(argv, 1)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const group = await findGroup(s.client, orgId, args.group)
    const out = await s.client.roles.changeGroup(orgId, group.id, {assign: roles})
    this.log(describeChange(`Group ${group.name}`, out))
    return {...out, group: group.name}
  }
}
