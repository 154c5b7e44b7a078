// A MIB walk of one printer, as the Fleet Agent uploads it when support asks why a printer is not
// discovered: the standard MIB-2 and the enterprises subtree, one "OID = value" line per varbind, with the
// sweep's own bounds (at most 5000 varbinds, 200 requests) and its warnings.
import {compareDotted} from './oids.js'
import {sweep, type SweepOptions} from './snmp.js'

const WALKED = ['1.3.6.1.2.1', '1.3.6.1.4.1']

type WalkOptions = Pick<SweepOptions, 'port' | 'version' | 'community' | 'v3' | 'timeoutMs' | 'retries' | 'signal'>

function show(v: unknown): string {
  if (Buffer.isBuffer(v)) {
    const text = v.toString('utf8')
    // printable text as a string, anything else (MAC addresses, Counter64) as hex
    return /^[\x20-\x7e\t\r\n]*$/.test(text) ? JSON.stringify(text) : `0x${v.toString('hex')}`
  }
  return String(v)
}

/** The walk's log: a header, then the varbinds in OID order; a host that does not answer says so. */
export async function mibWalk(address: string, o: WalkOptions): Promise<string> {
  const lines = [`# MIB walk of ${address} (SNMP ${o.version ?? '2c'}), ${new Date().toISOString()}`]
  let answered = false
  for await (const r of sweep({...o, hosts: [address], printerTables: WALKED, walkAnyHost: true})) {
    answered = true
    for (const w of r.warnings) lines.push(`# warning: ${w}`)
    const oids = [...r.varbinds.keys()].sort(compareDotted)
    for (const oid of oids) lines.push(`${oid} = ${show(r.varbinds.get(oid))}`)
  }
  if (!answered)
    lines.push('# no SNMP answer: the printer is off, SNMP is off, or the profile (version, community, v3 user) does not match')
  return lines.join('\n') + '\n'
}
