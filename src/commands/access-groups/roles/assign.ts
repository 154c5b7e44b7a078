import {Args} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/index.js'
import type {RoleAssignment} from '../../../lib/cloud/index.js'
import {findAccessGroup} from '../../../lib/lookups.js'
import {BaseCommand, cloudFlags, describeChange, roleArgs, roleArgv} from '../../../lib/ui/index.js'

export default class AccessGroupsRolesAssign extends BaseCommand {
  static args = {group: Args.string({description: 'Group name (any case) or id.', required: true}), ...roleArgs}

  static summary = 'Assign roles to a Child Organization Access Group'

  static description = 'Assign roles to a Child Organization Access Group: its members have them in every customer organization.'

  static examples = [
    '<%= config.bin %> <%= command.id %> "Fleet technicians" "Fleet Management Administrator" "File Service Administrator"',
    '<%= config.bin %> <%= command.id %> "Fleet technicians" "Fleet Management Reporting Analyst" --json',
  ]

  static flags = cloudFlags

  static strict = false

  async run(): Promise<RoleAssignment & {group: string}> {
    const {args, argv, flags} = await this.parse(AccessGroupsRolesAssign)
    const roles = roleArgv(argv, 1)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const g = await findAccessGroup(s.client, orgId, args.group)
    const out = await s.client.accessGroups.changeRoles(orgId, g.id, {assign: roles})
    this.log(describeChange(`Child Organization Access Group ${g.name}`, out))
    return {...out, group: g.name}
  }
}
