import {Flags} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/index.js'
import type {MpsContact} from '../../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, listFlags, type Column, renderCsv, renderTable} from '../../../lib/ui/index.js'

const COLUMNS: Column<MpsContact>[] = [
  {get: (c) => `${c.firstName} ${c.lastName}`, header: 'Name'},
  {get: (c) => c.email, header: 'Email'},
  {get: (c) => `+${c.countryCode} ${c.phone}`, header: 'Phone'},
  {get: (c) => c.businessName, header: 'Business'},
  {get: (c) => [c.addressLine1, c.addressLine2].filter(Boolean).join(', '), header: 'Address'},
  {get: (c) => [c.postalCode, c.city, c.stateProvince].filter(Boolean).join(' '), header: 'City'},
  {get: (c) => c.country, header: 'Country'},
]

export default class MpsContactsList extends BaseCommand {
  static summary = 'List the MPS Express (supplies delivery) contacts of the organization'

  static description = 'List the MPS Express (supplies delivery) contacts of the organization.'

  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
    '<%= config.bin %> <%= command.id %> --csv > contacts.csv',
  ]

  static flags = {...cloudFlags, ...listFlags, csv: Flags.boolean({description: 'Print CSV instead of a table.', exclusive: ['json']})}

  async run(): Promise<MpsContact[]> {
    const {flags} = await this.parse(MpsContactsList)
    const s = await this.session(flags)
    const rows = await this.collect(s.client.mpsContacts.list(await activeOrgId(s)), flags.limit)
    if (flags.csv) process.stdout.write(renderCsv(rows, COLUMNS))
    else if (!this.jsonEnabled()) this.log(rows.length ? renderTable(rows, COLUMNS) : 'No contacts.')
    return rows
  }
}
