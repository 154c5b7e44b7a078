// Simulated printer SNMP agent answering Get / GetNext / GetBulk from a flat, sorted record list.
//
// Why not net-snmp's Mib: its provider model wants every value registered as a scalar or a table
// with typed index columns, which an arbitrary snmprec recording (vendor subtrees, odd instance
// suffixes, holes) does not fit, and a Mib tree per agent costs a lot of objects × 254+ agents.
// Why not a responder written from scratch: net-snmp's Agent already does the message layer right
// (community check, SNMPv3 USM discovery reports, authentication, privacy, v2→v1 error mapping).
// So we keep net-snmp's Agent for that and replace only its data path: the per-PDU handlers are
// overridden on the instance and answer by binary search over a sorted array (O(log n) per varbind).
// We also own the UDP socket (net-snmp's Listener gets a dummy through `dgramModule`), so bind
// errors reject the start promise, delays/silence are applied before any parsing, and one agent
// costs exactly one file descriptor.
import dgram from 'node:dgram'
import {EventEmitter} from 'node:events'
import snmp from 'net-snmp'
import type {SnmpRecord} from '../snmprec.js'
import {dateAndTime} from './models.js'
import {integer, octets, oid as berOid, tlv, toNetSnmpUser, usmReportFor, type SnmpV3User} from '../../discovery/index.js'

export interface SnmpAgentOptions {
  address: string
  port: number
  records: SnmpRecord[]
  /** v1/v2c community (or several); default 'public'. Ignored when v3Only. */
  community?: string | string[]
  v3User?: SnmpV3User
  /** Answer SNMPv3 only (v1/v2c requests are dropped, like a hardened printer). */
  v3Only?: boolean
  /** Delay before each answer (slow device / congested link). */
  delayMs?: number
  /** Bound to the port but never answers (SNMP disabled, firewalled). */
  silent?: boolean
  /** SNMPv3 engine ID as hex; default random (net-snmp's format). */
  engineID?: string
  /** Byte budget for one response: GetBulk stops adding rows before it (RFC 3416 §4.2.3), a bigger Get/GetNext answer is tooBig. Default 16 KiB. */
  maxMessageSize?: number
}

export interface SnmpAgent {
  readonly address: string
  readonly port: number
  /** Replace the data at runtime (firmware update, supplies used up, clock set). */
  setRecords(records: SnmpRecord[]): void
  /** Values that stay over the records whatever setRecords brings (pages printed, supplies used). */
  setOverrides(records: SnmpRecord[]): void
  setSilent(silent: boolean): void
  setDelay(ms: number): void
  readonly stats: {received: number; answered: number}
  close(): Promise<void>
}

const SYS_UPTIME = '1.3.6.1.2.1.1.3.0'
const HR_SYSTEM_DATE = '1.3.6.1.2.1.25.1.2.0'
const MAX_REPETITIONS_CAP = 1000

interface Vb {
  oid: string
  type: number
  value: unknown
}

interface Compiled {
  arcs: Uint32Array[]
  vbs: Vb[]
  /** sysUpTime.0 and hrSystemDate.0 tick on from their recorded values instead of standing still. */
  uptimeIndex: number
  dateIndex: number
}

// Minimal shapes of net-snmp internals we use (not in @types/net-snmp).
interface PduLike {
  type: number
  id?: number
  varbinds: {oid: string}[]
  nonRepeaters?: number
  maxRepetitions?: number
  getResponsePduForRequest(): ResponsePdu
}
interface ResponsePdu {
  varbinds: Vb[]
  errorStatus?: number
  errorIndex?: number
}
interface MessageLike {
  version: number
  community?: string
  pdu: PduLike
  user?: {name: string}
}
interface AgentInternals {
  engine: {engineID: Buffer; engineBoots: number; engineTime: number}
  onMsg(socket: dgram.Socket, buffer: Buffer, rinfo: dgram.RemoteInfo): void
  sendResponse(socket: dgram.Socket, rinfo: dgram.RemoteInfo, message: MessageLike, pdu: ResponsePdu): void
  getAuthorizer(): {addCommunity(c: string): void; addUser(u: snmp.User): void}
  getRequest: Handler
  getNextRequest: Handler
  getBulkRequest: Handler
  setRequest: Handler
  onProxyRequest: Handler
  close(): void
}
type Handler = (socket: dgram.Socket, message: MessageLike, rinfo: dgram.RemoteInfo) => void

