// SNMP sweep engine, in two phases over one shared UDP socket per address family.
//
// Phase 1 finds who answers: a tiny probe (probe.ts; ~45 bytes) to every address, paced by one token bucket
// in timer-driven bursts so the event loop keeps serving replies. A reply's request ID names the probe it
// answers (checked against its source address). A silent address costs a few bytes of typed arrays until its
// timeout (ProbeTable: no object per address); retries are a second stream that trails the first by the
// timeout (a FIFO ordered by send time: no per-address timers), so a sweep takes ≈ datagrams/rate +
// timeout × tries, whatever the share of dead addresses.
//
// Phase 2 identifies the responders only, as soon as they answer (never queued behind dead addresses): a
// GET of the common scalars plus only the OIDs the agent's vendor can have (its sysObjectID came with the
// probe's answer; v3 asks it first), then, for printers, the table walks. Phase 2 runs over net-snmp
// sessions whose sockets are facades over the same real socket (replies routed by source address:port),
// and its datagrams go first through the same bucket, so the whole sweep keeps to the rate.
import dgram from 'node:dgram'
import {lookup} from 'node:dns/promises'
import {EventEmitter} from 'node:events'
import {isIP} from 'node:net'
import {performance} from 'node:perf_hooks'
import v8 from 'node:v8'
import snmp from 'net-snmp'
import {
  compareDotted,
  HR_DEVICE_PRINTER,
  HR_DEVICE_TYPE,
  HR_PRINTER_ENTRY,
  HP_DEVICE_ID,
  identityOids,
  LEXMARK,
  DELL_LEXMARK,
  PRINTER_MIB,
  printerTables,
  PRT_MARKER_POWER_ON_COUNT,
  SYS_DESCR,
  SYS_OBJECT_ID,
} from './oids.js'
import {meterOids, meterTables} from './meter-oids.js'
import {IdBand, probeDatagram, probeTemplate, readProbeReply, usmReportCounter} from './probe.js'
import {intToIp, ipToInt} from './targets.js'
import type {SnmpValue} from './types.js'
import {type SnmpV3User, toNetSnmpUser} from './snmp-v3.js'

export type SnmpVersion = '1' | '2c' | '3'

export interface SweepOptions {
  /** Addresses or names, or IPv4 addresses as uint32 numbers (the cheapest: no string per address); distinct. */
  hosts: Iterable<string | number> | AsyncIterable<string | number>
  /** Number of hosts, for progress, when `hosts` is lazy (arrays and sets are counted). */
  total?: number
  port?: number
  version?: SnmpVersion
  community?: string
  v3?: SnmpV3User
  /** Per try. Default 2000 ms (CUPS and Ricoh use 2 s). */
  timeoutMs?: number
  /** Retries after the first try. Default 1. */
  retries?: number
  /** Datagrams per second over the whole sweep, retries and identification included. Default 20,000. */
  rate?: number
  /**
   * Bytes per second on the wire (IP and UDP headers included), the other limit of the same bucket.
   * Default 1,000,000 (the previous sweep's worst case, 1,000 identity GETs of ~900 bytes a second):
   * ≈ 14,000 probes a second, so a /16 with one retry leaves in ≈ 9 s.
   */
  bandwidth?: number
  /** Responders identified at once (phase 2). Default 256. */
  concurrency?: number
  /** GetBulk max-repetitions budget: varbinds per walk request, shared by the open subtrees. Default 128. */
  bulkVarbinds?: number
  /** Stops sending and cancels what is in flight; the iteration then ends without throwing. */
  signal?: AbortSignal
  /** `probed`: addresses settled (answered or given up); `sent`: addresses probed at least once. */
  onProgress?(probed: number, total: number | undefined, found: number, sent: number): void
  /** Problems that belong to no result (a name that does not resolve). */
  onWarning?(host: string, message: string): void
  /** Each address that never answered (for another protocol to try). */
  onSilent?(address: string): void
  /** Subtrees to walk on printers; defaults from oids.ts. */
  printerTables?: string[]
  /** Also read the billing meters (meter-oids.ts): the vendor's counters and the power-on counts. */
  meters?: boolean
  /** Walk printerTables on every host that answers, printer or not (a MIB walk for support). */
  walkAnyHost?: boolean
}

/**
 * One host that answered. Silent addresses (nobody there, SNMP off, wrong community) yield nothing. A host
 * that answers but cannot be used (v3 report "Unknown User Name", malformed or mismatched datagrams) is
 * yielded with what could be read (maybe nothing) and warnings saying why.
 */
export interface SweepResult {
  /** The address that answered. */
  address: string
  /** The name as given, when it was not an IP address. */
  host?: string
  /** OID (no leading dot) → value as net-snmp delivers it (Buffer for OctetString and Counter64). */
  varbinds: Map<string, SnmpValue>
  /** The identity answer looked like a printer, so the printer tables were walked. */
  printer: boolean
  warnings: string[]
}

export interface SweepStats {
  /** Addresses probed that never answered. */
  silent: number
  /** Datagrams and wire bytes sent (both phases). */
  datagrams: number
  bytes: number
}

export const SWEEP_DEFAULTS = {
  port: 161,
  version: '2c' as SnmpVersion,
  community: 'public',
  timeoutMs: 2000,
  retries: 1,
  rate: 20_000,
  bandwidth: 1_000_000,
  concurrency: 256,
  bulkVarbinds: 128,
}

/** Longest value kept; a UDP datagram caps it anyway, this keeps hostile agents from bloating results. */
const MAX_VALUE_BYTES = 8192
/** Most varbinds kept per host across all walks. */
const MAX_VARBINDS_PER_HOST = 5000
/** Most walk requests per host (a bounded number of requests is what bounds a host's time). */
const MAX_WALK_REQUESTS = 200
const MANAGER_ENGINE_ID = Buffer.from('8000b98380' + '6c63732d7377656570', 'hex') // net-snmp's PEN + "lcs-sweep"
/** v1 has no noSuchObject: identity OIDs go in chunks so one missing OID only re-sends its chunk. */
const V1_CHUNK = 8
/** IPv4 + UDP headers (IPv6: 48), counted against the byte rate. */
const HEADER_BYTES = {udp4: 28, udp6: 48}
/** Addresses read ahead of the probe stream (names being resolved included). */
const READ_AHEAD = 4096

