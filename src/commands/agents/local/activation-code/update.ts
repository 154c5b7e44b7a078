import {Flags} from '@oclif/core'

import {activationsUpdateProblem, LOCAL_ACTIVATIONS_UPDATE} from '../../../../lib/agents/index.js'
import {activeOrgId} from '../../../../lib/auth/index.js'
import type {LocalAgentCode} from '../../../../lib/cloud/index.js'
import {LcsError} from '../../../../lib/errors.js'
import {BaseCommand, cloudFlags, renderLocalCode} from '../../../../lib/ui/index.js'

export default class AgentsLocalActivationCodeUpdate extends BaseCommand {
  static summary = 'Increase the activations of the valid Local Agent activation code'

  static description = `Increase the number of activations of the valid Local Agent activation code (${LOCAL_ACTIVATIONS_UPDATE.min}–${LOCAL_ACTIVATIONS_UPDATE.max}, never lower than now). This does not change when the code expires; an expired code cannot be raised (exit 3): generate a new one.`

  static examples = [
    '<%= config.bin %> <%= command.id %> --activations 100',
    '<%= config.bin %> <%= command.id %> --activations 3000 --json',
  ]

  static flags = {
    ...cloudFlags,
    activations: Flags.integer({
      description: `Number of activations the code supports (${LOCAL_ACTIVATIONS_UPDATE.min}–${LOCAL_ACTIVATIONS_UPDATE.max}).`,
      required: true,
    }),
  }

  async run(): Promise<LocalAgentCode> {
    const {flags} = await this.parse(AgentsLocalActivationCodeUpdate)
    const problem = activationsUpdateProblem(flags.activations)
    if (problem) throw new LcsError('usage', problem.replace('activations', '--activations'))
    const s = await this.session(flags)
    const c = await s.client.localAgents.updateCode(await activeOrgId(s), flags.activations)
    this.log(renderLocalCode(c))
    return c
  }
}
