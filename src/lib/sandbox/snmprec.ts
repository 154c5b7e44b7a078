// Loader for snmpsim `.snmprec` recordings (`OID|TAG|VALUE`, one a line), used as test fixtures and as the
// data behind simulated printers. Only the plain tags are supported; snmpsim variation modules (`2:numeric`)
// are rejected, so a recording never silently means something other than what it says.
import {readFile} from 'node:fs/promises'

export interface SnmpRecord {
  oid: string
  type: number
  value: string | number | bigint | Buffer
}

const INTEGER = 2
const OCTET_STRING = 4
const NULL = 5
const OID = 6
const IP_ADDRESS = 64
const COUNTER64 = 70
const UNSIGNED32 = new Set([65, 66, 67]) // Counter32, Gauge32, TimeTicks
const KNOWN = new Set([INTEGER, OCTET_STRING, NULL, OID, IP_ADDRESS, COUNTER64, ...UNSIGNED32])

const OID_RE = /^\d+(\.\d+)*$/
const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/
const IPV4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

/** Numeric arc order (so 1.3.6.1.2.1.2 sorts before 1.3.6.1.2.1.10); a leading dot is ignored. */
export function compareOids(a: string, b: string): number {
  const x = a.replace(/^\./, '').split('.')
  const y = b.replace(/^\./, '').split('.')
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    // Arcs can exceed 2^53 in principle: compare as digit strings (longer = bigger) rather than as numbers.
    const p = x[i].replace(/^0+(?=\d)/, '')
    const q = y[i].replace(/^0+(?=\d)/, '')
    if (p.length !== q.length) return p.length - q.length
    if (p !== q) return p < q ? -1 : 1
  }
  return x.length - y.length
}

/** Parses snmprec text. `bytes` says how plain OctetString text becomes bytes (latin1 when the file was not UTF-8). */
function parse(text: string, source: string, bytes: BufferEncoding, onBadLine?: (message: string) => void): SnmpRecord[] {
  const byOid = new Map<string, SnmpRecord>()
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    try {
      parseLine(i)
    } catch (error) {
      if (!onBadLine) throw error
      onBadLine((error as Error).message)
    }
  }
  return [...byOid.values()].sort((a, b) => compareOids(a.oid, b.oid))

  function parseLine(i: number): void {
    const line = lines[i].replace(/\r$/, '')
    if (line.trim() === '' || line.trimStart().startsWith('#')) return
    const fail = (why: string): never => {
      throw new Error(`${source}:${i + 1}: ${why}: ${JSON.stringify(line.length > 80 ? line.slice(0, 80) + '…' : line)}`)
    }
    const p1 = line.indexOf('|')
    const p2 = p1 < 0 ? -1 : line.indexOf('|', p1 + 1)
    if (p2 < 0) fail('expected OID|TAG|VALUE')
    // The value is everything after the second bar: it may itself contain bars.
    const oid = line.slice(0, p1).trim().replace(/^\./, '')
    const tag = line.slice(p1 + 1, p2).trim()
    const raw = line.slice(p2 + 1)
    if (!OID_RE.test(oid)) fail('bad OID')
    const m = /^(\d+)(x?)$/.exec(tag)
    if (!m) fail(`unsupported tag ${JSON.stringify(tag)}`)
    const type = Number(m![1])
    const hex = m![2] === 'x'
    if (!KNOWN.has(type)) fail(`unsupported tag ${tag}`)
    let value: SnmpRecord['value']
    if (hex) {
      if (type !== OCTET_STRING && type !== IP_ADDRESS) fail(`hex form not supported for tag ${type}`)
      const h = raw.trim()
      if (!HEX_RE.test(h)) fail('bad hex value')
      const buf = Buffer.from(h, 'hex')
      if (type === IP_ADDRESS) {
        if (buf.length !== 4) fail('IpAddress needs 4 octets')
        value = [...buf].join('.')
      } else value = buf
    } else if (type === OCTET_STRING) {
      value = Buffer.from(raw, bytes)
    } else if (type === NULL) {
      value = ''
    } else if (type === OID) {
      value = raw.trim().replace(/^\./, '')
      if (!OID_RE.test(value)) fail('bad OID value')
    } else if (type === IP_ADDRESS) {
      const ip = IPV4_RE.exec(raw.trim())
      if (!ip || ip.slice(1).some((o) => Number(o) > 255)) fail('bad IpAddress')
      value = raw.trim()
    } else if (type === COUNTER64) {
      if (!/^\d+$/.test(raw.trim())) fail('bad Counter64')
      value = BigInt(raw.trim())
      if (value > 0xffffffffffffffffn) fail('Counter64 out of range')
    } else {
      if (!/^-?\d+$/.test(raw.trim())) fail('bad number')
      const n = Number(raw.trim())
      const ok = type === INTEGER ? n >= -2147483648 && n <= 2147483647 : n >= 0 && n <= 4294967295
      if (!ok) fail(`value out of range for tag ${type}`)
      value = n
    }
    byOid.set(oid, {oid, type, value}) // duplicates: last wins
  }
}

/** Parses snmprec text into records sorted by OID. Throws on a malformed line, naming `source` and the line number. */
export function parseSnmprec(text: string, source = '<snmprec>'): SnmpRecord[] {
  return parse(text, source, 'utf8')
}

/**
 * Reads a recording. Files that are not valid UTF-8 are read as Latin-1 so that every byte survives.
 * With `onBadLine`, malformed lines are skipped and reported (real recordings have typos: one bad
 * counter must not take a whole simulated printer down); without it they throw.
 */
export async function loadSnmprec(path: string, onBadLine?: (message: string) => void): Promise<SnmpRecord[]> {
  const buf = await readFile(path)
  let text: string
  let bytes: BufferEncoding = 'utf8'
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(buf)
  } catch {
    text = buf.toString('latin1')
    bytes = 'latin1'
  }
  return parse(text, path, bytes, onBadLine)
}