// ------------------------------------------------------------------------------------------------
// Token bucket: packets and bytes

/** Phase 1 draws from the bucket only when phase 2 has nothing queued. */
export interface BucketFiller {
  /** Wire bytes of the next datagram. */
  readonly cost: number
  /** Sends one datagram; false when there is nothing to send right now. */
  send(): boolean
}

export class TokenBucket {
  private tokens: number
  private bytes: number
  private readonly byteBurst: number
  private last = performance.now()
  private queue: {fn: () => void; cost: number}[] = []
  private head = 0
  private timer: NodeJS.Timeout | undefined
  private stopped = false
  filler: BucketFiller | undefined

  constructor(
    private readonly rate: number,
    private readonly burst = Math.max(1, Math.ceil(rate / 50)), // 20 ms worth: smooth, but timer-granularity proof
    private readonly byteRate = Number.POSITIVE_INFINITY,
  ) {
    if (!(rate > 0)) throw new Error(`rate must be > 0 packets/s, got ${rate}`)
    if (!(byteRate > 0)) throw new Error(`bandwidth must be > 0 bytes/s, got ${byteRate}`)
    this.tokens = this.burst
    this.byteBurst = Number.isFinite(byteRate) ? Math.max(1500, Math.ceil(byteRate / 50)) : Number.POSITIVE_INFINITY
    this.bytes = this.byteBurst
  }

  get pending(): number {
    return this.queue.length - this.head
  }

  enqueue(fn: () => void, cost = 0): void {
    if (this.stopped) return
    this.queue.push({cost, fn})
    this.drain()
  }

  /** Wakes the bucket after the filler got something to send. */
  kick(): void {
    if (!this.timer) this.drain()
  }

  /** Runs what is still queued at once (the callers see their hub closed and fail fast), then refuses more. */
  stop(): void {
    this.stopped = true
    this.filler = undefined
    clearTimeout(this.timer)
    this.timer = undefined
    const rest = this.queue.slice(this.head)
    this.queue = []
    this.head = 0
    for (const q of rest) q.fn()
  }

  // A datagram bigger than the byte burst leaves when the bucket is full and drives it into debt.
  private affords(cost: number): boolean {
    return this.tokens >= 1 && this.bytes >= Math.min(cost, this.byteBurst)
  }

  private drain(): void {
    if (this.stopped) return
    const now = performance.now()
    const dt = now - this.last
    this.tokens = Math.min(this.burst, this.tokens + (dt * this.rate) / 1000)
    this.bytes = Math.min(this.byteBurst, this.bytes + (dt * this.byteRate) / 1000)
    this.last = now
    let next = 0
    while (this.head < this.queue.length && this.affords((next = this.queue[this.head].cost))) {
      const q = this.queue[this.head]
      this.queue[this.head++] = NOOP
      this.tokens--
      this.bytes -= q.cost
      q.fn()
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head)
      this.head = 0
    }
    let want = this.head < this.queue.length
    if (!want && this.filler) {
      const f = this.filler
      next = f.cost
      while (this.affords(next) && !this.stopped) {
        if (!f.send()) break
        this.tokens--
        this.bytes -= next
      }
      // More to send only if the loop stopped for lack of tokens (the filler kicks us otherwise).
      want = !this.affords(next)
    }
    if (want && !this.timer && !this.stopped) {
      const forPackets = ((1 - this.tokens) * 1000) / this.rate
      const forBytes = ((Math.min(next, this.byteBurst) - this.bytes) * 1000) / this.byteRate
      this.timer = setTimeout(
        () => {
          this.timer = undefined
          this.drain()
        },
        Math.max(1, Math.ceil(Math.max(forPackets, forBytes))),
      )
    }
  }
}

const NOOP = {cost: 0, fn: (): void => {}}

// ------------------------------------------------------------------------------------------------
// One real socket per family, many facades

type SendCb = (error: Error | null, bytes?: number) => void

class FacadeSocket extends EventEmitter {
  key: string | undefined
  /** Datagrams routed to this facade (to tell "silent" from "answers we had to ignore"). */
  received = 0
  closed = false
  constructor(
    private readonly hub: SharedUdp,
    readonly family: 'udp4' | 'udp6',
  ) {
    super()
  }
  send(buf: Buffer, offset: number, length: number, port: number, address: string, cb?: SendCb): void {
    if (this.closed) {
      cb?.(new Error('socket closed'))
      return
    }
    this.hub.route(this, address, port)
    this.hub.send(
      this.family,
      buf.subarray(offset, offset + length),
      port,
      address,
      (err, bytes) => {
        // Closed while the datagram waited for a token: fail it, so net-snmp settles the request instead
        // of registering it on a dead session (or never hearing of it again).
        cb?.(this.closed ? new Error('sweep stopped') : err, bytes)
      },
      () => this.closed,
    )
  }
  bind(): this {
    return this
  }
  ref(): this {
    return this
  }
  unref(): this {
    return this
  }
  address(): {address: string; port: number; family: string} {
    return this.hub.localAddress(this.family)
  }
  close(cb?: () => void): void {
    if (this.closed) return
    this.closed = true
    this.hub.unroute(this)
    // net-snmp's onClose cancels outstanding requests ("Socket forcibly closed"): do it now, like dgram
    this.emit('close')
    if (cb) setImmediate(cb)
  }
}

/**
 * The shared sockets only ever send to IP literals (names are resolved before the sweep sends): handing the
 * literal back at once spares dgram's default lookup a tick, a closure and a queued call per datagram.
 */
