// The agents area's face: Fleet Agent definitions (rules, files, from a saved discovery, overlaps, edits)
// and the agent's task queue.
export {
  assertDefinition,
  checkDefinition,
  DEFAULT_NETWORK_DELAY_MS,
  DEFAULT_PROFILE,
  definitionChanges,
  definitionFromDiscovery,
  DISCOVERY_INTERVALS,
  keepSecrets,
  LOG_LEVELS,
  newDefinition,
  mpsAgentRefusal,
  overlapping,
  overlapWarning,
  profileFor,
  readDefinition,
  redactDefinition,
  REFRESH_INTERVALS,
  REFRESH_MS,
  SECRET_SET,
  unusedProfiles,
  unusedProfileWarning,
  writeDefinition,
  type Criterion,
  type FleetAgentDefinition,
  type Problem,
  type SnmpProfile,
  type SnmpProfileVersion,
} from './definition.js'
export {
  definitionToCreate,
  definitionToUpdate,
  parseProfileSpec,
  withFields,
  type DefinitionFields,
  type DefinitionInput,
  type FieldProblem,
  type FieldSource,
  type ProfileEntry,
} from './edit.js'
export {latestWalk, runAgentTask, waitForTask, writeLog, type QueueOptions} from './tasks.js'
export {findFleetAgent, findLocalAgent} from './lookup.js'
export {
  activationsProblem,
  activationsUpdateProblem,
  LOCAL_ACTIVATIONS,
  LOCAL_ACTIVATIONS_UPDATE,
  LOCAL_CODE_TTL_MS,
  LOCAL_LOG_LEVELS,
  LOCAL_POLLING,
  localSettingsProblems,
} from './local.js'
