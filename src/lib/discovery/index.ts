// The discovery area's face: the only module other areas and commands import.
export {discover, type DiscoveredPrinter, type DiscoverOptions, type DiscoverProgress, type DiscoverResult} from './discover.js'
export {surveyHtml} from './report.js'
export {meterCsvRows, meterRead, type MeterRead} from './meters.js'
export {readDiscovery, saveDiscovery} from './saved.js'
export type {SnmpV3User} from './snmp-v3.js'