function literalLookup(address: string, family: unknown, cb: (err: Error | null, address: string, family: number) => void): void {
  cb(null, address, isIP(address) || (family === 6 ? 6 : 4))
}

class SharedUdp {
  private readonly sockets = new Map<'udp4' | 'udp6', dgram.Socket>()
  private readonly routes = new Map<string, FacadeSocket>()
  private closed = false
  /** Takes the datagrams no facade claims; true when it knew the sender. */
  unrouted: ((buf: Buffer, rinfo: dgram.RemoteInfo) => boolean) | undefined
  strays = 0
  datagrams = 0
  bytes = 0

  constructor(
    private readonly bucket: TokenBucket,
    private readonly onSocketError: (err: Error) => void,
  ) {}

  /** The `dgramModule` net-snmp is given. */
  readonly module = {
    createSocket: (type: unknown) =>
      new FacadeSocket(this, (typeof type === 'string' ? type : (type as {type?: string})?.type) === 'udp6' ? 'udp6' : 'udp4'),
  }

  private socket(family: 'udp4' | 'udp6'): dgram.Socket {
    let s = this.sockets.get(family)
    if (!s) {
      // A big receive buffer: hundreds of printers may answer within the same millisecond.
      s = dgram.createSocket({type: family, recvBufferSize: 4 << 20, lookup: literalLookup})
      s.on('message', (buf, rinfo) => this.deliver(buf, rinfo))
      s.on('error', (err) => this.onSocketError(err))
      this.sockets.set(family, s)
    }
    return s
  }

  localAddress(family: 'udp4' | 'udp6'): {address: string; port: number; family: string} {
    try {
      const a = this.sockets.get(family)?.address()
      if (a) return a
    } catch {
      // not bound yet
    }
    return {address: family === 'udp6' ? '::' : '0.0.0.0', port: 0, family: family === 'udp6' ? 'IPv6' : 'IPv4'}
  }

  route(f: FacadeSocket, address: string, port: number): void {
    const key = `${address}|${port}`
    if (f.key === key) return
    if (f.key) this.unroute(f)
    f.key = key
    this.routes.set(key, f)
  }

  unroute(f: FacadeSocket): void {
    if (f.key && this.routes.get(f.key) === f) this.routes.delete(f.key)
    f.key = undefined
  }

  has(address: string, port: number): boolean {
    return this.routes.has(`${address}|${port}`)
  }

  /** Phase 2: through the bucket's queue (ahead of the probes). */
  send(family: 'udp4' | 'udp6', buf: Buffer, port: number, address: string, cb: SendCb, cancelled: () => boolean): void {
    this.bucket.enqueue(() => {
      if (this.closed || cancelled()) {
        cb(new Error('sweep stopped'))
        return
      }
      this.sendNow(family, buf, port, address, cb)
    }, buf.length + HEADER_BYTES[family])
  }

  /** Sends at once: the caller holds the bucket's token. */
  sendNow(family: 'udp4' | 'udp6', buf: Buffer, port: number, address: string, cb: SendCb): void {
    this.datagrams++
    this.bytes += buf.length + HEADER_BYTES[family]
    try {
      this.socket(family).send(buf, port, address, cb)
    } catch (err) {
      cb(err as Error)
    }
  }

  private deliver(buf: Buffer, rinfo: dgram.RemoteInfo): void {
    const f = this.routes.get(`${rinfo.address}|${rinfo.port}`)
    if (!f) {
      // a probe's answer, a late answer after we gave up, or a stranger
      if (!this.unrouted?.(buf, rinfo)) this.strays++
      return
    }
    f.received++
    try {
      f.emit('message', buf, rinfo)
    } catch (err) {
      // net-snmp decodes inside this call; nothing a remote host sends may escape as an exception
      f.emit('hostile', err)
    }
  }

  close(): void {
    this.closed = true
    for (const s of this.sockets.values()) {
      try {
        s.close()
      } catch {
        // already closed
      }
    }
    this.sockets.clear()
    this.routes.clear()
  }
}

// ------------------------------------------------------------------------------------------------
// Promisified net-snmp calls

type Vb = snmp.Varbind

function errName(e: unknown): string {
  return (e as {name?: string})?.name ?? 'Error'
}

function errText(e: unknown): string {
  const msg = (e as {message?: string})?.message ?? String(e)
  return msg.length > 200 ? msg.slice(0, 200) + '…' : msg
}

function isTimeout(e: unknown): boolean {
  return errName(e) === 'RequestTimedOutError'
}

/**
 * Runs one net-snmp request as a promise that always settles: net-snmp unregisters a request before it
 * decodes the answer, so an exception while decoding (a hostile datagram) would leave it without a
 * callback. Such exceptions reject every pending call of the host (see 'hostile'), and a generous
 * watchdog covers anything else.
 */
function call<T>(st: HostState, start: (cb: (err: Error | null, v?: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false
    const settle = (err: Error | null, v?: T): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      st.pending.delete(settle)
      if (err) reject(err)
      else resolve(v as T)
    }
    // unref: while the sweep runs its socket keeps the process alive; after it, nothing should
    const timer = setTimeout(
      () => settle(Object.assign(new Error('no usable answer'), {name: 'RequestTimedOutError'})),
      st.watchdogMs(),
    ).unref()
    st.pending.add(settle)
    try {
      start(settle)
    } catch (err) {
      settle(err as Error)
    }
  })
}

function sessionGet(st: HostState, s: snmp.Session, oids: string[], getNext = false): Promise<Vb[]> {
  return call<Vb[]>(st, (cb) => (getNext ? s.getNext(oids, (e, v) => cb(e, v ?? [])) : s.get(oids, (e, v) => cb(e, v ?? []))))
}

