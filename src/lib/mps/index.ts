// MPS Express (001): eligibility of printers for the program, and supplies delivery contacts.
export {checkContact, CONTACT_FLAG_FIELDS, contactLabel, findContact} from './contacts.js'
export {
  ELIGIBILITY_STATUSES,
  eligibilityOf,
  groupByStatus,
  modelSupported,
  MPS_EXPRESS,
  MPS_RULES,
  mpsLabel,
  mpsUnenrollRefusal,
  VERSION_PATTERN,
  versionAtLeast,
  type EligibilityFacts,
  type EligibilityGroup,
  type EligibilityRules,
  type EligibilityStatus,
} from './eligibility.js'
export {addRefusal, summarizeEligibility, type EligibilitySummary} from './report.js'
