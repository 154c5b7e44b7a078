import {Flags} from '@oclif/core'

import {definitionFromDiscovery, newDefinition, readDefinition, type FleetAgentDefinition} from '../../../lib/agents/index.js'
import {activeOrgId} from '../../../lib/auth/index.js'
import type {FleetAgent} from '../../../lib/cloud/index.js'
import {readDiscovery} from '../../../lib/discovery/index.js'
import {LcsError} from '../../../lib/errors.js'
import {BaseCommand, cloudFlags, renderAgent} from '../../../lib/ui/index.js'

export default class AgentsFleetCreate extends BaseCommand {
  static description = `Create a Fleet Agent (the Create Fleet Agent form).

--definition reads a whole definition file (the portal's Export, or \`lcs agents fleet show ID --export FILE\`): criteria, SNMP profiles, scheduled tasks, other settings. --from reads a saved discovery (\`lcs printers discover --save FILE\`) and includes the addresses of its "Fleet Agent only" printers (third-party and older Lexmark), with the Default SNMP profile (v1, community "public", 15 s, 1 retry) unless the definition or LCS_SNMP_COMMUNITY gives another community. Secrets never go on the command line. Criteria overlapping another agent's are created with a warning naming both.`

  static examples = [
    '<%= config.bin %> <%= command.id %> --name "Fleet Agent 1" --from discovery.json --json',
    '<%= config.bin %> <%= command.id %> --definition site1-agent.json',
    '<%= config.bin %> <%= command.id %> --name "Local search"',
  ]

  static flags = {
    ...cloudFlags,
    definition: Flags.file({
      description: 'A Fleet Agent definition (JSON) to create; --name and --description override its own.',
      exclusive: ['from'],
      exists: true,
    }),
    description: Flags.string({description: 'Description of the agent.'}),
    from: Flags.file({description: 'A saved discovery: its "Fleet Agent only" printers become include criteria.', exists: true}),
    name: Flags.string({description: 'Name of the agent.'}),
  }

  async run(): Promise<FleetAgent> {
    const {flags} = await this.parse(AgentsFleetCreate)
    let d: FleetAgentDefinition
    if (flags.definition) d = await readDefinition(flags.definition)
    else {
      if (!flags.name) throw new LcsError('usage', 'A Fleet Agent needs a --name (or a --definition file).')
      const community = process.env.LCS_SNMP_COMMUNITY
      d = flags.from
        ? definitionFromDiscovery(
            flags.name,
            await readDiscovery(flags.from),
            community ? {community, name: 'Default', retries: 1, timeoutSec: 15, version: 'v2c'} : undefined,
          )
        : newDefinition(flags.name)
    }
    if (flags.name) d.name = flags.name
    if (flags.description !== undefined) d.description = flags.description
    const s = await this.session(flags)
    const agent = await s.client.fleetAgents.create(await activeOrgId(s), d)
    for (const w of agent.warnings ?? []) this.warning(w)
    this.log(renderAgent(agent))
    this.note(`Next: lcs agents fleet activation-code ${agent.id}`)
    return agent
  }
}
