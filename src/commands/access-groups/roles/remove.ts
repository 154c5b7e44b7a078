import {Args} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/index.js'
import type {RoleAssignment} from '../../../lib/cloud/index.js'
import {findAccessGroup} from '../../../lib/lookups.js'
import {BaseCommand, cloudFlags, describeChange, roleArgs, roleArgv} from '../../../lib/ui/index.js'

export default class AccessGroupsRolesRemove extends BaseCommand {
  static args = {group: Args.string({description: 'Group name (any case) or id.', required: true}), ...roleArgs}

  static summary = 'Remove roles from a Child Organization Access Group'

  static description =
    'Remove roles from a Child Organization Access Group. Partner Administrator cannot be removed: it is what gives access.'

  static examples = [
    '<%= config.bin %> <%= command.id %> "Fleet technicians" "Fleet Management Administrator" "File Service Administrator"',
    '<%= config.bin %> <%= command.id %> "Fleet technicians" "Fleet Management Reporting Analyst" --json',
  ]

  static flags = cloudFlags

  static strict = false

  async run(): Promise<RoleAssignment & {group: string}> {
    const {args, argv, flags} = await this.parse(AccessGroupsRolesRemove)
    const roles = roleArgv(argv, 1)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const g = await findAccessGroup(s.client, orgId, args.group)
    const out = await s.client.accessGroups.changeRoles(orgId, g.id, {remove: roles})
    this.log(describeChange(`Child Organization Access Group ${g.name}`, out))
    return {...out, group: g.name}
  }
}
