import {Args, Flags} from '@oclif/core'

import {findFleetAgent, mpsAgentRefusal} from '../../../lib/agents/index.js'
import {activeOrgId} from '../../../lib/auth/index.js'
import type {FleetAgent} from '../../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, type ItemReport} from '../../../lib/ui/index.js'

export default class AgentsFleetDelete extends BaseCommand {
  static args = {agents: Args.string({description: 'Ids or names of the Fleet Agents.', required: true})}

  static summary = 'Delete Fleet Agents'

  static description =
    'Delete Fleet Agents: the definition is removed, its printers are unenrolled and their data deleted. A deleted agent cannot be restored (uninstall the agent software by hand). Agents that enrolled MPS Express printers cannot be deleted. Asks first (--yes in scripts); exit 9 when some were refused.'

  static examples = [
    '<%= config.bin %> <%= command.id %> "Fleet Agent 1"',
    '<%= config.bin %> <%= command.id %> "Fleet Agent 1" --yes --json',
  ]

  static flags = {...cloudFlags, yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation.'})}

  static strict = false

  async run(): Promise<ItemReport<'agent', 'deleted'>[]> {
    const {argv, flags} = await this.parse(AgentsFleetDelete)
    this.requireConfirmation(flags.yes)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    return this.eachItem(argv as string[], flags.yes, {
      act: (a: FleetAgent) => s.client.fleetAgents.delete(orgId, a.id),
      done: 'deleted',
      find: (ref: string) => findFleetAgent(s.client, orgId, ref),
      key: 'agent',
      label: (a) => a.name,
      question: (a) => `Delete Fleet Agent "${a.name}" and unenroll its ${a.printers} printer(s)? This cannot be undone.`,
      refuse: (a) => mpsAgentRefusal(a.mpsPrinters),
    })
  }
}
