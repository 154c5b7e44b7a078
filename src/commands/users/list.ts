import {Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import {checkRoles, type User} from '../../lib/cloud/index.js'
import {GROUP_SEPARATOR} from '../../lib/csv/index.js'
import {findGroup} from '../../lib/lookups.js'
import {BaseCommand, cloudFlags, listFlags, type Column, renderCsv, renderTable} from '../../lib/ui/index.js'

const COLUMNS: Column<User>[] = [
  {get: (u) => u.email, header: 'Email'},
  {get: (u) => u.firstName, header: 'First name'},
  {get: (u) => u.lastName, header: 'Last name'},
  {get: (u) => u.displayName, header: 'Display name'},
  {get: (u) => u.department, header: 'Department'},
  {get: (u) => u.costCenter, header: 'Cost center'},
  {get: (u) => u.groups?.join(GROUP_SEPARATOR), header: 'Groups'},
  {get: (u) => (u.pinSet ? 'set' : ''), header: 'PIN'},
]

export default class UsersList extends BaseCommand {
  static summary = 'List the users of the organization'

  static description = 'List the users of the organization with their details, groups and whether they have a PIN (never the PIN).'

  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --org "Contoso Retail" --json',
    '<%= config.bin %> <%= command.id %> --csv > users.csv',
    '<%= config.bin %> <%= command.id %> --group Technicians --role "Fleet Management Administrator" --json --fields email,groups',
  ]

  static flags = {
    ...cloudFlags,
    ...listFlags,
    csv: Flags.boolean({description: 'Print CSV instead of a table.', exclusive: ['json']}),
    group: Flags.string({description: 'Only the members of this group (name, any case, or id).'}),
    role: Flags.string({description: 'Only the users who hold this role themselves (not through a group); any case.'}),
  }

  async run(): Promise<User[]> {
    const {flags} = await this.parse(UsersList)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const role = flags.role === undefined ? undefined : checkRoles([flags.role])[0]
    const group = flags.group === undefined ? undefined : (await findGroup(s.client, orgId, flags.group)).name
    const rows = await this.collect(s.client.users.list(orgId, {group, role}), flags.limit)
    if (flags.csv) process.stdout.write(renderCsv(rows, COLUMNS))
    else if (!this.jsonEnabled()) this.log(rows.length ? renderTable(rows, COLUMNS) : 'No users.')
    return rows
  }
}
