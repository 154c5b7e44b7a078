import {activeOrgId} from '../../../lib/auth/index.js'
import type {DeployTask} from '../../../lib/cloud/index.js'
import {formatInZone, formatWindow} from '../../../lib/deploy/index.js'
import {BaseCommand, cloudFlags, listFlags, type Column, renderTable} from '../../../lib/ui/index.js'

const COLUMNS: Column<DeployTask>[] = [
  {get: (t) => t.id, header: 'ID'},
  {get: (t) => t.name, header: 'Name'},
  {get: (t) => formatInZone(t.schedule!.startAt, t.schedule!.timeZone), header: 'Starts'},
  {get: (t) => formatWindow(t.schedule!.windowMinutes), header: 'Window'},
  {get: (t) => t.summary?.total, header: 'Printers'},
]

export default class FirmwareScheduleList extends BaseCommand {
  static summary = 'List the scheduled firmware updates that have not started yet'

  static description = 'List the scheduled firmware updates that have not started yet (they can still be changed or deleted).'

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']

  static flags = {...cloudFlags, ...listFlags}

  async run(): Promise<DeployTask[]> {
    const {flags} = await this.parse(FirmwareScheduleList)
    const s = await this.session(flags)
    const all: DeployTask[] = await this.collect(s.client.tasks.list(await activeOrgId(s), {kind: 'update-firmware', status: 'scheduled'}))
    const rows = await this.collect(
      all.sort((a, b) => a.schedule!.startAt - b.schedule!.startAt),
      flags.limit,
    )
    this.log(rows.length ? renderTable(rows, COLUMNS) : 'No scheduled firmware updates.')
    return rows
  }
}
