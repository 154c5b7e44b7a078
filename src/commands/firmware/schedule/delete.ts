import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/index.js'
import type {DeployTask} from '../../../lib/cloud/index.js'
import {findNamed} from '../../../lib/lookups.js'
import {formatInZone} from '../../../lib/deploy/index.js'
import {BaseCommand, cloudFlags, type ItemReport} from '../../../lib/ui/index.js'

export default class FirmwareScheduleDelete extends BaseCommand {
  static args = {tasks: Args.string({description: 'Ids or names of scheduled tasks.', required: true})}

  static summary = 'Delete scheduled firmware updates that have not started'

  static description =
    'Delete scheduled firmware updates that have not started. Asks first (--yes in scripts). A task that has started cannot be deleted. Exit 9 when some could not be deleted.'

  static examples = [
    '<%= config.bin %> <%= command.id %> "Floor 2 night update"',
    '<%= config.bin %> <%= command.id %> 3f2c9a6e-… --yes --json',
  ]

  static flags = {...cloudFlags, yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation.'})}

  static strict = false

  async run(): Promise<ItemReport<'task', 'deleted'>[]> {
    const {argv, flags} = await this.parse(FirmwareScheduleDelete)
    this.requireConfirmation(flags.yes)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const scheduled: Array<DeployTask & {name: string}> = []
    for await (const t of s.client.tasks.list(orgId, {status: 'scheduled'})) scheduled.push({...t, name: t.name ?? t.id})
    return this.eachItem(argv as string[], flags.yes, {
      act: (t) => s.client.tasks.delete(orgId, t.id),
      done: 'deleted',
      find: (ref: string) => findNamed(scheduled, ref, 'scheduled task', ''),
      key: 'task',
      label: (t) => t.name,
      notFound: (message) => `${message} (a task that has started is no longer scheduled)`,
      question: (t) => `Delete "${t.name}" (starts ${formatInZone(t.schedule!.startAt, t.schedule!.timeZone)})?`,
    })
  }
}
