// Finding a Fleet Agent by id or name, for every command that takes one.
import type {CloudClient, FleetAgent} from '../cloud/index.js'
import {findNamed} from '../lookups.js'

export async function findFleetAgent(client: CloudClient, orgId: string, ref: string): Promise<FleetAgent> {
  const all: FleetAgent[] = []
  for await (const a of client.fleetAgents.list(orgId)) all.push(a)
  return findNamed(all, ref, 'Fleet Agent', 'List them with `lcs agents fleet list`.')
}
