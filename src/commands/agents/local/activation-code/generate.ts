import {Flags} from '@oclif/core'

import {activationsProblem, LOCAL_ACTIVATIONS} from '../../../../lib/agents/index.js'
import {activeOrgId} from '../../../../lib/auth/index.js'
import type {LocalAgentCode} from '../../../../lib/cloud/index.js'
import {LcsError} from '../../../../lib/errors.js'
import {BaseCommand, cloudFlags, renderLocalCode} from '../../../../lib/ui/index.js'

export default class AgentsLocalActivationCodeGenerate extends BaseCommand {
  static summary = 'Generate a Local Agent activation code'

  static description = `Generate a Local Agent activation code, valid for a number of activations (${LOCAL_ACTIVATIONS.min}–${LOCAL_ACTIVATIONS.max}) or 72 hours, whichever comes first. It replaces the organization's previous code. Put it in LocalAgentConfig.ini (CS_ACTIVATION_CODE) or enter it in the installed agent.`

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --activations 50 --json']

  static flags = {
    ...cloudFlags,
    activations: Flags.integer({
      default: LOCAL_ACTIVATIONS.default,
      description: `Number of agents the code activates (${LOCAL_ACTIVATIONS.min}–${LOCAL_ACTIVATIONS.max}).`,
    }),
  }

  async run(): Promise<LocalAgentCode> {
    const {flags} = await this.parse(AgentsLocalActivationCodeGenerate)
    const problem = activationsProblem(flags.activations)
    if (problem) throw new LcsError('usage', problem.replace('activations', '--activations'))
    const s = await this.session(flags)
    const c = await s.client.localAgents.generateCode(await activeOrgId(s), flags.activations)
    this.log(renderLocalCode(c))
    return c
  }
}
