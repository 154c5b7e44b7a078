// The agents area's face: Fleet Agent definitions (rules, files, from a saved discovery, overlaps).
export {
  assertDefinition,
  checkDefinition,
  DEFAULT_PROFILE,
  definitionFromDiscovery,
  DISCOVERY_INTERVALS,
  LOG_LEVELS,
  newDefinition,
  overlapping,
  readDefinition,
  redactDefinition,
  REFRESH_INTERVALS,
  REFRESH_MS,
  writeDefinition,
  type Criterion,
  type FleetAgentDefinition,
  type Problem,
  type SnmpProfile,
  type SnmpProfileVersion,
} from './definition.js'
export {findFleetAgent} from './lookup.js'
