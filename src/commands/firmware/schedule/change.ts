import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/index.js'
import type {DeployTask} from '../../../lib/cloud/index.js'
import {scheduleChange, taskHeader} from '../../../lib/deploy/index.js'
import {findNamed} from '../../../lib/lookups.js'
import {BaseCommand, cloudFlags} from '../../../lib/ui/index.js'

export default class FirmwareScheduleChange extends BaseCommand {
  static args = {task: Args.string({description: 'Id or name of the scheduled task.', required: true})}

  static summary = 'Change a scheduled firmware update before it starts'

  static description =
    'Change a scheduled firmware update before it starts: its name, start (--at, in its time zone or --tz), time zone (--tz alone keeps the wall-clock time) or window. Once a task has started it cannot be changed (exit 6).'

  static examples = [
    '<%= config.bin %> <%= command.id %> "Floor 2 night update" --at "2026-12-02 22:00"',
    '<%= config.bin %> <%= command.id %> 3f2c9a6e-… --window 3h --name "Floor 2, longer window"',
  ]

  static flags = {
    ...cloudFlags,
    at: Flags.string({description: 'New start, "YYYY-MM-DD HH:MM".'}),
    name: Flags.string({description: 'New name (64 characters at most).'}),
    tz: Flags.string({description: 'New time zone (IANA name).'}),
    window: Flags.string({description: 'New task window, e.g. 2h30m (1–23 hours, 0–59 minutes).'}),
  }

  async run(): Promise<DeployTask> {
    const {args, flags} = await this.parse(FirmwareScheduleChange)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const scheduled: Array<DeployTask & {name: string}> = []
    for await (const t of s.client.tasks.list(orgId, {status: 'scheduled'})) scheduled.push({...t, name: t.name ?? t.id})
    const task = findNamed(
      scheduled,
      args.task,
      'scheduled task',
      'See `lcs firmware schedule list` (a task that has started is no longer scheduled).',
    )
    const change = scheduleChange(flags, task.schedule!)
    const out = await s.client.tasks.update(orgId, task.id, change)
    this.log(`Changed\n${taskHeader(out)}`)
    return out
  }
}