function sessionGetBulk(st: HostState, s: snmp.Session, oids: string[], maxRepetitions: number): Promise<(Vb | Vb[])[]> {
  return call<(Vb | Vb[])[]>(st, (cb) => s.getBulk(oids, 0, maxRepetitions, (e, v) => cb(e, v ?? [])))
}

// ------------------------------------------------------------------------------------------------
// OID helpers

function inSubtree(root: string, oid: string): boolean {
  return oid.startsWith(root + '.')
}

/** Does the identity answer describe a printer? (Then, and only then, the printer tables are walked.) */
export function looksLikePrinter(varbinds: ReadonlyMap<string, SnmpValue>): boolean {
  for (const [oid, value] of varbinds) {
    if (
      inSubtree(PRINTER_MIB, oid) ||
      inSubtree(HR_PRINTER_ENTRY, oid) ||
      inSubtree(LEXMARK, oid) ||
      inSubtree(DELL_LEXMARK, oid) ||
      oid === HP_DEVICE_ID
    )
      return true
    if (inSubtree(HR_DEVICE_TYPE, oid) && String(value).replace(/^\./, '') === HR_DEVICE_PRINTER) return true
  }
  return false
}

// ------------------------------------------------------------------------------------------------
// Per-host probe

interface HostState {
  warnings: string[]
  varbinds: Map<string, SnmpValue>
  /** Responses that net-snmp accepted (to tell ignored datagrams from silence). */
  accepted: number
  warned: Set<string>
  /** Settle functions of the calls in flight. */
  pending: Set<(err: Error | null) => void>
  watchdogMs: () => number
}

function warnOnce(st: HostState, msg: string): void {
  if (st.warned.has(msg) || st.warnings.length >= 20) return
  st.warned.add(msg)
  st.warnings.push(msg)
}

function store(st: HostState, vb: Vb): void {
  if (st.varbinds.size >= MAX_VARBINDS_PER_HOST && !st.varbinds.has(vb.oid)) {
    warnOnce(st, `more than ${MAX_VARBINDS_PER_HOST} values: the rest was dropped`)
    return
  }
  let value = vb.value as SnmpValue
  if (Buffer.isBuffer(value) && value.length > MAX_VALUE_BYTES) {
    warnOnce(st, `value of ${vb.oid} is ${value.length} bytes: cut to ${MAX_VALUE_BYTES}`)
    value = Buffer.from(value.subarray(0, MAX_VALUE_BYTES)) // a copy: do not pin the whole datagram
  } else if (typeof value === 'string' && value.length > MAX_VALUE_BYTES) {
    warnOnce(st, `value of ${vb.oid} is ${value.length} characters: cut to ${MAX_VALUE_BYTES}`)
    value = value.slice(0, MAX_VALUE_BYTES)
  }
  st.varbinds.set(vb.oid, value)
}

/** One GET of scalars. v2c/v3: one PDU (split on tooBig/genErr). v1: chunks, dropping what noSuchName names. */
async function getScalars(s: snmp.Session, oids: string[], v1: boolean, st: HostState): Promise<void> {
  const run = async (batch: string[]): Promise<void> => {
    let pending = batch
    while (pending.length > 0) {
      let vbs: Vb[]
      try {
        vbs = await sessionGet(st, s, pending)
        st.accepted++
      } catch (err) {
        if (errName(err) !== 'RequestFailedError') throw err
        st.accepted++
        const status = (err as {status?: number}).status
        const failed = /:\s*(\S+)$/.exec(errText(err))?.[1]?.replace(/^\./, '')
        const at = failed ? pending.indexOf(failed) : -1
        if (v1 && status === snmp.ErrorStatus.NoSuchName && at >= 0) {
          pending = pending.filter((_o, i) => i !== at) // RFC 1157: drop the named OID, ask again
          continue
        }
        if (pending.length === 1) {
          // v1 noSuchName is the normal "not here"; anything else (genErr from a buggy agent) is noted once
          if (!(v1 && status === snmp.ErrorStatus.NoSuchName)) refused.push(pending[0])
          return
        }
        // tooBig, genErr, or a noSuchName without a usable index: halve and retry both parts
        const mid = pending.length >> 1
        await run(pending.slice(0, mid))
        await run(pending.slice(mid))
        return
      }
      for (let i = 0; i < vbs.length; i++) {
        const vb = vbs[i]
        if (!vb || snmp.isVarbindError(vb)) continue
        if (vb.oid !== pending[i]) {
          warnOnce(st, `GET answered ${vb.oid} for ${pending[i]}: ignored`)
          continue
        }
        store(st, vb)
      }
      return
    }
  }
  const refused: string[] = []
  if (!v1) await run(oids)
  else {
    const chunks: string[][] = []
    for (let i = 0; i < oids.length; i += V1_CHUNK) chunks.push(oids.slice(i, i + V1_CHUNK))
    // The first chunk alone decides whether anybody is there; the rest only for hosts that answered.
    await run(chunks[0])
    await Promise.all(chunks.slice(1).map(run))
  }
  if (refused.length > 0) warnOnce(st, `agent refused ${refused.length} identity OID(s) with an error status (first: ${refused[0]})`)
}

/**
 * Walks several subtrees at once: one GetBulk (v1: GetNext) carries a cursor per open subtree; a cursor
 * closes when its answer leaves the subtree, hits endOfMibView, or stops increasing (a looping agent).
 */
