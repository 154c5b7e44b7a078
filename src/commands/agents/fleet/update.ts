import {Args} from '@oclif/core'

import {definitionToUpdate, findFleetAgent} from '../../../lib/agents/index.js'
import {activeOrgId} from '../../../lib/auth/index.js'
import type {FleetAgent} from '../../../lib/cloud/index.js'
import {agentEditFlags, BaseCommand, cloudFlags, definitionInput, renderAgent} from '../../../lib/ui/index.js'

export default class AgentsFleetUpdate extends BaseCommand {
  static args = {agent: Args.string({description: 'Id or name of the Fleet Agent.', required: true})}

  static summary = 'Edit a Fleet Agent'

  static description = `Edit a Fleet Agent (Edit Agent): only what the flags give changes, and the change takes effect immediately.

--definition replaces the whole definition with a file (\`agents fleet show --export\`, edited): its "(set)" secrets keep the agent's current ones, profile by profile name. --from replaces the discovery criteria with the "Fleet Agent only" printers of a saved discovery (Default profile; LCS_SNMP_COMMUNITY sets its v2c community). The form's fields are flags as in \`lcs agents fleet create\`, and each changes only what it names (--include and --exclude replace their list; --snmp-profile edits only the keys it gives, and a profile keeps its secret unless LCS_SNMP_COMMUNITY, --community-stdin or the v3 key variables give a new one); with --definition, the flags win. --delete-snmp-profile deletes a profile (not the Default one, which can be edited but not deleted). A bad value is one line naming the flag and the guide's range (exit 2), and nothing changes. Changing or deleting an SNMP profile unenrolls the printers found with it; run \`lcs agents fleet discover\` afterwards to discover and enroll printers with the new definition.`

  static examples = [
    '<%= config.bin %> <%= command.id %> "Fleet Agent 1" --description "Site 1, floors 1–3"',
    '<%= config.bin %> <%= command.id %> "Fleet Agent 1" --definition agent.json --json',
    '<%= config.bin %> <%= command.id %> "Fleet Agent 1" --from discovery.json',
    '<%= config.bin %> <%= command.id %> "Fleet Agent 1" --refresh-every 15m',
    '<%= config.bin %> <%= command.id %> "Fleet Agent 1" --snmp-profile "name=Default,timeout=30" --discovery-schedule weekly --discovery-day friday --discovery-at 22:30',
    'LCS_SNMP_AUTH_KEY=… LCS_SNMP_PRIV_KEY=… <%= config.bin %> <%= command.id %> "Fleet Agent 1" --snmp-profile "name=Site 1,version=v3,user=fleet,auth=sha,priv=aes" --include 10.1.0.0/16@"Site 1"',
  ]

  static flags = {...cloudFlags, ...agentEditFlags}

  async run(): Promise<FleetAgent> {
    const {args, flags} = await this.parse(AgentsFleetUpdate)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const current = await findFleetAgent(s.client, orgId, args.agent)
    const d = await definitionToUpdate(current.definition, await definitionInput(flags, this.factory.env))
    const agent = await s.client.fleetAgents.update(orgId, current.id, d)
    for (const w of agent.warnings ?? []) this.warning(w)
    this.log(renderAgent(agent))
    return agent
  }
}
