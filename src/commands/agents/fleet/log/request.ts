import {Args, Flags} from '@oclif/core'

import {runAgentTask, writeLog} from '../../../../lib/agents/index.js'
import {activeOrgId} from '../../../../lib/auth/index.js'
import type {FleetAgentTask} from '../../../../lib/cloud/index.js'
import {BaseCommand, cloudFlags} from '../../../../lib/ui/index.js'

export default class AgentsFleetLogRequest extends BaseCommand {
  static args = {
    agent: Args.string({description: 'Id or name of the Fleet Agent.', required: true}),
    address: Args.string({description: 'IP address (or name) of the printer that is not discovered.', required: true}),
  }

  static summary = 'Request a MIB walk of one printer by its Fleet Agent'

  static description = `Request a MIB walk of one printer (the Log section's Request): the Fleet Agent walks it on its next cycle, with the SNMP profile of the criteria that cover the address, and uploads the log for Customer Support. --wait waits for it; with --output it is written there (0600). Later: \`lcs agents fleet log download\`.`

  static examples = [
    '<%= config.bin %> <%= command.id %> "Fleet Agent 1" 10.20.15.27',
    '<%= config.bin %> <%= command.id %> "Fleet Agent 1" 10.20.15.27 --wait 120 --output mibwalk.txt',
  ]

  static flags = {
    ...cloudFlags,
    output: Flags.file({description: 'With --wait: write the log to this file.', dependsOn: ['wait']}),
    wait: Flags.integer({description: 'Wait up to this many seconds for the log.', min: 1, max: 3600}),
  }

  async run(): Promise<FleetAgentTask> {
    const {args, flags} = await this.parse(AgentsFleetLogRequest)
    const s = await this.session(flags)
    const stop = new AbortController()
    this.onInterrupt = async () => stop.abort()
    const {agentName, task} = await runAgentTask(s.client, await activeOrgId(s), args.agent, 'mib-walk', {
      address: args.address,
      signal: stop.signal,
      waitMs: (flags.wait ?? 0) * 1000,
    })
    if (flags.output) {
      await writeLog(flags.output, task)
      this.note(`MIB-walk log written to ${flags.output}.`)
    }
    this.log(`MIB walk of ${args.address} by "${agentName}": ${task.status} (task ${task.id})`)
    return {...task, log: undefined}
  }
}