async function walk(s: snmp.Session, roots: string[], v1: boolean, budget: number, st: HostState): Promise<void> {
  const cursors = roots.map((root) => ({root, oid: root, open: true}))
  for (let n = 0; n < MAX_WALK_REQUESTS; n++) {
    const open = cursors.filter((c) => c.open)
    if (open.length === 0) return
    let columns: (Vb[] | undefined)[]
    try {
      if (v1)
        columns = (
          await sessionGet(
            st,
            s,
            open.map((c) => c.oid),
            true,
          )
        ).map((vb) => [vb])
      else {
        const reps = Math.max(1, Math.floor(budget / open.length))
        columns = (
          await sessionGetBulk(
            st,
            s,
            open.map((c) => c.oid),
            reps,
          )
        ).map((x) => (Array.isArray(x) ? x : [x]))
      }
      st.accepted++
    } catch (err) {
      if (v1 && errName(err) === 'RequestFailedError' && (err as {status?: number}).status === snmp.ErrorStatus.NoSuchName) {
        // v1 end of MIB: the named cursor is done (unnamed: close them all rather than loop)
        const failed = /:\s*(\S+)$/.exec(errText(err))?.[1]?.replace(/^\./, '')
        const c = open.find((x) => x.oid === failed)
        if (c) c.open = false
        else for (const x of open) x.open = false
        continue
      }
      warnOnce(st, `walk of ${open.map((c) => c.root).join(', ')} stopped: ${errText(err)}`)
      return
    }
    if (!open.some((_c, i) => columns[i]?.length)) {
      warnOnce(st, `empty walk answer under ${open[0].root}: walk stopped`)
      return
    }
    open.forEach((c, i) => {
      const col = columns[i]
      // An agent short of message space answers the first repeaters only (RFC 3416 §4.2.3): ask again.
      if (!col || col.length === 0) return
      for (const vb of col) {
        if (!vb || snmp.isVarbindError(vb)) {
          c.open = false
          return
        }
        const order = compareDotted(vb.oid, c.oid)
        if (!inSubtree(c.root, vb.oid)) {
          // the end of the subtree, unless the agent went back (a loop or a broken agent)
          if (order <= 0) warnOnce(st, `agent returned OIDs out of order under ${c.root}: walk stopped there`)
          c.open = false
          return
        }
        if (order <= 0) {
          warnOnce(st, `agent returned OIDs out of order under ${c.root}: walk stopped there`)
          c.open = false
          return
        }
        c.oid = vb.oid
        store(st, vb)
      }
    })
  }
  warnOnce(st, `walk stopped after ${MAX_WALK_REQUESTS} requests`)
}

// ------------------------------------------------------------------------------------------------
// The sweep

/** A responder handed to phase 2. */
interface Responder {
  /** As given (a name), or the address. */
  host: string
  address: string
  family: 'udp4' | 'udp6'
}

const DONE = 1
const V6 = 2
const NAMED = 4

/**
 * Phase-1 state of every address from its first probe to its last try, in parallel typed arrays indexed by
 * sequence number: no object, string or map entry per address (a /16 keeps ~100k addresses in flight, which
 * as objects were promoted to the old generation and grew the heap). An answer's request ID names its
 * sequence number (IdBand); names and IPv6 addresses keep their strings aside.
 */
class ProbeTable {
  /** Sequence number of slot 0. */
  private base = 0
  /** Every sequence number below this one is done. */
  first = 0
  /** The next sequence number. */
  end = 0
  private addr = new Uint32Array(1024)
  private deadlines = new Float64Array(1024)
  private tries = new Uint8Array(1024)
  private flags = new Uint8Array(1024)
  private readonly named = new Map<number, {host: string; address: string}>()

  add(address: number, named?: {host: string; address: string; v6: boolean}): void {
    if (this.end - this.base === this.addr.length) this.makeRoom()
    const i = this.end - this.base
    this.addr[i] = address
    this.deadlines[i] = 0
    this.tries[i] = 0
    this.flags[i] = named ? (named.v6 ? V6 | NAMED : NAMED) : 0
    if (named) this.named.set(this.end, {address: named.address, host: named.host})
    this.end++
  }

  done(seq: number): boolean {
    return seq < this.first || (this.flags[seq - this.base] & DONE) !== 0
  }

  finish(seq: number): void {
    this.flags[seq - this.base] |= DONE
    this.named.delete(seq)
    while (this.first < this.end && this.flags[this.first - this.base] & DONE) this.first++
  }

  family(seq: number): 'udp4' | 'udp6' {
    return this.flags[seq - this.base] & V6 ? 'udp6' : 'udp4'
  }

  address(seq: number): string {
    const i = seq - this.base
    return this.flags[i] & NAMED ? this.named.get(seq)!.address : intToIp(this.addr[i])
  }

  host(seq: number): string {
    return this.flags[seq - this.base] & NAMED ? this.named.get(seq)!.host : this.address(seq)
  }

  deadline(seq: number): number {
    return this.deadlines[seq - this.base]
  }

  /** Counts a try and returns how many there were. */
  tried(seq: number, deadline: number): number {
    const i = seq - this.base
    this.deadlines[i] = deadline
    return ++this.tries[i]
  }

  triesOf(seq: number): number {
    return this.tries[seq - this.base]
  }

  // Drops the done prefix, growing the arrays only when it is less than a quarter of them.
  private makeRoom(): void {
    const drop = this.first - this.base
    const n = this.end - this.first
    const size = drop * 4 >= this.addr.length ? this.addr.length : this.addr.length * 2
    const move = <T extends Uint32Array | Float64Array | Uint8Array>(a: T, make: (size: number) => T): T => {
      if (size === a.length) {
        a.copyWithin(0, drop, drop + n)
        return a
      }
      const b = make(size)
      b.set(a.subarray(drop, drop + n))
      return b
    }
    this.addr = move(this.addr, (s) => new Uint32Array(s))
    this.deadlines = move(this.deadlines, (s) => new Float64Array(s))
    this.tries = move(this.tries, (s) => new Uint8Array(s))
    this.flags = move(this.flags, (s) => new Uint8Array(s))
    this.base = this.first
  }
}

/** A FIFO of sequence numbers on a growing ring: no garbage per entry, no big array copied to drop its head. */
class SeqFifo {
  private ring = new Float64Array(1024)
  private head = 0
  length = 0

  peek(): number {
    return this.ring[this.head]
  }