export function parseOidArcs(oid: string): Uint32Array {
  const s = oid.startsWith('.') ? oid.slice(1) : oid
  const parts = s.split('.')
  const arcs = new Uint32Array(parts.length)
  for (let i = 0; i < parts.length; i++) {
    const n = Number(parts[i])
    if (!/^\d+$/.test(parts[i]) || n > 0xffffffff) throw new Error(`bad OID '${oid}'`)
    arcs[i] = n
  }
  return arcs
}

function compareArcs(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1
  return a.length - b.length
}

/** Counter64 goes on the wire as the raw content octets of a BER INTEGER (net-snmp's writeUint64). */
function counter64Bytes(v: bigint): Buffer {
  if (v < 0n || v > 0xffffffffffffffffn) throw new Error('Counter64 out of range')
  let hex = v.toString(16)
  if (hex.length % 2) hex = '0' + hex
  const b = Buffer.from(hex, 'hex')
  return b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b
}

function toWire(r: SnmpRecord): Vb {
  const oid = r.oid.startsWith('.') ? r.oid.slice(1) : r.oid
  const v = r.value
  const num = (): number => {
    const n = typeof v === 'bigint' ? Number(v) : Number(typeof v === 'string' ? v.trim() : v)
    if (!Number.isInteger(n)) throw new Error(`record ${oid}: '${String(v)}' is not an integer`)
    return n
  }
  switch (r.type) {
    case 2:
      return {oid, type: snmp.ObjectType.Integer, value: num() | 0}
    case 65:
    case 66:
    case 67:
      return {oid, type: r.type, value: num() >>> 0}
    case 70:
      return {
        oid,
        type: snmp.ObjectType.Counter64,
        value: counter64Bytes(BigInt(typeof v === 'string' ? v.trim() : Buffer.isBuffer(v) ? 0 : v)),
      }
    case 4:
      return {oid, type: snmp.ObjectType.OctetString, value: Buffer.isBuffer(v) ? v : String(v)}
    case 5:
      return {oid, type: snmp.ObjectType.Null, value: null}
    case 6:
      return {oid, type: snmp.ObjectType.OID, value: String(v).replace(/^\./, '')}
    case 64:
      return {oid, type: snmp.ObjectType.IpAddress, value: Buffer.isBuffer(v) ? [...v].join('.') : String(v)}
    case 68:
      return {oid, type: snmp.ObjectType.Opaque, value: Buffer.isBuffer(v) ? v : Buffer.from(String(v))}
    default:
      throw new Error(`record ${oid}: unsupported snmprec type ${r.type}`)
  }
}

// Agents started from the same array (a shared recording) share one compiled copy.
const compiledCache = new WeakMap<SnmpRecord[], Compiled>()

export function compileRecords(records: SnmpRecord[]): Compiled {
  const hit = compiledCache.get(records)
  if (hit) return hit
  const rows = records.map((r) => ({arcs: parseOidArcs(r.oid), vb: toWire(r)}))
  rows.sort((a, b) => compareArcs(a.arcs, b.arcs))
  const arcs: Uint32Array[] = []
  const vbs: Vb[] = []
  for (const row of rows) {
    // A duplicate OID: the later record wins (same as re-recording a value).
    if (arcs.length > 0 && compareArcs(arcs[arcs.length - 1], row.arcs) === 0) vbs[vbs.length - 1] = row.vb
    else {
      arcs.push(row.arcs)
      vbs.push(row.vb)
    }
  }
  const compiled = {
    arcs,
    vbs,
    uptimeIndex: vbs.findIndex((v) => v.oid === SYS_UPTIME && v.type === snmp.ObjectType.TimeTicks),
    dateIndex: vbs.findIndex(
      (v) => v.oid === HR_SYSTEM_DATE && Buffer.isBuffer(v.value) && (v.value.length === 8 || v.value.length === 11),
    ),
  }
  compiledCache.set(records, compiled)
  return compiled
}

/** First index whose OID is ≥ key (or > key when strict). */
function lowerBound(arcs: Uint32Array[], key: Uint32Array, strict: boolean): number {
  let lo = 0
  let hi = arcs.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const c = compareArcs(arcs[mid], key)
    if (c < 0 || (strict && c === 0)) lo = mid + 1
    else hi = mid
  }
  return lo
}

function isPrefix(prefix: Uint32Array, arcs: Uint32Array): boolean {
  if (prefix.length > arcs.length) return false
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== arcs[i]) return false
  return true
}

function estimateSize(vb: Vb): number {
  const v = vb.value
  const len = typeof v === 'string' ? Buffer.byteLength(v) : Buffer.isBuffer(v) ? v.length : 6
  return vb.oid.length / 2 + len + 8
}

