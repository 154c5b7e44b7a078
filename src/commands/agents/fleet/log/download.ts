import {Args, Flags} from '@oclif/core'

import {findFleetAgent, latestWalk, writeLog} from '../../../../lib/agents/index.js'
import {activeOrgId} from '../../../../lib/auth/index.js'
import type {FleetAgentTask} from '../../../../lib/cloud/index.js'
import {BaseCommand, cloudFlags} from '../../../../lib/ui/index.js'

export default class AgentsFleetLogDownload extends BaseCommand {
  static args = {agent: Args.string({description: 'Id or name of the Fleet Agent.', required: true})}

  static summary = 'Download the newest MIB-walk log of a printer from a Fleet Agent'

  static description = `Download the newest MIB-walk log the Fleet Agent uploaded (the Log section's Download), for one printer with --address. Written to --output (0600), else printed. No log yet: exit 3.`

  static examples = [
    '<%= config.bin %> <%= command.id %> "Fleet Agent 1" --output mibwalk.txt',
    '<%= config.bin %> <%= command.id %> "Fleet Agent 1" --address 10.20.15.27',
  ]

  static flags = {
    ...cloudFlags,
    address: Flags.string({description: 'The printer the walk was requested for.'}),
    output: Flags.file({description: 'Write the log to this file.'}),
  }

  async run(): Promise<FleetAgentTask> {
    const {args, flags} = await this.parse(AgentsFleetLogDownload)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const agent = await findFleetAgent(s.client, orgId, args.agent)
    const task = await latestWalk(s.client, orgId, agent.id, flags.address)
    if (flags.output) {
      await writeLog(flags.output, task)
      this.log(`MIB-walk log of ${task.address} written to ${flags.output}.`)
    } else this.log((task.log ?? '').trimEnd())
    return task
  }
}
