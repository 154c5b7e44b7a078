// The discovery area's face, and the package's 'lcs/discovery' subpath: find printers over mDNS, SNMP and IPP.
//   discover({targets: ['10.0.0.0/24'], snmp: {community: 'public'}, signal, onProgress})
export {NOT_A_PRINTER} from './classify.js'
export {discover, type DiscoveredPrinter, type DiscoverOptions, type DiscoverProgress, type DiscoverResult} from './discover.js'
export type {SnmpVersion} from './snmp.js'
export type {SnmpAuthProtocol, SnmpPrivProtocol, SnmpV3User} from './snmp-v3.js'
export {parseTarget, splitTargetList, TargetError, type TargetSpec} from './targets.js'
export type {Alert, Identity, PageCount, Supply, SupplyStatus} from './types.js'
export {surveyHtml} from './report.js'
export {meterCsvRows, meterRead, type MeterRead} from './meters.js'
export {readDiscovery, saveDiscovery} from './saved.js'
// The wire formats discovery reads, for the sandbox's simulated printers that answer in them.
export {encodePrinterAttributes} from './ipp.js'
export {MDNS_GROUP, MDNS_PORT, PRINTER_SERVICES} from './mdns.js'
export {integer, octets, oid, tlv, usmReportFor} from './probe.js'
export {toNetSnmpUser} from './snmp-v3.js'
export {intToIp} from './targets.js'
export {mibWalk} from './mibwalk.js'
