import {activeOrgId} from '../../../../lib/auth/index.js'
import type {LocalAgentCode} from '../../../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, renderLocalCode} from '../../../../lib/ui/index.js'

export default class AgentsLocalActivationCodeShow extends BaseCommand {
  static summary = 'Show the valid Local Agent activation code'

  static description =
    'Show the valid Local Agent activation code: the time until it expires and the activations remaining (exit 3 when there is none).'

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']

  static flags = {...cloudFlags}

  async run(): Promise<LocalAgentCode> {
    const {flags} = await this.parse(AgentsLocalActivationCodeShow)
    const s = await this.session(flags)
    const c = await s.client.localAgents.code(await activeOrgId(s))
    this.log(renderLocalCode(c))
    return c
  }
}
