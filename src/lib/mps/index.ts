// MPS Express (001): eligibility of printers for the program.
export {
  ELIGIBILITY_STATUSES,
  eligibilityOf,
  eligibilityReport,
  mpsLabel,
  mpsUnenrollRefusal,
  type EligibilityFacts,
  type EligibilityGroup,
  type EligibilityRules,
  type EligibilityStatus,
} from './eligibility.js'
