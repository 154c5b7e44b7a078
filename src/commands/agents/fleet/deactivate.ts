import {Args, Flags} from '@oclif/core'

import {findFleetAgent, mpsAgentRefusal} from '../../../lib/agents/index.js'
import {activeOrgId} from '../../../lib/auth/index.js'
import type {FleetAgent} from '../../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, type ItemReport} from '../../../lib/ui/index.js'

export default class AgentsFleetDeactivate extends BaseCommand {
  static args = {agents: Args.string({description: 'Ids or names of the Fleet Agents.', required: true})}

  static summary = 'Deactivate Fleet Agents (their printers are unenrolled)'

  static description = `Deactivate Fleet Agents: each stops collecting printer data, and its printers are unenrolled and leave the Printers page. The definition and the device data are kept: \`lcs agents fleet restore\` gives a new activation code, then discover again. Agents that enrolled MPS Express printers cannot be deactivated. Asks first (--yes in scripts); exit 9 when some were refused.`

  static examples = [
    '<%= config.bin %> <%= command.id %> "Fleet Agent 1"',
    '<%= config.bin %> <%= command.id %> "Fleet Agent 1" --yes --json',
  ]

  static flags = {...cloudFlags, yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation.'})}

  static strict = false

  async run(): Promise<ItemReport<'agent', 'deactivated'>[]> {
    const {argv, flags} = await this.parse(AgentsFleetDeactivate)
    this.requireConfirmation(flags.yes)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    return this.eachItem(argv as string[], flags.yes, {
      act: async (a: FleetAgent) => void (await s.client.fleetAgents.deactivate(orgId, a.id)),
      done: 'deactivated',
      find: (ref: string) => findFleetAgent(s.client, orgId, ref),
      key: 'agent',
      label: (a) => a.name,
      question: (a) =>
        `Deactivating the fleet agent suspends its printer management capabilities and removes associated printers from the Printers page. Do you want to deactivate "${a.name}"?`,
      refuse: (a) => mpsAgentRefusal(a.mpsPrinters),
    })
  }
}
