// Phase 1 of the sweep: the smallest SNMP request that makes an agent answer, built once and re-sent with
// a new request ID, and a bounded reader for the answers. v1/v2c ask GET sysObjectID.0 (the answer names
// the vendor, so phase 2 asks only what that vendor can have); v3 sends the RFC 3414 §4 discovery
// message (noAuthNoPriv, empty user, reportable), which every v3 agent answers with a Report.
//
// The request ID is always encoded in 4 bytes (values 0x40000000–0x7fffffff have a non-zero, sign-free
// first octet), so a new ID is a writeUInt32BE at a fixed offset.
import {SYS_OBJECT_ID} from './oids.js'

export interface ProbeTemplate {
  bytes: Buffer
  /** Offsets of the 4-byte IDs to patch (v3: msgID and request-id, kept equal). */
  idOffsets: number[]
}

export type ProbeVersion = '1' | '2c' | '3'

const ID_MIN = 0x40000000
const ID_SPAN = 0x3fffffff

/**
 * Request IDs in the 4-byte band, one per sequence number from a random start: the ID of an answer names
 * the sequence number it answers, so the sweep keeps no map from addresses to probes.
 */
export class IdBand {
  private readonly start = Math.floor(Math.random() * ID_SPAN)

  id(seq: number): number {
    return ID_MIN + ((this.start + seq) % ID_SPAN)
  }

  /** The sequence number ≥ `from` whose ID is `id` (IDs repeat every ID_SPAN numbers); -1 outside the band. */
  seq(id: number, from: number): number {
    if (id < ID_MIN || id >= ID_MIN + ID_SPAN) return -1
    return from + ((((id - ID_MIN - this.start - from) % ID_SPAN) + ID_SPAN) % ID_SPAN)
  }
}

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n])
  const bytes: number[] = []
  for (let x = n; x > 0; x >>= 8) bytes.unshift(x & 0xff)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

/** BER type-length-value (also used by the tests' hostile agents). */
export const tlv = (tag: number, content: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), len(content.length), content])
const small = (n: number): Buffer => tlv(0x02, Buffer.from([n]))
export const octets = (s: string | Buffer): Buffer => tlv(0x04, Buffer.isBuffer(s) ? s : Buffer.from(s))
const ID_PLACEHOLDER = Buffer.from([0x02, 0x04, 0x7f, 0x7e, 0x7d, 0x7c])

/** A BER OBJECT IDENTIFIER. */
export function oid(s: string): Buffer {
  const a = s.split('.').map(Number)
  const out = [40 * a[0] + a[1]]
  for (const n of a.slice(2)) {
    const b7: number[] = [n & 0x7f]
    for (let x = Math.floor(n / 128); x > 0; x = Math.floor(x / 128)) b7.unshift(0x80 | (x & 0x7f))
    out.push(...b7)
  }
  return tlv(0x06, Buffer.from(out))
}

export function probeTemplate(version: ProbeVersion, community = 'public'): ProbeTemplate {
  const getPdu = (varbinds: Buffer): Buffer => tlv(0xa0, Buffer.concat([ID_PLACEHOLDER, small(0), small(0), tlv(0x30, varbinds)]))
  let bytes: Buffer
  if (version === '3') {
    const header = tlv(
      0x30,
      Buffer.concat([ID_PLACEHOLDER, tlv(0x02, Buffer.from([0x00, 0xff, 0xe3])) /* 65507 */, octets(Buffer.from([0x04])), small(3)]),
    )
    const usm = octets(tlv(0x30, Buffer.concat([octets(''), small(0), small(0), octets(''), octets(''), octets('')])))
    const scoped = tlv(0x30, Buffer.concat([octets(''), octets(''), getPdu(Buffer.alloc(0))]))
    bytes = tlv(0x30, Buffer.concat([small(3), header, usm, scoped]))
  } else {
    const vb = tlv(0x30, Buffer.concat([oid(SYS_OBJECT_ID), Buffer.from([0x05, 0x00])]))
    bytes = tlv(0x30, Buffer.concat([small(version === '1' ? 0 : 1), octets(community), getPdu(vb)]))
  }
  const idOffsets: number[] = []
  for (let at = bytes.indexOf(ID_PLACEHOLDER); at >= 0; at = bytes.indexOf(ID_PLACEHOLDER, at + 1)) idOffsets.push(at + 2)
  return {bytes, idOffsets}
}

