import {Args} from '@oclif/core'

import {findFleetAgent} from '../../../lib/agents/index.js'
import {activeOrgId} from '../../../lib/auth/index.js'
import type {ActivationCode} from '../../../lib/cloud/index.js'
import {LcsError} from '../../../lib/errors.js'
import {BaseCommand, cloudFlags, formatTime} from '../../../lib/ui/index.js'

export default class AgentsFleetRestore extends BaseCommand {
  static args = {agent: Args.string({description: 'Id or name of the deactivated Fleet Agent.', required: true})}

  static summary = 'Restore a deactivated Fleet Agent (a new activation code)'

  static description = `Restore a deactivated Fleet Agent: generates its activation code (valid 72 hours, used once) to enter in the installed agent (in the sandbox: \`lcs sandbox agent run --code CODE\`). Once it is reactivated, run \`lcs agents fleet discover\` to restore its printers. An agent that is not deactivated is refused (exit 6); a deleted one cannot be restored.`

  static examples = ['<%= config.bin %> <%= command.id %> "Fleet Agent 1"', '<%= config.bin %> <%= command.id %> "Fleet Agent 1" --json']

  static flags = {...cloudFlags}

  async run(): Promise<ActivationCode> {
    const {args, flags} = await this.parse(AgentsFleetRestore)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const agent = await findFleetAgent(s.client, orgId, args.agent)
    if (agent.status !== 'Deactivated')
      throw new LcsError('conflict', `Fleet Agent "${agent.name}" is not deactivated (${agent.status}): there is nothing to restore.`, {
        hint: 'A new activation code for it: `lcs agents fleet activation-code`.',
      })
    const code = await s.client.fleetAgents.activationCode(orgId, agent.id)
    this.log(`${code.code}  (restores "${agent.name}", valid until ${formatTime(code.expiresAt)})`)
    this.note(`Next: enter the code in the agent, then lcs agents fleet discover ${agent.id}`)
    return code
  }
}
