// Finding a Fleet Agent by id or name, for every command that takes one.
import type {CloudClient, FleetAgent, LocalAgent} from '../cloud/index.js'
import {findNamed} from '../lookups.js'

export async function findFleetAgent(client: CloudClient, orgId: string, ref: string): Promise<FleetAgent> {
  const all: FleetAgent[] = []
  for await (const a of client.fleetAgents.list(orgId)) all.push(a)
  return findNamed(all, ref, 'Fleet Agent', 'List them with `lcs agents fleet list`.')
}

/** A Local Agent by id or by the name of the computer it runs on. */
export async function findLocalAgent(client: CloudClient, orgId: string, ref: string): Promise<LocalAgent> {
  const all: Array<LocalAgent & {name: string}> = []
  for await (const a of client.localAgents.list(orgId)) all.push({...a, name: a.hostname})
  const {name: _name, ...agent} = findNamed(all, ref, 'Local Agent', 'List them with `lcs agents local list`.')
  return agent
}
