import {definitionToCreate} from '../../../lib/agents/index.js'
import {activeOrgId} from '../../../lib/auth/index.js'
import type {FleetAgent} from '../../../lib/cloud/index.js'
import {agentDefinitionFlags, BaseCommand, cloudFlags, definitionInput, renderAgent} from '../../../lib/ui/index.js'

export default class AgentsFleetCreate extends BaseCommand {
  static summary = 'Create a Fleet Agent (the Create Fleet Agent form)'

  static description = `Create a Fleet Agent (the Create Fleet Agent form).

--definition reads a whole definition file (the portal's Export, or \`lcs agents fleet show ID --export FILE\`): criteria, SNMP profiles, scheduled tasks, other settings. --from reads a saved discovery (\`lcs printers discover --save FILE\`) and includes the addresses of its "Fleet Agent only" printers (third-party and older Lexmark), with the Default SNMP profile (v1, community "public", 15 s, 1 retry) unless LCS_SNMP_COMMUNITY gives another (v2c) community. The form's fields are flags too (and override what --definition holds): --search-local-network, or --include TARGET[@PROFILE] (repeatable, same formats as \`lcs printers discover\`; without @PROFILE the entry uses --include-profile, else Default) and --exclude; --transfer-management; --snmp-profile "name=N,version=v2c,timeout=15,retries=1" adds or edits a profile (timeout 1–60 s, retries 0–20); --discovery-schedule none|daily|weekly|monthly with --discovery-at HH:MM and --discovery-day (sunday … saturday, or 1–28 / last); --refresh-every 15m|30m|1h|2h|6h|12h; --log-level summary|detailed; --network-delay MS (1–60000, default 250). A bad value is one line naming the flag and the guide's range (exit 2), and nothing is created.

Secrets never go on the command line: a profile's community comes from LCS_SNMP_COMMUNITY or --community-stdin, v3 keys from LCS_SNMP_AUTH_KEY / LCS_SNMP_PRIV_KEY or --v3-keys-stdin. An exported file holds "(set)" for each secret, which a new agent cannot keep: write the secrets into the file first. Criteria overlapping another agent's, and a profile no include criterion uses, are created with a warning naming them.`

  static examples = [
    '<%= config.bin %> <%= command.id %> --name "Fleet Agent 1" --from discovery.json --json',
    '<%= config.bin %> <%= command.id %> --definition site1-agent.json',
    'printf %s "$COMMUNITY" | <%= config.bin %> <%= command.id %> --name "Site 2" --snmp-profile "name=Site 2,version=v2c,timeout=30,retries=3" --community-stdin --include 10.2.0.0/24@"Site 2" --exclude 10.2.0.1',
    '<%= config.bin %> <%= command.id %> --name "Site 3" --include 10.3.1.1-10.3.1.50 --discovery-schedule monthly --discovery-day last --discovery-at 02:00 --refresh-every 6h --log-level detailed --network-delay 500',
    '<%= config.bin %> <%= command.id %> --name "Local search"',
  ]

  static flags = {...cloudFlags, ...agentDefinitionFlags}

  async run(): Promise<FleetAgent> {
    const {flags} = await this.parse(AgentsFleetCreate)
    const d = await definitionToCreate(await definitionInput(flags, this.factory.env))
    const s = await this.session(flags)
    const agent = await s.client.fleetAgents.create(await activeOrgId(s), d)
    for (const w of agent.warnings ?? []) this.warning(w)
    this.log(renderAgent(agent))
    this.note(`Next: lcs agents fleet activation-code ${agent.id}`)
    return agent
  }
}