/** SNMPv2-TC DateAndTime advanced by ms; the UTC offset octets (11-octet form) are kept as they are. */
export function addToDateAndTime(b: Buffer, ms: number): Buffer {
  const local = Date.UTC(b.readUInt16BE(0), b[2] - 1, b[3], b[4], b[5], b[6], b[7] * 100)
  const out = Buffer.from(b)
  dateAndTime(new Date(local + ms)).copy(out, 0, 0, 8)
  return out
}

class Responder {
  private data: Compiled
  private setAt = Date.now()
  private overrides = new Map<string, SnmpRecord>()
  constructor(
    private records: SnmpRecord[],
    private readonly maxMessageSize: number,
  ) {
    this.data = compileRecords(records)
  }

  set(records: SnmpRecord[]): void {
    this.records = records
    this.compile()
    this.setAt = Date.now()
  }

  override(records: SnmpRecord[]): void {
    for (const r of records) this.overrides.set(r.oid, r)
    this.compile()
  }

  // The records' compiled copy (shared by agents of one recording) with the overridden values patched
  // into a copy of its varbinds: a few values change often, the OIDs never.
  private compile(): void {
    const base = compileRecords(this.records)
    if (!this.overrides.size) {
      this.data = base
      return
    }
    const vbs = [...base.vbs]
    for (const r of this.overrides.values()) {
      const key = parseOidArcs(r.oid)
      const i = lowerBound(base.arcs, key, false)
      if (i < base.arcs.length && compareArcs(base.arcs[i], key) === 0) vbs[i] = toWire(r)
    }
    this.data = {...base, vbs}
  }

  private vb(i: number): Vb {
    const vb = this.data.vbs[i]
    if (i === this.data.uptimeIndex)
      return {oid: vb.oid, type: vb.type, value: ((vb.value as number) + Math.floor((Date.now() - this.setAt) / 10)) >>> 0}
    if (i === this.data.dateIndex) return {oid: vb.oid, type: vb.type, value: addToDateAndTime(vb.value as Buffer, Date.now() - this.setAt)}
    return vb
  }

  /** Exact match, or the v2 exception (noSuchInstance when the object exists with other instances). */
  get(oid: string): Vb | {oid: string; type: number; value: null; missing: true} {
    let key: Uint32Array
    try {
      key = parseOidArcs(oid)
    } catch {
      return {oid, type: snmp.ObjectType.NoSuchObject, value: null, missing: true}
    }
    const {arcs} = this.data
    const i = lowerBound(arcs, key, false)
    if (i < arcs.length && compareArcs(arcs[i], key) === 0) return this.vb(i)
    const parent = key.subarray(0, Math.max(1, key.length - 1))
    const j = lowerBound(arcs, parent, false)
    const type = j < arcs.length && isPrefix(parent, arcs[j]) ? snmp.ObjectType.NoSuchInstance : snmp.ObjectType.NoSuchObject
    return {oid, type, value: null, missing: true}
  }

  /** Index of the first record after oid, or -1 at the end of the MIB view. */
  next(oid: string): number {
    let key: Uint32Array
    try {
      key = parseOidArcs(oid)
    } catch {
      key = new Uint32Array([0])
    }
    const i = lowerBound(this.data.arcs, key, true)
    return i < this.data.arcs.length ? i : -1
  }

