// The auth area's face: the only module other areas and commands import.
export {login, type LoginMethod, type LoginResult} from './login.js'
export {deleteSecrets} from './secrets.js'
export {activeOrgId, profileName, resolveProfile, resolveSession, type Session, storedLogin} from './session.js'