  shift(): number {
    const v = this.ring[this.head]
    this.head = (this.head + 1) & (this.ring.length - 1)
    this.length--
    return v
  }

  push(v: number): void {
    if (this.length === this.ring.length) {
      const grown = new Float64Array(this.ring.length * 2)
      grown.set(this.ring.subarray(this.head))
      grown.set(this.ring.subarray(0, this.head), this.ring.length - this.head)
      this.ring = grown
      this.head = 0
    }
    this.ring[(this.head + this.length) & (this.ring.length - 1)] = v
    this.length++
  }
}

/** Datagrams from an address that were not an answer to its probe, and send errors: kept for when it gives up. */
interface Oddity {
  malformed?: string
  mismatched: number
  sendError?: string
}

/** usmStats counters (RFC 3414) as net-snmp names them. */
const UNKNOWN_ENGINE_IDS = 4
const USM_STATS: Record<number, string> = {
  1: 'Unsupported Security Level',
  2: 'Not In Time Window',
  3: 'Unknown User Name',
  5: 'Wrong Digest',
  6: 'Decryption Error',
}

/** net-snmp's USM report texts (RFC 3414 usmStats) → what the user should check. */
function v3Reason(message: string, user: string): string | undefined {
  if (/Unknown User Name/i.test(message)) return `SNMPv3 user "${user}" is unknown to this agent`
  if (/Wrong Digest|Authentication digest/i.test(message)) return 'SNMPv3 authentication failed: wrong authentication key or protocol'
  if (/Decryption Error|Failed to decrypt/i.test(message)) return 'SNMPv3 decryption failed: wrong privacy key or protocol'
  if (/Unsupported Security Level/i.test(message)) return `SNMPv3 security level not allowed for user "${user}" on this agent`
  if (/time window/i.test(message)) return 'SNMPv3 message outside the time window (agent clock or engine boots)'
  return undefined
}

