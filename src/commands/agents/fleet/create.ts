import {definitionToCreate} from '../../../lib/agents/index.js'
import {activeOrgId} from '../../../lib/auth/index.js'
import type {FleetAgent} from '../../../lib/cloud/index.js'
import {agentDefinitionFlags, BaseCommand, cloudFlags, definitionInput, renderAgent} from '../../../lib/ui/index.js'

export default class AgentsFleetCreate extends BaseCommand {
  static summary = 'Create a Fleet Agent (the Create Fleet Agent form)'

  static description = `Create a Fleet Agent (the Create Fleet Agent form).

--definition reads a whole definition file (the portal's Export, or \`lcs agents fleet show ID --export FILE\`): criteria, SNMP profiles, scheduled tasks, other settings. --from reads a saved discovery (\`lcs printers discover --save FILE\`) and includes the addresses of its "Fleet Agent only" printers (third-party and older Lexmark), with the Default SNMP profile (v1, community "public", 15 s, 1 retry) unless LCS_SNMP_COMMUNITY gives another (v2c) community. Secrets never go on the command line; an exported file holds "(set)" for each secret, which a new agent cannot keep: write the secrets into the file first. Criteria overlapping another agent's are created with a warning naming both.`

  static examples = [
    '<%= config.bin %> <%= command.id %> --name "Fleet Agent 1" --from discovery.json --json',
    '<%= config.bin %> <%= command.id %> --definition site1-agent.json',
    '<%= config.bin %> <%= command.id %> --name "Local search"',
  ]

  static flags = {...cloudFlags, ...agentDefinitionFlags}

  async run(): Promise<FleetAgent> {
    const {flags} = await this.parse(AgentsFleetCreate)
    const d = await definitionToCreate(definitionInput(flags))
    const s = await this.session(flags)
    const agent = await s.client.fleetAgents.create(await activeOrgId(s), d)
    for (const w of agent.warnings ?? []) this.warning(w)
    this.log(renderAgent(agent))
    this.note(`Next: lcs agents fleet activation-code ${agent.id}`)
    return agent
  }
}
