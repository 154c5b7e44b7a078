// Runs inside a test's network namespace: discover() over the given targets with IPP on, printing the result as JSON.
import {discover} from '../../src/lib/discovery/discover.js'

const [targets, ippPort, snmpPort] = process.argv.slice(2)
const r = await discover({
  ipp: true,
  ippPort: Number(ippPort),
  snmp: {port: Number(snmpPort), retries: 0, timeoutMs: 300},
  targets: targets.split(','),
})
console.log(JSON.stringify(r))
