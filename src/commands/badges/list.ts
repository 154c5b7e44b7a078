import {Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {Badge} from '../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, listFlags, type Column, timestamp, renderCsv, renderTable} from '../../lib/ui/index.js'

const COLUMNS: Column<Badge>[] = [
  {get: (b) => b.badgeId, header: 'Badge'},
  {get: (b) => b.email, header: 'User'},
  {get: (b) => (b.temporary ? 'temporary' : 'permanent'), header: 'Kind'},
  {get: (b) => b.description ?? '', header: 'Description'},
  {get: (b) => timestamp(b.expiresAt), header: 'Expires'},
  {get: (b) => timestamp(b.dateCreated), header: 'Registered'},
]

export default class BadgesList extends BaseCommand {
  static summary = 'List the registered badges of the organization (or of one user)'

  static description =
    'List the registered badges of the organization (or of one user). Needs the Organization Administrator or User Administrator role.'

  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --email jdoe@company.com --json',
    '<%= config.bin %> <%= command.id %> --csv > badges.csv',
  ]

  static flags = {
    ...cloudFlags,
    ...listFlags,
    csv: Flags.boolean({description: 'Print CSV instead of a table.', exclusive: ['json']}),
    email: Flags.string({description: 'Only the badges of this user.'}),
  }

  async run(): Promise<Badge[]> {
    const {flags} = await this.parse(BadgesList)
    const s = await this.session(flags)
    const rows = await this.collect(s.client.badges.list(await activeOrgId(s), {email: flags.email?.toLowerCase()}), flags.limit)
    if (flags.csv) process.stdout.write(renderCsv(rows, COLUMNS))
    else if (!this.jsonEnabled()) this.log(rows.length ? renderTable(rows, COLUMNS) : 'No badges.')
    return rows
  }
}