/** A copy of the template carrying `id` (a copy: the previous datagram may still be queued in the kernel). */
export function probeDatagram(t: ProbeTemplate, id: number): Buffer {
  const b = Buffer.allocUnsafe(t.bytes.length)
  t.bytes.copy(b)
  for (const at of t.idOffsets) b.writeUInt32BE(id, at)
  return b
}

export type ProbeReply =
  | {kind: 'answer'; id: number; objectId?: string}
  /** A well-formed SNMP message that does not answer our request (version, community or PDU type). */
  | {kind: 'mismatch'; why: string}
  | {kind: 'malformed'; why: string}

class Bad extends Error {}

/** The TLV at `p` (tag, content start and end), or undefined when it is not `tag` or runs past `buf`. */
function tlvAt(buf: Buffer, p: number, tag?: number): {tag: number; start: number; end: number} | undefined {
  if (p + 2 > buf.length || (tag !== undefined && buf[p] !== tag)) return undefined
  let l = buf[p + 1]
  let start = p + 2
  if (l & 0x80) {
    const k = l & 0x7f
    if (k === 0 || k > 3 || start + k > buf.length) return undefined
    l = 0
    for (let i = 0; i < k; i++) l = l * 256 + buf[start + i]
    start += k
  }
  return start + l > buf.length ? undefined : {end: start + l, start, tag: buf[p]}
}

/** Reads the answer to a probe. Never throws; reads only inside `buf`. */
export function readProbeReply(buf: Buffer, version: ProbeVersion, community = 'public'): ProbeReply {
  let p = 0
  const take = (tag?: number): {tag: number; start: number; end: number} => {
    const t = tlvAt(buf, p, tag)
    if (t) return t
    throw new Bad(
      p + 2 > buf.length
        ? 'truncated'
        : tag !== undefined && buf[p] !== tag
          ? `tag 0x${buf[p].toString(16)} where 0x${tag.toString(16)} was expected`
          : 'length runs past the datagram',
    )
  }
  const int = (): number => {
    const t = take(0x02)
    if (t.end - t.start < 1 || t.end - t.start > 4) throw new Bad('bad integer')
    p = t.end
    return buf.readIntBE(t.start, t.end - t.start)
  }
  try {
    const msg = take(0x30)
    p = msg.start
    const ver = int()
    if (version === '3') {
      if (ver !== 3) return {kind: 'mismatch', why: `SNMP version ${ver} answered a v3 request`}
      const header = take(0x30)
      p = header.start
      return {id: int(), kind: 'answer'}
    }
    if (ver !== (version === '1' ? 0 : 1)) return {kind: 'mismatch', why: `SNMP version ${ver} answered a v${version} request`}
    const c = take(0x04)
    p = c.end
    if (buf.subarray(c.start, c.end).toString('latin1') !== community) return {kind: 'mismatch', why: 'another community'}
    const pdu = take()
    p = pdu.start
    const id = int()
    if (pdu.tag !== 0xa2) return {kind: 'malformed', why: `PDU type 0x${pdu.tag.toString(16)} instead of a response`}
    int()
    int()
    const list = take(0x30)
    p = list.start
    if (p >= list.end) return {id, kind: 'answer'}
    const vb = take(0x30)
    p = vb.start
    const name = take(0x06)
    p = name.end
    const value = take()
    return value.tag === 0x06 ? {id, kind: 'answer', objectId: decodeOid(buf.subarray(value.start, value.end))} : {id, kind: 'answer'}
  } catch (error) {
    return {kind: 'malformed', why: error instanceof Bad ? error.message : 'unreadable'}
  }
}

/**
 * The usmStats counter named by a plaintext v3 Report (RFC 3414 §3.2), e.g. 5 for usmStatsWrongDigests.
 * net-snmp matches answers by request ID, which an agent that could not read our request cannot echo, so
 * such reports are read here. Never throws.
 */
