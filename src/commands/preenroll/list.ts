import {Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {Preenrollment} from '../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, listFlags, type Column, timestamp, renderCsv, renderTable} from '../../lib/ui/index.js'

const COLUMNS: Column<Preenrollment>[] = [
  {get: (p) => p.serialNumber, header: 'Serial number'},
  {get: (p) => timestamp(p.createdAt), header: 'Pre-enrolled'},
]

export default class PreenrollList extends BaseCommand {
  static summary = 'List the printers pre-enrolled in the organization'

  static description = 'List the printers pre-enrolled in the organization (serial numbers waiting to enroll with the enrollment code).'

  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
    '<%= config.bin %> <%= command.id %> --csv > preenrolled.csv',
  ]

  static flags = {...cloudFlags, ...listFlags, csv: Flags.boolean({description: 'Print CSV instead of a table.', exclusive: ['json']})}

  async run(): Promise<Preenrollment[]> {
    const {flags} = await this.parse(PreenrollList)
    const s = await this.session(flags)
    const rows = await this.collect(s.client.preenrollments.list(await activeOrgId(s)), flags.limit)
    if (flags.csv) process.stdout.write(renderCsv(rows, COLUMNS))
    else if (!this.jsonEnabled()) this.log(rows.length ? renderTable(rows, COLUMNS) : 'No pre-enrolled printers.')
    return rows
  }
}
