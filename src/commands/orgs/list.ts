import {Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {Organization} from '../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, listFlags, type Column, timestamp, renderCsv, renderTable} from '../../lib/ui/index.js'

type Row = Organization & {active: boolean}

/** The columns; Parent by name (the id is in --json), or the id when the parent is out of reach. */
const columns = (names: Map<string, string>): Column<Row>[] => [
  {get: (o) => (o.active ? '*' : ''), header: ' '},
  {get: (o) => o.name, header: 'Name'},
  {get: (o) => o.id, header: 'ID'},
  {get: (o) => o.type, header: 'Type'},
  {get: (o) => (o.parentId ? (names.get(o.parentId) ?? o.parentId) : ''), header: 'Parent'},
  {get: (o) => timestamp(o.dateCreated), header: 'Created'},
]

export default class OrgsList extends BaseCommand {
  static summary = 'List the organizations your credentials reach'

  static description =
    'List the organizations your credentials reach (your own and, for partners, the child organizations). * marks the active one.'

  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
    '<%= config.bin %> <%= command.id %> --csv > orgs.csv',
  ]

  static flags = {...cloudFlags, ...listFlags, csv: Flags.boolean({description: 'Print CSV instead of a table.', exclusive: ['json']})}

  async run(): Promise<Row[]> {
    const {flags} = await this.parse(OrgsList)
    const s = await this.session(flags)
    const active = await activeOrgId(s)
    const rows: Row[] = (await this.collect(s.client.orgs.list(), flags.limit)).map((o) => ({...o, active: o.id === active}))
    const cols = columns(new Map(rows.map((o) => [o.id, o.name])))
    if (flags.csv) process.stdout.write(renderCsv(rows, cols.slice(1)))
    else this.log(renderTable(rows, cols))
    return rows
  }
}