  answer(message: MessageLike): ResponsePdu | undefined {
    const pdu = message.pdu
    const v1 = message.version === snmp.Version1
    const res = pdu.getResponsePduForRequest()
    const req = pdu.varbinds
    const fail = (status: number, index: number): ResponsePdu => {
      // RFC 1157: on error the response echoes the request's varbinds.
      res.varbinds = req.map((v) => ({oid: v.oid, type: snmp.ObjectType.Null, value: null}))
      res.errorStatus = status
      res.errorIndex = index
      return res
    }
    const out: Vb[] = []
    switch (pdu.type) {
      case snmp.PduType.GetRequest:
        for (let i = 0; i < req.length; i++) {
          const r = this.get(req[i].oid)
          if ('missing' in r) {
            if (v1) return fail(snmp.ErrorStatus.NoSuchName, i + 1)
            out.push({oid: r.oid, type: r.type, value: null})
          } else out.push(r)
        }
        break
      case snmp.PduType.GetNextRequest:
        for (let i = 0; i < req.length; i++) {
          const j = this.next(req[i].oid)
          if (j < 0) {
            if (v1) return fail(snmp.ErrorStatus.NoSuchName, i + 1)
            out.push({oid: req[i].oid, type: snmp.ObjectType.EndOfMibView, value: null})
          } else out.push(this.vb(j))
        }
        break
      case snmp.PduType.GetBulkRequest: {
        if (v1) return undefined // not an SNMPv1 PDU: real agents drop it
        const n = Math.min(Math.max(pdu.nonRepeaters ?? 0, 0), req.length)
        const reps = Math.min(Math.max(pdu.maxRepetitions ?? 0, 0), MAX_REPETITIONS_CAP)
        let budget = this.maxMessageSize - 100
        const push = (vb: Vb): boolean => {
          budget -= estimateSize(vb)
          if (budget < 0 && out.length > 0) return false
          out.push(vb)
          return true
        }
        for (let i = 0; i < n; i++) {
          const j = this.next(req[i].oid)
          if (!push(j < 0 ? {oid: req[i].oid, type: snmp.ObjectType.EndOfMibView, value: null} : this.vb(j))) break
        }
        const cursors = req.slice(n).map((v) => v.oid)
        const idx = cursors.map(() => 0)
        outer: for (let r = 0; r < reps && cursors.length > 0; r++) {
          let allEnded = true
          for (let c = 0; c < cursors.length; c++) {
            // After the first hit, walking on is just index + 1 (no more binary searches).
            let j: number
            if (r === 0) j = this.next(cursors[c])
            else if (idx[c] < 0) j = -1
            else j = idx[c] + 1 < this.data.arcs.length ? idx[c] + 1 : -1
            idx[c] = j
            if (j >= 0) allEnded = false
            if (!push(j < 0 ? {oid: cursors[c], type: snmp.ObjectType.EndOfMibView, value: null} : this.vb(j))) break outer
          }
          if (allEnded) break // RFC 3416: may stop once every repeater is at endOfMibView
        }
        break
      }
      case snmp.PduType.SetRequest:
        return fail(snmp.ErrorStatus.NotWritable, 1) // the simulator is read-only; mapped to noSuchName for v1
      default:
        return undefined
    }
    if (pdu.type !== snmp.PduType.GetBulkRequest && out.reduce((n, vb) => n + estimateSize(vb), 100) > this.maxMessageSize) {
      // RFC 3416 §4.2.1: an answer that does not fit is tooBig with index 0 and no varbinds
      res.varbinds = []
      res.errorStatus = snmp.ErrorStatus.TooBig
      res.errorIndex = 0
      return res
    }
    res.varbinds = out
    return res
  }
}

class DummySocket extends EventEmitter {
  bind(): this {
    return this
  }
  close(cb?: () => void): void {
    if (cb) setImmediate(cb)
  }
  address(): {address: string; port: number; family: string} {
    return {address: '0.0.0.0', port: 0, family: 'IPv4'}
  }
  unref(): this {
    return this
  }
}

// The v2c answer encoded here rather than by net-snmp: its BER writer re-parses every OID string of every
// answer, which made the simulated printers (254 in one process) the bottleneck of a sweep. The encoded
// varbind of each record is kept (records are immutable; ticking values are fresh objects, so not kept).
const encodedVarbinds = new WeakMap<Vb, Buffer>()

function encodeValue(vb: Vb): Buffer {
  const v = vb.value
  switch (vb.type) {
    case snmp.ObjectType.Integer:
      return integer(v as number)
    case snmp.ObjectType.Counter:
    case snmp.ObjectType.Gauge:
    case snmp.ObjectType.TimeTicks:
      return integer(v as number, vb.type)
    case snmp.ObjectType.Counter64:
      return tlv(0x46, v as Buffer)
    case snmp.ObjectType.OctetString:
      return octets(Buffer.isBuffer(v) ? v : Buffer.from(String(v)))
    case snmp.ObjectType.OID:
      return berOid(String(v))
    case snmp.ObjectType.IpAddress:
      return tlv(0x40, Buffer.from(String(v).split('.').map(Number)))
    case snmp.ObjectType.Opaque:
      return tlv(0x44, v as Buffer)
    default:
      return tlv(vb.type, Buffer.alloc(0)) // Null and the v2c exceptions (noSuchObject, noSuchInstance, endOfMibView)
  }
}

function encodeVarbind(vb: Vb): Buffer {
  let b = encodedVarbinds.get(vb)
  if (!b) {
    b = tlv(0x30, Buffer.concat([berOid(vb.oid), encodeValue(vb)]))
    encodedVarbinds.set(vb, b)
  }
  return b
}