export async function* sweep(opts: SweepOptions & {onFinish?(stats: SweepStats): void}): AsyncGenerator<SweepResult, void, undefined> {
  const o = {...SWEEP_DEFAULTS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined))} as Required<
    Pick<SweepOptions, keyof typeof SWEEP_DEFAULTS>
  > &
    SweepOptions
  if (o.version === '3' && !o.v3) throw new Error('SNMPv3 needs a user (v3 option)')
  if (!(o.concurrency >= 1)) throw new Error(`concurrency must be ≥ 1, got ${o.concurrency}`)
  const user = o.version === '3' ? toNetSnmpUser(o.v3!) : undefined
  const v1 = o.version === '1'
  const total = opts.total ?? (Array.isArray(opts.hosts) ? opts.hosts.length : opts.hosts instanceof Set ? opts.hosts.size : undefined)
  const template = probeTemplate(o.version, o.community)
  const ids = new IdBand()

  const stop = new AbortController()
  const onAbort = (): void => stop.abort()
  opts.signal?.addEventListener('abort', onAbort, {once: true})
  if (opts.signal?.aborted) stop.abort()

  holdYoungGeneration(true)
  const bucket = new TokenBucket(o.rate, undefined, o.bandwidth)
  let socketError: Error | undefined
  const hub = new SharedUdp(bucket, (err) => {
    socketError ??= err
  })
  const sessions = new Set<snmp.Session>()

  const out: SweepResult[] = []
  let wake: (() => void) | undefined
  const notify = (): void => {
    const w = wake
    wake = undefined
    w?.()
  }
  let sent = 0
  let settled = 0
  let found = 0
  let silent = 0
  let finished = false
  let failure: unknown
  const progress = (): void => {
    try {
      opts.onProgress?.(settled, total, found, sent)
    } catch {
      // a progress printer must not stop the sweep
    }
  }
  const emit = (r: SweepResult | undefined): void => {
    if (r) {
      found++
      out.push(r)
    }
    settled++
    progress()
    notify()
  }

  // ---- phase 2: identify one responder
  const identifyHost = async (p: Responder, objectId: string | undefined): Promise<SweepResult | undefined> => {
    const sessionOpts = {
      port: o.port,
      retries: o.retries,
      timeout: o.timeoutMs,
      transport: p.family,
      dgramModule: hub.module,
      // The manager's own engine ID is never sent (v3 requests carry the agent's); giving one skips a
      // crypto.randomBytes per session.
      engineID: MANAGER_ENGINE_ID,
    }
    const s = user
      ? snmp.createV3Session(p.address, user, {...sessionOpts, version: snmp.Version3})
      : snmp.createSession(p.address, o.community, {...sessionOpts, version: v1 ? snmp.Version1 : snmp.Version2c})
    const st: HostState = {
      warnings: [],
      varbinds: new Map(),
      accepted: 0,
      warned: new Set(),
      pending: new Set(),
      // Only for requests net-snmp lost track of: every try may first wait behind the whole send queue.
      watchdogMs: () => (o.timeoutMs + ((bucket.pending + 2 * o.concurrency) * 1000) / o.rate) * (o.retries + 1) + 1000,
    }
    // net-snmp emits 'error' for a datagram it cannot decode (unhandled, that would throw).
    s.on('error', (err) => warnOnce(st, `malformed answer: ${errText(err)}`))
    const facade = (s as unknown as {dgram: FacadeSocket}).dgram
    facade.on('hostile', (err: unknown) => {
      warnOnce(st, `malformed answer: ${errText(err)}`)
      for (const settle of [...st.pending])
        settle(Object.assign(new Error(`malformed answer: ${errText(err)}`), {name: 'ResponseInvalidError'}))
    })
    let usmReport: string | undefined
    let engineReports = 0 // usmStatsUnknownEngineIDs: the agent telling its engine ID, not an answer
    if (user)
      facade.on('message', (buf: Buffer) => {
        const counter = usmReportCounter(buf)
        if (counter === UNKNOWN_ENGINE_IDS) engineReports++
        usmReport ??= USM_STATS[counter ?? 0]
      })
    sessions.add(s)
    let printer = false
    try {
      try {
        const vendorOids = (id: string | undefined) => (opts.meters ? [...identityOids(id), ...meterOids(id)] : identityOids(id))
        let oids = vendorOids(objectId)
        if (user) {
          // v3: the probe was a discovery message; read the vendor first, then only its OIDs
          await getScalars(s, [SYS_OBJECT_ID, SYS_DESCR], false, st)
          const id = st.varbinds.get(SYS_OBJECT_ID)
          oids = vendorOids(typeof id === 'string' ? id : undefined).filter((x) => x !== SYS_OBJECT_ID && x !== SYS_DESCR)
        }
        await getScalars(s, oids, v1, st)
      } catch (err) {
        if (stop.signal.aborted) return undefined
        const reason = user ? v3Reason(`${usmReport ?? ''} ${errText(err)}`, o.v3!.name) : undefined
        if (reason) warnOnce(st, reason)
        else if (user && isTimeout(err) && st.accepted === 0 && facade.received > 0 && facade.received === engineReports)
          // Net-SNMP's snmpd drops a request it cannot decrypt without a Report (a wrong digest or user
          // gets one): silence right after engine discovery is what a wrong privacy key looks like.
          warnOnce(
            st,
            o.v3!.privKey
              ? 'SNMPv3 decryption failed (the agent went silent once it knew our engine): wrong privacy key or protocol'
              : 'SNMPv3: the agent went silent once it knew our engine (security level or view not allowed for this user?)',
          )
        else if (isTimeout(err) && st.accepted === 0)
          warnOnce(
            st,
            facade.received
              ? `ignored ${facade.received} datagram(s) that did not answer our request (wrong request ID, version or community)`
              : 'answered the probe, then stopped answering',
          )
        else warnOnce(st, `identity GET failed: ${errText(err)}`)
      }
      printer = looksLikePrinter(st.varbinds)
      const id = st.varbinds.get(SYS_OBJECT_ID)
      if ((printer || opts.walkAnyHost) && !stop.signal.aborted) {
        const agentOid = typeof id === 'string' ? id : undefined
        const tables = opts.printerTables ?? printerTables(agentOid)
        await walk(s, opts.meters ? [...tables, PRT_MARKER_POWER_ON_COUNT, ...meterTables(agentOid)] : tables, v1, o.bulkVarbinds, st)
      }
    } catch (err) {
      warnOnce(st, `probe failed: ${errText(err)}`) // never expected; keeps one host from ending the sweep
    } finally {
      sessions.delete(s)
      s.close()
    }
    if (stop.signal.aborted && st.varbinds.size === 0) return undefined
    const result: SweepResult = {address: p.address, varbinds: st.varbinds, printer, warnings: st.warnings}
    if (p.address !== p.host) result.host = p.host
    return result
  }

  const responders: {p: Responder; objectId?: string}[] = []
  let active = 0
  const runWorkers = (): void => {
    while (active < o.concurrency && responders.length > 0 && !stop.signal.aborted) {
      const job = responders.shift()!
      active++
      void identifyHost(job.p, job.objectId)
        .then(emit, () => emit(undefined))
        .finally(() => {
          active--
          runWorkers()
          checkDone()
        })
    }
  }

  // ---- phase 1: probe streams
  const table = new ProbeTable()
  let sentEnd = 0 // table.end − sentEnd addresses are read ahead, not sent yet
  let inFlight = 0 // sent, neither answered nor given up
  const retries = new SeqFifo() // due for another try
  const waiting = new SeqFifo() // sent, by deadline
  const oddities = new Map<string, Oddity>() // address → what it sent that was no answer (bounded)
  let resolving = 0
  let sourceDone = false
  let expiryTimer: NodeJS.Timeout | undefined

  const oddity = (address: string): Oddity | undefined => {
    let x = oddities.get(address)
    if (!x && oddities.size < READ_AHEAD) oddities.set(address, (x = {mismatched: 0}))
    return x
  }
  // One callback for every probe: dgram's send errors carry the address they were for.
  const onProbeSent = (err: Error | null): void => {
    const address = (err as {address?: string} | null)?.address
    if (err && address) {
      const x = oddity(address)
      if (x) x.sendError ??= errText(err)
    }
  }

  const giveUp = (seq: number): void => {
    const address = oddities.size > 0 || opts.onSilent ? table.address(seq) : undefined
    const host = address === undefined ? undefined : table.host(seq)
    table.finish(seq)
    inFlight--
    const odd = address === undefined ? undefined : oddities.get(address)
    if (odd) oddities.delete(address!)
    if (odd && (odd.malformed || odd.mismatched)) {
      const why = odd.malformed
        ? `malformed answer: ${odd.malformed}`
        : `ignored ${odd.mismatched} datagram(s) that did not answer our request (wrong request ID, version or community)`
      emit({address: address!, ...(address === host ? {} : {host}), printer: false, varbinds: new Map(), warnings: [why]})
      return
    }
    silent++
    if (odd?.sendError) opts.onWarning?.(address!, `no answer: ${odd.sendError}`)
    else if (address !== undefined) opts.onSilent?.(address)
    settled++
    progress()
  }

  const expire = (now: number): void => {
    while (waiting.length > 0 && (table.done(waiting.peek()) || table.deadline(waiting.peek()) <= now)) {
      const seq = waiting.shift()
      if (table.done(seq)) continue
      if (table.triesOf(seq) <= o.retries) retries.push(seq)
      else giveUp(seq)
    }
  }

  const scheduleExpiry = (): void => {
    if (expiryTimer || waiting.length === 0 || stop.signal.aborted) return
    expiryTimer = setTimeout(
      () => {
        expiryTimer = undefined
        expire(performance.now())
        bucket.kick()
        scheduleExpiry()
        checkDone()
      },
      Math.max(1, Math.ceil(table.deadline(waiting.peek()) - performance.now())),
    )
  }

  const sendTry = (seq: number): void => {
    table.tried(seq, performance.now() + o.timeoutMs)
    waiting.push(seq)
    hub.sendNow(table.family(seq), probeDatagram(template, ids.id(seq)), o.port, table.address(seq), onProbeSent)
    scheduleExpiry()
  }

  const syncIt = Symbol.iterator in opts.hosts ? (opts.hosts as Iterable<string | number>)[Symbol.iterator]() : undefined
  const asyncIt = syncIt ? undefined : (opts.hosts as AsyncIterable<string | number>)[Symbol.asyncIterator]()
  let pumping = false
  const addResolved = (host: string, address: string): void => {
    const v = isIP(address)
    if (v === 4 && host === address) table.add(ipToInt(address))
    else table.add(v === 4 ? ipToInt(address) : 0, {address, host, v6: v === 6})
  }
  // Reads ahead of the probe stream; synchronous for a sync iterable (READ_AHEAD items, then returns).
  const pump = async (): Promise<void> => {
    if (pumping || sourceDone) return
    pumping = true
    try {
      while (!stop.signal.aborted && table.end - sentEnd + resolving < READ_AHEAD) {
        const r = syncIt ? syncIt.next() : await asyncIt!.next()
        if (r.done) {
          sourceDone = true
          break
        }
        if (typeof r.value === 'number') {
          table.add(r.value >>> 0)
          continue
        }
        const host = String(r.value).trim()
        if (isIP(host)) {
          addResolved(host, host)
          continue
        }
        resolving++
        lookup(host, {family: 4})
          .then(
            (a) => addResolved(host, a.address),
            (err) => {
              opts.onWarning?.(host, `could not resolve: ${(err as {code?: string}).code ?? errText(err)}`)
              settled++
            },
          )
          .finally(() => {
            resolving--
            bucket.kick()
            checkDone()
          })
      }
    } catch (err) {
      failure = err // the host iterable threw
      sourceDone = true
    } finally {
      pumping = false
      setImmediate(() => {
        bucket.kick()
        checkDone()
      })
    }
  }

  bucket.filler = {
    cost: template.bytes.length + HEADER_BYTES.udp4,
    send(): boolean {
      expire(performance.now())
      if (retries.length > 0) {
        const seq = retries.shift()
        if (table.done(seq)) return true // answered meanwhile: costs a token, but never happens twice per address
        sendTry(seq)
        return true
      }
      if (sentEnd < table.end) {
        const seq = sentEnd++
        inFlight++
        sent++
        sendTry(seq)
        if (table.end - sentEnd < READ_AHEAD / 2) void pump()
        return true
      }
      void pump()
      return false
    },
  }

  const identified = new Set<string>() // responders (a repeated address is identified once)
  hub.unrouted = (buf, rinfo) => {
    if (rinfo.port !== o.port) return false
    const r = readProbeReply(buf, o.version, o.community)
    if (r.kind === 'answer') {
      const seq = ids.seq(r.id, table.first)
      if (seq >= 0 && seq < sentEnd && (table.done(seq) || table.address(seq) === rinfo.address)) {
        if (table.done(seq)) return true // a late answer (to a retransmission), or a reused ID: ignored
        const p: Responder = {address: rinfo.address, family: table.family(seq), host: table.host(seq)}
        table.finish(seq)
        inFlight--
        if (identified.has(p.address)) {
          settled++
          return true
        }
        identified.add(p.address)
        oddities.delete(p.address)
        responders.push({objectId: r.objectId, p})
        runWorkers()
        return true
      }
    }
    // Not an answer to a probe in flight: held against the sender in case it never answers.
    const x = oddity(rinfo.address)
    if (!x) return false
    if (r.kind === 'malformed') x.malformed ??= r.why
    else x.mismatched++
    return true
  }

  const checkDone = (): void => {
    if (finished) return
    const phase1Done = stop.signal.aborted || (sourceDone && resolving === 0 && sentEnd >= table.end && inFlight === 0)
    if (!phase1Done || active > 0 || (responders.length > 0 && !stop.signal.aborted)) return
    finished = true
    notify()
  }

  stop.signal.addEventListener('abort', () => {
    bucket.filler = undefined
    clearTimeout(expiryTimer)
    for (const s of sessions) s.close() // cancels their requests: the probes settle at once
    checkDone()
  })

  await pump()
  bucket.kick()
  checkDone()

  try {
    for (;;) {
      if (out.length > 0) {
        yield out.shift()!
        continue
      }
      if (finished) break
      await new Promise<void>((r) => (wake = r))
    }
    if (failure) throw failure
    if (socketError && found === 0 && !stop.signal.aborted) throw socketError
    progress()
  } finally {
    // Also runs when the consumer stops early (break/return): cancel everything still in flight.
    opts.onFinish?.({bytes: hub.bytes, datagrams: hub.datagrams, silent})
    stop.abort()
    opts.signal?.removeEventListener('abort', onAbort)
    clearTimeout(expiryTimer)
    hub.close()
    bucket.stop()
    holdYoungGeneration(false)
  }
}

let sweepsRunning = 0
/**
 * V8 doubles the young generation (up to 2 × 16 MB) each time enough objects have survived scavenges, and
 * identifying hundreds of printers at once makes many short-lived survivors: that growth was a third of a
 * sweep's peak RSS. While sweeps run, the young generation keeps the size it has (the growth factor is the
 * one heap limit V8 reads at run time; the semi-space maximum is fixed at start-up). See docs/decisions.md.
 */
function holdYoungGeneration(hold: boolean): void {
  sweepsRunning += hold ? 1 : -1
  if (sweepsRunning === (hold ? 1 : 0)) v8.setFlagsFromString(`--semi-space-growth-factor=${hold ? 1 : 2}`)
}
