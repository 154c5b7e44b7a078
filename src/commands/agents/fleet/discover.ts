import {Args, Flags} from '@oclif/core'

import {runAgentTask} from '../../../lib/agents/index.js'
import {activeOrgId} from '../../../lib/auth/index.js'
import type {FleetAgentTask} from '../../../lib/cloud/index.js'
import {BaseCommand, cloudFlags} from '../../../lib/ui/index.js'

export default class AgentsFleetDiscover extends BaseCommand {
  static args = {agent: Args.string({description: 'Id or name of the Fleet Agent.', required: true})}

  static summary = 'Queue a Discover & Enroll Printers task on a Fleet Agent'

  static description = `Discover & Enroll Printers: queue a discovery task on the Fleet Agent; the agent runs it on its next cycle with its current definition (after an edit or a restore). --refresh queues "Refresh all printer information" instead. --wait waits for the agent to finish it (exit 8 when it does not in time).`

  static examples = [
    '<%= config.bin %> <%= command.id %> "Fleet Agent 1"',
    '<%= config.bin %> <%= command.id %> "Fleet Agent 1" --wait 120 --json',
    '<%= config.bin %> <%= command.id %> "Fleet Agent 1" --refresh',
  ]

  static flags = {
    ...cloudFlags,
    refresh: Flags.boolean({description: 'Refresh all printer information instead of discovering.'}),
    wait: Flags.integer({description: 'Wait up to this many seconds for the agent to run it.', default: 0, min: 0, max: 3600}),
  }

  async run(): Promise<FleetAgentTask> {
    const {args, flags} = await this.parse(AgentsFleetDiscover)
    const s = await this.session(flags)
    const stop = new AbortController()
    this.onInterrupt = async () => stop.abort()
    const {agentName, task} = await runAgentTask(s.client, await activeOrgId(s), args.agent, flags.refresh ? 'refresh' : 'discover', {
      signal: stop.signal,
      waitMs: flags.wait * 1000,
    })
    this.log(
      `${flags.refresh ? 'Refresh' : 'Discover & Enroll Printers'} task ${task.id} for "${agentName}": ${task.status}${task.detail ? ` (${task.detail})` : ''}`,
    )
    return task
  }
}