function v2cResponse(community: string, requestId: number, res: ResponsePdu): Buffer {
  const pdu = tlv(
    0xa2,
    Buffer.concat([
      integer(requestId),
      integer(res.errorStatus ?? 0),
      integer(res.errorIndex ?? 0),
      tlv(0x30, Buffer.concat(res.varbinds.map(encodeVarbind))),
    ]),
  )
  return tlv(0x30, Buffer.concat([integer(1), octets(community), pdu]))
}

export async function startSnmpAgent(opts: SnmpAgentOptions): Promise<SnmpAgent> {
  const responder = new Responder(opts.records, opts.maxMessageSize ?? 16 * 1024)
  let silent = opts.silent ?? false
  let delayMs = opts.delayMs ?? 0
  let closed = false
  const timers = new Set<NodeJS.Timeout>()
  const stats = {received: 0, answered: 0}

  const dummy = new DummySocket()
  // Parse errors are ignored silently; a v3 request with a wrong digest or one that does not decrypt is
  // answered with a usmStats Report, as Net-SNMP's snmpd does (net-snmp's Agent would stay silent).
  let usmFailure: number | undefined
  const agent = snmp.createAgent(
    {
      port: opts.port,
      address: opts.address,
      disableAuthorization: false,
      dgramModule: {createSocket: () => dummy},
      ...(opts.engineID ? {engineID: opts.engineID} : {}),
    },
    (error: Error | null) => {
      const m = error?.message ?? ''
      usmFailure = /^Authentication digest/.test(m) ? 5 : /^Failed to decrypt/.test(m) ? 6 : usmFailure
    },
  ) as AgentInternals
  const auth = agent.getAuthorizer()
  if (!opts.v3Only) for (const c of [opts.community ?? 'public'].flat()) auth.addCommunity(c)
  if (opts.v3User) auth.addUser(toNetSnmpUser(opts.v3User))
  const v3UserName = opts.v3User?.name

  const handle: Handler = (socket, message, rinfo) => {
    // net-snmp lets an unknown empty v3 user through as noAuthNoPriv; a real agent would not serve data to it.
    if (message.version === snmp.Version3 && message.user?.name !== v3UserName) return
    const res = responder.answer(message)
    if (!res || closed) return
    stats.answered++
    if (message.version === snmp.Version2c) socket.send(v2cResponse(message.community!, message.pdu.id!, res), rinfo.port, rinfo.address)
    else agent.sendResponse(socket, rinfo, message, res)
  }
  agent.getRequest = handle
  agent.getNextRequest = handle
  agent.getBulkRequest = handle
  agent.setRequest = handle
  agent.onProxyRequest = handle // a non-empty v3 context: serve the same data

  const socket = dgram.createSocket({type: opts.address.includes(':') ? 'udp6' : 'udp4', recvBufferSize: 1 << 20})
  const dispatch = (buf: Buffer, rinfo: dgram.RemoteInfo): void => {
    if (closed) return
    try {
      usmFailure = undefined
      agent.onMsg(socket, buf, rinfo)
      const report = usmFailure === undefined ? undefined : usmReportFor(buf, agent.engine, usmFailure)
      if (report) socket.send(report, rinfo.port, rinfo.address)
    } catch {
      // net-snmp catches parse errors itself; anything else must not take the sandbox down either
    }
  }
  socket.on('message', (buf, rinfo) => {
    stats.received++
    if (silent || closed) return
    if (delayMs > 0) {
      const t = setTimeout(() => {
        timers.delete(t)
        dispatch(buf, rinfo)
      }, delayMs)
      timers.add(t)
    } else dispatch(buf, rinfo)
  })
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject)
      socket.bind(opts.port, opts.address, () => {
        socket.off('error', reject)
        resolve()
      })
    })
  } catch (err) {
    closed = true
    agent.close()
    socket.close()
    throw err
  }
  socket.on('error', () => {}) // e.g. ECONNREFUSED surfaced on some platforms; never fatal
  const bound = socket.address()

  return {
    address: bound.address,
    port: bound.port,
    stats,
    setRecords: (records) => responder.set(records),
    setOverrides: (records) => responder.override(records),
    setSilent: (s) => {
      silent = s
    },
    setDelay: (ms) => {
      delayMs = ms
    },
    close: () => {
      if (closed) return Promise.resolve()
      closed = true
      for (const t of timers) clearTimeout(t)
      timers.clear()
      agent.close()
      return new Promise<void>((resolve) => socket.close(() => resolve()))
    },
  }
}
