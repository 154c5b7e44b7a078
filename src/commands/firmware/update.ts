import {Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {DeployTask} from '../../lib/cloud/index.js'
import {
  checkSelection,
  followTask,
  formatInZone,
  formatWindow,
  scheduleFromFlags,
  selectionFlags,
  selectPrinters,
  splitSerials,
  waitFlags,
} from '../../lib/deploy/index.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/index.js'

export default class FirmwareUpdate extends BaseCommand {
  static summary = 'Update printers to the latest recommended firmware, now or in a window'

  static description = `Update printers to the latest recommended firmware, without a configuration: --now sends the update to each printer's agent at once; --at schedules it at a date and time in a time zone (--tz, default this machine's) with a task window (--window, 1–23 hours and 0–59 minutes, default 1h) within which every printer must start — printers that have not started when it ends expire. A scheduled task can be changed or deleted until it starts (lcs firmware schedule). Models without firmware in the catalog fail with "unsupported model". Exit 9 with --wait when any printer failed or expired.`

  static examples = [
    '<%= config.bin %> <%= command.id %> --printers 50123ABCD --now --wait',
    '<%= config.bin %> <%= command.id %> --tag floor-2 --at "2026-12-01 22:00" --tz America/New_York --window 2h30m --name "Floor 2 night update"',
    '<%= config.bin %> <%= command.id %> --all --now --json',
  ]

  static flags = {
    ...cloudFlags,
    ...selectionFlags,
    ...waitFlags,
    at: Flags.string({description: 'Start date and time, "YYYY-MM-DD HH:MM" (24-hour clock), in --tz.', helpGroup: 'WHEN'}),
    name: Flags.string({description: 'Scheduled task name, to find it on the schedule (64 characters at most).', helpGroup: 'WHEN'}),
    now: Flags.boolean({description: 'Update now.', helpGroup: 'WHEN'}),
    tz: Flags.string({description: "Time zone of --at, an IANA name (America/New_York). Default: this machine's.", helpGroup: 'WHEN'}),
    window: Flags.string({description: 'Task window: 1–23 hours and 0–59 minutes, e.g. 2h30m. Default: 1h.', helpGroup: 'WHEN'}),
  }

  async run(): Promise<DeployTask> {
    const {flags} = await this.parse(FirmwareUpdate)
    const selection = {all: flags.all, printers: splitSerials(flags.printers), tags: flags.tag}
    checkSelection(selection)
    const {name, schedule} = scheduleFromFlags(flags)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const printers = await selectPrinters(s.client, orgId, selection)
    const task = await s.client.deployments.create(orgId, {
      kind: 'update-firmware',
      name,
      printers: printers.map((p) => p.serialNumber),
      schedule,
    })
    this.note(
      schedule
        ? `Scheduled "${task.name}" for ${printers.length} printer${printers.length === 1 ? '' : 's'}: starts ${formatInZone(schedule.startAt, schedule.timeZone)}, window ${formatWindow(schedule.windowMinutes)} (task ${task.id}).`
        : `Updating the firmware of ${printers.length} printer${printers.length === 1 ? '' : 's'} to the recommended version (task ${task.id}).`,
    )
    const out = await followTask(s.client, orgId, task, {
      log: (l) => this.log(l),
      pollMs: flags['poll-interval'],
      verbose: this.verbose,
      wait: flags.wait,
    })
    if (out.partial) this.exitAs('partial')
    return out.task
  }
}
