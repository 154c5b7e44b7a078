// The enroll area's face: the only module other areas and commands import.
export {DEFAULT_EWS_PORT} from './ews.js'
export {enrolledSerials, enrollPrinters, type EnrollCandidate, type EnrollRow} from './flow.js'
