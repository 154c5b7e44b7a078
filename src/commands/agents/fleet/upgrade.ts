import {Args, Flags} from '@oclif/core'

import {runAgentTask} from '../../../lib/agents/index.js'
import {activeOrgId} from '../../../lib/auth/index.js'
import type {FleetAgentTask} from '../../../lib/cloud/index.js'
import {BaseCommand, cloudFlags} from '../../../lib/ui/index.js'

export default class AgentsFleetUpgrade extends BaseCommand {
  static args = {agent: Args.string({description: 'Id or name of the Fleet Agent.', required: true})}

  static summary = 'Update a Fleet Agent to the current version (Update > Fleet Agent)'

  static description = `Update > Fleet Agent: queue the version update on the Fleet Agent; the agent installs the current Fleet Agent version on its next cycle. \`lcs agents fleet list\` shows each agent's version and whether an update is available; MPS Express takes no printer of a down-level agent ("Associated with down-level fleet agent"). --wait waits for the agent to finish it (exit 8 when it does not in time).`

  static examples = [
    '<%= config.bin %> <%= command.id %> "Fleet Agent 1"',
    '<%= config.bin %> <%= command.id %> "Fleet Agent 1" --wait 120 --json',
  ]

  static flags = {
    ...cloudFlags,
    wait: Flags.integer({description: 'Wait up to this many seconds for the agent to run it.', default: 0, min: 0, max: 3600}),
  }

  async run(): Promise<FleetAgentTask> {
    const {args, flags} = await this.parse(AgentsFleetUpgrade)
    const s = await this.session(flags)
    const stop = new AbortController()
    this.onInterrupt = async () => stop.abort()
    const {agentName, task} = await runAgentTask(s.client, await activeOrgId(s), args.agent, 'update', {
      signal: stop.signal,
      waitMs: flags.wait * 1000,
    })
    this.log(`Update task ${task.id} for "${agentName}" (to ${task.version}): ${task.status}${task.detail ? ` (${task.detail})` : ''}`)
    return task
  }
}
