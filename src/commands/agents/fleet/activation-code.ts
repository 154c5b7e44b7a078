import {Args} from '@oclif/core'

import {findFleetAgent} from '../../../lib/agents/index.js'
import {activeOrgId} from '../../../lib/auth/index.js'
import type {ActivationCode} from '../../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, formatTime} from '../../../lib/ui/index.js'

export default class AgentsFleetActivationCode extends BaseCommand {
  static args = {agent: Args.string({description: 'Id or name of the Fleet Agent.', required: true})}

  static summary = 'Generate a Fleet Agent activation code (valid 72 hours, used once)'

  static description =
    'Generate an activation code for a Fleet Agent (valid 72 hours, used once): enter it in the installed agent, or `lcs sandbox agent run --code CODE` in the sandbox. Also restores a deactivated agent.'

  static examples = ['<%= config.bin %> <%= command.id %> "Fleet Agent 1"', '<%= config.bin %> <%= command.id %> 6f1c… --json']

  static flags = {...cloudFlags}

  async run(): Promise<ActivationCode> {
    const {args, flags} = await this.parse(AgentsFleetActivationCode)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const agent = await findFleetAgent(s.client, orgId, args.agent)
    const code = await s.client.fleetAgents.activationCode(orgId, agent.id)
    this.log(`${code.code}  (for "${agent.name}", valid until ${formatTime(code.expiresAt)})`)
    return code
  }
}
