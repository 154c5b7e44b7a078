// What `agents fleet create|update` and the rollout file's `agents` section turn into a definition: a
// definition file (the portal's Export: secrets "(set)", kept by the cloud on update), a saved discovery
// (its "Fleet Agent only" printers become include criteria), or neither; then name and description.
import {readDiscovery} from '../discovery/index.js'
import {LcsError} from '../errors.js'
import {
  DEFAULT_PROFILE,
  definitionFromDiscovery,
  newDefinition,
  readDefinition,
  type FleetAgentDefinition,
  type SnmpProfile,
} from './definition.js'

export interface DefinitionInput {
  name?: string
  description?: string
  /** A definition file (JSON), replacing the whole definition. */
  definition?: string
  /** A saved discovery (`printers discover --save`), replacing the discovery criteria. */
  from?: string
  /** The Default profile's v2c community for --from (LCS_SNMP_COMMUNITY; never on argv). */
  community?: string
}

/** The Default profile a discovery's criteria use: v1 "public", or v2c with the given community. */
function discoveryProfile(community?: string): SnmpProfile {
  return community ? {...DEFAULT_PROFILE, community, version: 'v2c'} : {...DEFAULT_PROFILE}
}

/** A new agent's definition. */
export async function definitionToCreate(input: DefinitionInput): Promise<FleetAgentDefinition> {
  let d: FleetAgentDefinition
  if (input.definition) d = await readDefinition(input.definition)
  else {
    if (!input.name) throw new LcsError('usage', 'A Fleet Agent needs a --name (or a --definition file).')
    d = input.from
      ? definitionFromDiscovery(input.name, await readDiscovery(input.from), discoveryProfile(input.community))
      : newDefinition(input.name)
  }
  return named(d, input)
}

/** An agent's definition after a partial update (what is not given stays as it is). */
export async function definitionToUpdate(current: FleetAgentDefinition, input: DefinitionInput): Promise<FleetAgentDefinition> {
  let d: FleetAgentDefinition = structuredClone(current)
  if (input.definition) d = await readDefinition(input.definition)
  if (input.from) {
    const found = definitionFromDiscovery(d.name, await readDiscovery(input.from), discoveryProfile(input.community))
    d.discovery = {...found.discovery, transferManagement: d.discovery.transferManagement}
    const profile = found.snmpProfiles.find((p) => p.name === 'Default')!
    // the stored Default keeps its secret ("(set)") unless a community was given
    if (input.community) d.snmpProfiles = d.snmpProfiles.map((p) => (p.name === 'Default' ? profile : p))
  }
  return named(d, input)
}

function named(d: FleetAgentDefinition, input: DefinitionInput): FleetAgentDefinition {
  if (input.name) d.name = input.name
  if (input.description !== undefined) d.description = input.description
  return d
}
