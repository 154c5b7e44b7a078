// The deploy area's face: the only module other areas and commands import.
export {loadConfigFile, readSource, rolloutSchema} from './config-file.js'
export {
  diffConfig,
  fromCloud,
  hasContentFlags,
  indexResources,
  normalizeConfig,
  resolveConfig,
  specFromFlags,
  toInput,
  type ConfigSpec,
  type NormalizedConfig,
  type ResourceIndex,
} from './configs.js'
export {inspectFile, InvalidFile, kindOfFile, RESOURCE_TYPES, type FileInfo, type FileKind, type ResourceType} from './files.js'
export {scheduleChange, scheduleFromFlags} from './firmware.js'
export {InvalidAppFile} from './fls.js'
export {describeFile, describeResource, FIRMWARE_REFERENCE, prepareUpload, readChecked, readUploadFile} from './resources.js'
export {formatInZone, formatWindow, scheduleProblems, taskNameProblem} from './schedule.js'
export {didYouMean, type Path} from './schema.js'
export {checkSelection, matchPrinters, selectPrinters, splitSerials} from './selection.js'
export {taskPartlyFailed, watchTask} from './watch.js'
export type {Located, Place, YamlSource} from './yaml-source.js'
export {
  CONFIG_COLUMNS,
  configDetail,
  configFlags,
  followTask,
  renderTaskDetail,
  RESOURCE_COLUMNS,
  selectionFlags,
  TASK_COLUMNS,
  taskHeader,
  TaskReporter,
  waitFlags,
} from './views.js'
