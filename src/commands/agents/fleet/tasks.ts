import {Args} from '@oclif/core'

import {findFleetAgent} from '../../../lib/agents/index.js'
import {activeOrgId} from '../../../lib/auth/index.js'
import type {FleetAgentTask} from '../../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, renderTable, timestamp, type Column} from '../../../lib/ui/index.js'

const COLUMNS: Column<FleetAgentTask>[] = [
  {get: (t) => t.id, header: 'Task'},
  {get: (t) => t.kind, header: 'Kind'},
  {get: (t) => t.address, header: 'Address'},
  {get: (t) => t.status, header: 'Status'},
  {get: (t) => timestamp(t.updatedAt), header: 'Updated'},
  {get: (t) => t.detail, header: 'Detail'},
]

export default class AgentsFleetTasks extends BaseCommand {
  static args = {agent: Args.string({description: 'Id or name of the Fleet Agent.', required: true})}

  static summary = "List a Fleet Agent's task queue, newest first"

  static description = `List a Fleet Agent's task queue, newest first: discover, refresh and MIB-walk tasks, queued until the agent takes them on its next cycle.`

  static examples = ['<%= config.bin %> <%= command.id %> "Fleet Agent 1"', '<%= config.bin %> <%= command.id %> "Fleet Agent 1" --json']

  static flags = {...cloudFlags}

  async run(): Promise<FleetAgentTask[]> {
    const {args, flags} = await this.parse(AgentsFleetTasks)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const agent = await findFleetAgent(s.client, orgId, args.agent)
    const rows: FleetAgentTask[] = []
    for await (const t of s.client.fleetAgents.tasks(orgId, agent.id)) rows.push(t)
    this.log(rows.length ? renderTable(rows, COLUMNS) : `No tasks for "${agent.name}".`)
    return rows
  }
}
