import {Args} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {DeployTask} from '../../lib/cloud/index.js'
import {followTask, waitFlags} from '../../lib/deploy/index.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/index.js'

const {wait: _wait, ...pollFlag} = waitFlags

export default class TasksWatch extends BaseCommand {
  static args = {id: Args.string({description: 'Task id.', required: true})}

  static summary = "Follow a task until it is done, showing each printer's progress"

  static description =
    "Follow a task until it is done, showing each printer's progress, then every printer's final status. A scheduled task is waited for until it starts. Exit 9 when any printer failed or expired."

  static examples = ['<%= config.bin %> <%= command.id %> 3f2c9a6e-…', '<%= config.bin %> <%= command.id %> 3f2c9a6e-… --json']

  static flags = {...cloudFlags, ...pollFlag}

  async run(): Promise<DeployTask> {
    const {args, flags} = await this.parse(TasksWatch)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const task = await s.client.tasks.get(orgId, args.id)
    const out = await followTask(s.client, orgId, task, {
      log: (l) => this.log(l),
      pollMs: flags['poll-interval'],
      verbose: this.verbose,
      wait: true,
    })
    if (out.partial) this.exitAs('partial')
    return out.task
  }
}
