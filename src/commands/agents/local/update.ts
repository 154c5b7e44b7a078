import {Args, Flags} from '@oclif/core'

import {findLocalAgent, LOCAL_LOG_LEVELS, LOCAL_POLLING, localSettingsProblems} from '../../../lib/agents/index.js'
import {activeOrgId} from '../../../lib/auth/index.js'
import type {LocalAgent, LocalAgentSettings} from '../../../lib/cloud/index.js'
import {LcsError} from '../../../lib/errors.js'
import {BaseCommand, cloudFlags} from '../../../lib/ui/index.js'

export default class AgentsLocalUpdate extends BaseCommand {
  static args = {agents: Args.string({description: 'Ids or computer names of the Local Agents.', required: true})}

  static summary = 'Edit Local Agents: log level and polling interval'

  static description = `Edit Local Agents (Edit Settings): the log level and the refresh printer information task's polling interval (${LOCAL_POLLING.min}–${LOCAL_POLLING.max} minutes, ${LOCAL_POLLING.default} by default). Several agents get the same settings.`

  static examples = [
    '<%= config.bin %> <%= command.id %> FRONTDESK-PC --polling-interval 60',
    '<%= config.bin %> <%= command.id %> FRONTDESK-PC WAREHOUSE-PC --log-level detailed --polling-interval 300 --json',
  ]

  static flags = {
    ...cloudFlags,
    'log-level': Flags.string({
      description: 'Detail of the agent\'s logs ("detailed" gives errors, warnings and debugging).',
      options: [...LOCAL_LOG_LEVELS],
    }),
    'polling-interval': Flags.integer({
      description: `Minutes between reports of printer data (${LOCAL_POLLING.min}–${LOCAL_POLLING.max}).`,
    }),
  }

  static strict = false

  async run(): Promise<LocalAgent[]> {
    const {argv, flags} = await this.parse(AgentsLocalUpdate)
    const settings: Partial<LocalAgentSettings> = {
      ...(flags['log-level'] ? {logLevel: flags['log-level'] as LocalAgentSettings['logLevel']} : {}),
      ...(flags['polling-interval'] === undefined ? {} : {pollingIntervalMin: flags['polling-interval']}),
    }
    if (!Object.keys(settings).length) throw new LcsError('usage', 'Nothing to change: give --log-level or --polling-interval.')
    const problems = localSettingsProblems(settings)
    if (problems.length)
      throw new LcsError('usage', problems.map((p) => p.rule.replace('pollingIntervalMin', '--polling-interval')).join('; '))
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const agents = await Promise.all((argv as string[]).map((ref) => findLocalAgent(s.client, orgId, ref)))
    const done: LocalAgent[] = []
    for (const a of agents) {
      const u = await s.client.localAgents.update(orgId, a.id, settings)
      this.log(`${u.hostname}: log level ${u.logLevel}, polling every ${u.pollingIntervalMin} minutes`)
      done.push(u)
    }
    return done
  }
}
