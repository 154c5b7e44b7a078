// The config area's face: the only module other areas and commands import.
export {configDir, defaultSandboxDir} from './paths.js'
export {normalizeApiUrl, REGIONS, regionEndpoints} from './region.js'
export {readConfig, updateProfile, withConfigLock, writePrivateFile, type Profile} from './store.js'
