// The csv area's face: the only module other areas and commands import.
export {runImport, type Change, type ImportSummary, type PlanRow} from './engine.js'
export type {FieldError, ImportFormat} from './format.js'
export {badgeFormat} from './formats/badges.js'
export {CONTACT_FIELDS, contactFormat, contactKey} from './formats/contacts.js'
export {preenrollFormat} from './formats/preenroll.js'
export {parseGroups, USER_TEXT_FIELDS, userFormat} from './formats/users.js'
export {Journal} from './journal.js'
export type {MemoryRow} from './scan.js'
export {
  badgeRule,
  DEFAULT_PIN_POLICY,
  emailRule,
  GROUP_SEPARATOR,
  groupRule,
  MAX_GROUPS,
  passwordRule,
  PIN_MAX,
  PIN_MIN,
  pinRule,
  serialRule,
  textRule,
  type Rule,
} from './rules.js'
export {cellText, csvLine} from './write.js'
