import {Args} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {DeployTask} from '../../lib/cloud/index.js'
import {renderTaskDetail} from '../../lib/deploy/index.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/index.js'

export default class TasksShow extends BaseCommand {
  static args = {id: Args.string({description: 'Task id.', required: true})}

  static summary = "Show one task with every printer's status"

  static description =
    'Show one task: its status, schedule and, for deployments, every printer with its steps (firmware, apps, settings), status and reason.'

  static examples = ['<%= config.bin %> <%= command.id %> 3f2c9a6e-…', '<%= config.bin %> <%= command.id %> 3f2c9a6e-… --json']

  static flags = {...cloudFlags}

  async run(): Promise<DeployTask> {
    const {args, flags} = await this.parse(TasksShow)
    const s = await this.session(flags)
    const t = await s.client.tasks.get(await activeOrgId(s), args.id)
    this.log(renderTaskDetail(t))
    return t
  }
}
