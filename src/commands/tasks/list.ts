import {Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {DeployTask} from '../../lib/cloud/index.js'
import {TASK_COLUMNS} from '../../lib/deploy/index.js'
import {BaseCommand, cloudFlags, renderCsv, renderTable} from '../../lib/ui/index.js'

export default class TasksList extends BaseCommand {
  static summary = 'List the task history of the organization, newest first'

  static description =
    'List the task history of the organization, newest first: deployments, firmware updates (scheduled ones too), enrollments and unenrollments, with their status and a per-printer summary.'

  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --status scheduled',
    '<%= config.bin %> <%= command.id %> --kind deploy-configuration --limit 5 --json',
  ]

  static flags = {
    ...cloudFlags,
    csv: Flags.boolean({description: 'Print CSV instead of a table.', exclusive: ['json']}),
    kind: Flags.string({
      description: 'Only tasks of this kind (deploy-configuration, deploy-files, update-firmware, enroll, unenroll, …).',
    }),
    limit: Flags.integer({default: 50, description: 'At most this many tasks.', min: 1}),
    status: Flags.string({description: 'Only tasks with this status (scheduled, running, succeeded, partial, failed, expired).'}),
  }

  async run(): Promise<DeployTask[]> {
    const {flags} = await this.parse(TasksList)
    const s = await this.session(flags)
    const rows = await this.collect(s.client.tasks.list(await activeOrgId(s), {kind: flags.kind, status: flags.status}), flags.limit)
    if (flags.csv) process.stdout.write(renderCsv(rows, TASK_COLUMNS))
    else this.log(rows.length ? renderTable(rows, TASK_COLUMNS) : 'No tasks.')
    return rows
  }
}
