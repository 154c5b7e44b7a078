import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/session.js'
import type {DeployTask} from '../../../lib/cloud/index.js'
import {findNamed} from '../../../lib/deploy/resources.js'
import {formatInZone} from '../../../lib/deploy/schedule.js'
import {LcsError} from '../../../lib/errors.js'
import {BaseCommand, cloudFlags} from '../../../lib/ui/base-command.js'
import {canPrompt, missing, promptConfirm} from '../../../lib/ui/prompts.js'

interface Row {
  task: string
  result: 'deleted' | 'refused' | 'not-found' | 'kept'
  reason: string
}

export default class FirmwareScheduleDelete extends BaseCommand {
  static args = {tasks: Args.string({description: 'Ids or names of scheduled tasks.', required: true})}

  static description = 'Delete scheduled firmware updates that have not started. Asks first (--yes in scripts). A task that has started cannot be deleted. Exit 9 when some could not be deleted.'

  static examples = ['<%= config.bin %> <%= command.id %> "Floor 2 night update"', '<%= config.bin %> <%= command.id %> 3f2c9a6e-… --yes --json']

  static flags = {...cloudFlags, yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation.'})}

  static strict = false

  async run(): Promise<Row[]> {
    const {argv, flags} = await this.parse(FirmwareScheduleDelete)
    if (!flags.yes && !canPrompt({json: this.jsonEnabled()})) throw missing('--yes', 'confirmation')
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const scheduled: Array<DeployTask & {name: string}> = []
    for await (const t of s.client.tasks.list(orgId, {status: 'scheduled'})) scheduled.push({...t, name: t.name ?? t.id})
    const rows: Row[] = []
    for (const ref of argv as string[]) {
      let t
      try {
        t = findNamed(scheduled, ref, 'scheduled task', '')
      } catch (error) {
        rows.push({reason: `${(error as Error).message} (a task that has started is no longer scheduled)`, result: 'not-found', task: ref})
        continue
      }
      if (!flags.yes && !(await promptConfirm(`Delete "${t.name}" (starts ${formatInZone(t.schedule!.startAt, t.schedule!.timeZone)})?`))) {
        rows.push({reason: 'kept at the prompt', result: 'kept', task: t.name})
        continue
      }
      try {
        await s.client.tasks.delete(orgId, t.id)
        rows.push({reason: 'deleted', result: 'deleted', task: t.name})
      } catch (error) {
        if (!(error instanceof LcsError) || error.kind !== 'conflict') throw error
        rows.push({reason: error.message, result: 'refused', task: t.name})
      }
    }
    for (const r of rows) this.log(`${r.task}: ${r.reason}`)
    if (rows.some((r) => r.result !== 'deleted' && r.result !== 'kept')) process.exitCode = 9
    return rows
  }
}
