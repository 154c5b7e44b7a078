import {Args, Flags} from '@oclif/core'

import {findFleetAgent, writeDefinition} from '../../../lib/agents/index.js'
import {activeOrgId} from '../../../lib/auth/index.js'
import type {FleetAgent} from '../../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, renderAgent} from '../../../lib/ui/index.js'

export default class AgentsFleetShow extends BaseCommand {
  static args = {agent: Args.string({description: 'Id or name of the Fleet Agent.', required: true})}

  static summary = 'Show a Fleet Agent, or export its definition'

  static description =
    'Show a Fleet Agent: status, discovery criteria, SNMP profiles (secrets shown as "(set)"), scheduled tasks. --export writes its definition to a file (0600; the portal\'s Export) with each secret as "(set)": `agents fleet update --definition` reads it back and keeps the agent\'s secrets; for `agents fleet create --definition` write the secrets in first.'

  static examples = [
    '<%= config.bin %> <%= command.id %> "Fleet Agent 1"',
    '<%= config.bin %> <%= command.id %> "Fleet Agent 1" --export agent.json',
  ]

  static flags = {...cloudFlags, export: Flags.file({description: 'Write the definition to this file.'})}

  async run(): Promise<FleetAgent> {
    const {args, flags} = await this.parse(AgentsFleetShow)
    const s = await this.session(flags)
    const agent = await findFleetAgent(s.client, await activeOrgId(s), args.agent)
    if (flags.export) {
      await writeDefinition(flags.export, agent.definition)
      this.note(`Definition written to ${flags.export}.`)
    }
    this.log(renderAgent(agent))
    return agent
  }
}
