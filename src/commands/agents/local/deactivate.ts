import {Args, Flags} from '@oclif/core'

import {findLocalAgent} from '../../../lib/agents/index.js'
import {activeOrgId} from '../../../lib/auth/index.js'
import type {LocalAgent} from '../../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, type ItemReport} from '../../../lib/ui/index.js'

export default class AgentsLocalDeactivate extends BaseCommand {
  static args = {agents: Args.string({description: 'Ids or computer names of the Local Agents.', required: true})}

  static summary = 'Deactivate Local Agents'

  static description =
    'Deactivate Local Agents: they stop collecting and reporting printer information; their printers stay enrolled as "Agent not communicating". Only a valid activation code activates one again. An agent that enrolled MPS Express printers cannot be deactivated. Asks first (--yes in scripts).'

  static examples = ['<%= config.bin %> <%= command.id %> FRONTDESK-PC', '<%= config.bin %> <%= command.id %> FRONTDESK-PC --yes --json']

  static flags = {...cloudFlags, yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation.'})}

  static strict = false

  async run(): Promise<ItemReport<'agent', 'deactivated'>[]> {
    const {argv, flags} = await this.parse(AgentsLocalDeactivate)
    this.requireConfirmation(flags.yes)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    return this.eachItem(argv as string[], flags.yes, {
      act: async (a: LocalAgent) => void (await s.client.localAgents.deactivate(orgId, a.id)),
      done: 'deactivated',
      find: (ref: string) => findLocalAgent(s.client, orgId, ref),
      key: 'agent',
      label: (a) => a.hostname,
      question: (a) => `Deactivate the Local Agent on ${a.hostname}? Only a valid activation code activates it again.`,
    })
  }
}
