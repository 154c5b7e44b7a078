import {Args} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/index.js'
import type {GroupMember} from '../../../lib/cloud/index.js'
import {findGroup} from '../../../lib/lookups.js'
import {BaseCommand, cloudFlags, listFlags, type Column, renderTable} from '../../../lib/ui/index.js'

const COLUMNS: Column<GroupMember>[] = [
  {get: (m) => m.email, header: 'Email'},
  {get: (m) => m.firstName, header: 'First name'},
  {get: (m) => m.lastName, header: 'Last name'},
]

export default class GroupsMembersList extends BaseCommand {
  static args = {group: Args.string({description: 'Group name (any case) or id.', required: true})}

  static summary = 'List the members of a group'

  static description = 'List the members of a group.'

  static examples = [
    '<%= config.bin %> <%= command.id %> Technicians',
    "<%= config.bin %> <%= command.id %> Technicians --json | jq -r '.[].email'",
  ]

  static flags = {...cloudFlags, ...listFlags}

  async run(): Promise<GroupMember[]> {
    const {args, flags} = await this.parse(GroupsMembersList)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const group = await findGroup(s.client, orgId, args.group)
    const rows = await this.collect(s.client.groups.members(orgId, group.id), flags.limit)
    this.log(rows.length ? renderTable(rows, COLUMNS) : `No members in ${group.name}.`)
    return rows
  }
}
