import {Args, Flags} from '@oclif/core'

import {findLocalAgent} from '../../../lib/agents/index.js'
import {activeOrgId} from '../../../lib/auth/index.js'
import type {LocalAgent} from '../../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, type ItemReport} from '../../../lib/ui/index.js'

export default class AgentsLocalDelete extends BaseCommand {
  static args = {agents: Args.string({description: 'Ids or computer names of the Local Agents.', required: true})}

  static summary = 'Delete Local Agents'

  static description =
    'Delete Local Agents: all information about them is deleted, the printers enrolled through them too (the application stays installed on the computer). An agent that enrolled MPS Express printers cannot be deleted. Asks first (--yes in scripts).'

  static examples = ['<%= config.bin %> <%= command.id %> FRONTDESK-PC', '<%= config.bin %> <%= command.id %> 6f1c… --yes --json']

  static flags = {...cloudFlags, yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation.'})}

  static strict = false

  async run(): Promise<ItemReport<'agent', 'deleted'>[]> {
    const {argv, flags} = await this.parse(AgentsLocalDelete)
    this.requireConfirmation(flags.yes)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    return this.eachItem(argv as string[], flags.yes, {
      act: (a: LocalAgent) => s.client.localAgents.delete(orgId, a.id),
      done: 'deleted',
      find: (ref: string) => findLocalAgent(s.client, orgId, ref),
      key: 'agent',
      label: (a) => a.hostname,
      question: (a) =>
        `Delete the Local Agent on ${a.hostname} and all its information${a.printers ? `, with its ${a.printers} printer(s)` : ''}?`,
    })
  }
}