export function usmReportCounter(buf: Buffer): number | undefined {
  let p = 0
  const take = (tag: number): {start: number; end: number} | undefined => tlvAt(buf, p, tag)
  const skip = (tag: number): boolean => {
    const t = take(tag)
    if (t) p = t.end
    return Boolean(t)
  }
  const enter = (tag: number): boolean => {
    const t = take(tag)
    if (t) p = t.start
    return Boolean(t)
  }
  if (!enter(0x30) || buf[p + 2] !== 3 || !skip(0x02) || !skip(0x30) || !skip(0x04) || !enter(0x30) || !skip(0x04) || !skip(0x04))
    return undefined
  if (!enter(0xa8) || !skip(0x02) || !skip(0x02) || !skip(0x02) || !enter(0x30) || !enter(0x30)) return undefined
  const name = take(0x06)
  if (!name) return undefined
  const oid = decodeOid(buf.subarray(name.start, name.end))
  const m = oid && /^1\.3\.6\.1\.6\.3\.15\.1\.1\.(\d+)(\.0)?$/.exec(oid)
  return m ? Number(m[1]) : undefined
}

function decodeOid(b: Buffer): string | undefined {
  if (b.length === 0 || b.length > 128) return undefined
  const arcs = [Math.min(2, Math.floor(b[0] / 40)), b[0] - 40 * Math.min(2, Math.floor(b[0] / 40))]
  let n = 0
  for (const x of b.subarray(1)) {
    n = n * 128 + (x & 0x7f)
    if (n > 0xffffffff) return undefined
    if (!(x & 0x80)) {
      arcs.push(n)
      n = 0
    }
  }
  return arcs.join('.')
}

/**
 * The plaintext Report an agent sends when it cannot accept a v3 request (RFC 3414 §3.2: usmStatsWrongDigests
 * = 5, usmStatsDecryptionErrors = 6), echoing the request's msgID. Used by the simulated printers, whose
 * net-snmp Agent stays silent where Net-SNMP's snmpd reports. Undefined when the request is unreadable.
 */
export function usmReportFor(
  request: Buffer,
  engine: {engineID: Buffer; engineBoots: number; engineTime: number},
  counter: number,
): Buffer | undefined {
  let p = 0
  const take = (tag: number): {start: number; end: number} | undefined => tlvAt(request, p, tag)
  const msg = take(0x30)
  if (!msg) return undefined
  p = msg.start
  const ver = take(0x02)
  if (!ver) return undefined
  p = ver.end
  const header = take(0x30)
  if (!header) return undefined
  p = header.start
  const msgId = take(0x02)
  if (!msgId) return undefined
  const int = (n: number): Buffer => {
    const out: number[] = []
    let x = n
    do {
      out.unshift(x & 0xff)
      x = Math.floor(x / 256)
    } while (x > 0)
    if (out[0] & 0x80) out.unshift(0)
    return tlv(0x02, Buffer.from(out))
  }
  const usm = octets(
    tlv(
      0x30,
      Buffer.concat([octets(engine.engineID), int(engine.engineBoots), int(engine.engineTime), octets(''), octets(''), octets('')]),
    ),
  )
  const vb = tlv(0x30, Buffer.concat([oid(`1.3.6.1.6.3.15.1.1.${counter}.0`), tlv(0x41, Buffer.from([1]))]))
  const pdu = tlv(0xa8, Buffer.concat([small(0), small(0), small(0), tlv(0x30, vb)]))
  const head = tlv(0x30, Buffer.concat([request.subarray(msgId.start - 2, msgId.end), int(65507), octets(Buffer.from([0])), small(3)]))
  return tlv(0x30, Buffer.concat([small(3), head, usm, tlv(0x30, Buffer.concat([octets(engine.engineID), octets(''), pdu]))]))
}

/** A BER INTEGER (two's complement, shortest form) under `tag` (Counter32, Gauge32, TimeTicks: 0x41–0x43). */
export function integer(n: number, tag = 0x02): Buffer {
  const out: number[] = []
  let x = tag === 0x02 ? n | 0 : n >>> 0
  if (tag === 0x02) {
    for (;;) {
      out.unshift(x & 0xff)
      x >>= 8
      if ((x === 0 && !(out[0] & 0x80)) || (x === -1 && out[0] & 0x80)) break
    }
  } else {
    do {
      out.unshift(x % 256)
      x = Math.floor(x / 256)
    } while (x > 0)
    if (out[0] & 0x80) out.unshift(0)
  }
  return tlv(tag, Buffer.from(out))
}
