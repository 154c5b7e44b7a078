// SNMP sweep engine: identify every address with one multi-varbind GET, walk the printer tables of the
// hosts that look like printers, stream the results.
//
// Sockets: a net-snmp Session owns one UDP socket for one target. Instead of one socket per address we
// hand net-snmp a `dgramModule` whose sockets are facades over ONE real UDP socket per address family;
// replies are routed to the facade by their source address:port, and net-snmp then matches request IDs
// as usual. A /16 therefore costs one file descriptor, whatever the concurrency.
//
// Pacing: every datagram (first tries and net-snmp's own retries) goes through one token bucket.
// net-snmp starts a request's timeout only in the send callback, which we call when the datagram
// actually leaves, so queueing never eats into the timeout. Silent addresses cost timeout×(retries+1)
// each, but many run at once (bounded by `concurrency`), so t ≈ packets/rate + timeout×(retries+1).
import dgram from 'node:dgram'
import {lookup} from 'node:dns/promises'
import {EventEmitter} from 'node:events'
import {isIP} from 'node:net'
import {performance} from 'node:perf_hooks'
import snmp from 'net-snmp'
import {HR_DEVICE_PRINTER, HR_DEVICE_TYPE, HR_PRINTER_ENTRY, HP_DEVICE_ID, IDENTIFY_SCALARS, LEXMARK, DELL_LEXMARK, PRINTER_MIB, PRINTER_TABLES} from './oids.js'
import type {SnmpValue} from './types.js'
import {type SnmpV3User, toNetSnmpUser} from './snmp-v3.js'

export type SnmpVersion = '1' | '2c' | '3'

export interface SweepOptions {
  hosts: Iterable<string> | AsyncIterable<string>
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
  /**
   * Datagrams per second over the whole sweep, retries included. Default 1000: a /24 leaves in a quarter
   * second, so a LAN sweep stays timeout-bound (t ≈ N/rate + timeout×(retries+1)), and 254 printers with
   * their table walks (~3.5 datagrams each) take about a second. The identity GET carries ~47 varbinds
   * (≈900 bytes), so the worst case is ≈0.9 MB/s: 7% of 100 Mbit/s, under 1% of gigabit. No agent ever
   * sees more than its own few sequential requests. Lower it on slow links (the Fleet Agent's 250 ms
   * "network utilization" delay is rate 4). A sweep takes max(N × tries / rate, N × timeout × tries /
   * concurrency): a /16 of mostly silent addresses is concurrency-bound at the defaults (≈ 258 s measured);
   * `--concurrency 4096` makes it rate-bound (≈ 134 s), adding `--retries 0` ≈ 71 s.
   */
  rate?: number
  /**
   * Hosts in flight at once. Default 1024: with one shared socket it costs memory, not descriptors; it
   * also keeps the kernel's neighbour table (gc_thresh3 = 1024 by default) from overflowing on an
   * on-link sweep where every silent address is an unresolved ARP entry.
   */
  concurrency?: number
  /** GetBulk max-repetitions budget: varbinds per walk request, shared by the open subtrees. Default 64. */
  bulkVarbinds?: number
  /** Stops pulling hosts and cancels the ones in flight; the iteration then ends without throwing. */
  signal?: AbortSignal
  onProgress?(probed: number, total: number | undefined, found: number): void
  /** Problems that belong to no result (a name that does not resolve). */
  onWarning?(host: string, message: string): void
  /** OIDs for the identity GET / subtrees to walk; defaults from oids.ts. */
  identifyOids?: string[]
  printerTables?: string[]
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

export const SWEEP_DEFAULTS = {port: 161, version: '2c' as SnmpVersion, community: 'public', timeoutMs: 2000, retries: 1, rate: 1000, concurrency: 1024, bulkVarbinds: 64}

/** Longest value kept; a UDP datagram caps it anyway, this keeps hostile agents from bloating results. */
const MAX_VALUE_BYTES = 8192
/** Most varbinds kept per host across all walks. */
const MAX_VARBINDS_PER_HOST = 5000
/** Most walk requests per host (a bounded number of requests is what bounds a host's time). */
const MAX_WALK_REQUESTS = 200
const MANAGER_ENGINE_ID = Buffer.from('8000b98380' + '6c63732d7377656570', 'hex') // net-snmp's PEN + "lcs-sweep"
/** v1 has no noSuchObject: identity OIDs go in chunks so one missing OID only re-sends its chunk. */
const V1_CHUNK = 8

// ------------------------------------------------------------------------------------------------
// Token bucket

export class TokenBucket {
  private tokens: number
  private last = performance.now()
  private queue: (() => void)[] = []
  private head = 0
  private timer: NodeJS.Timeout | undefined
  private stopped = false

  constructor(
    private readonly rate: number,
    private readonly burst = Math.max(1, Math.ceil(rate / 50)), // 20 ms worth: smooth, but timer-granularity proof
  ) {
    if (!(rate > 0)) throw new Error(`rate must be > 0 packets/s, got ${rate}`)
    this.tokens = this.burst
  }

  get pending(): number {
    return this.queue.length - this.head
  }

  enqueue(fn: () => void): void {
    if (this.stopped) return
    this.queue.push(fn)
    this.drain()
  }

  /** Runs what is still queued at once (the callers see their hub closed and fail fast), then refuses more. */
  stop(): void {
    this.stopped = true
    clearTimeout(this.timer)
    this.timer = undefined
    const rest = this.queue.slice(this.head)
    this.queue = []
    this.head = 0
    for (const fn of rest) fn()
  }

  private drain(): void {
    const now = performance.now()
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.rate) / 1000)
    this.last = now
    while (this.tokens >= 1 && this.head < this.queue.length) {
      this.tokens--
      const fn = this.queue[this.head]
      this.queue[this.head++] = noop
      fn()
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head)
      this.head = 0
    }
    if (this.head < this.queue.length && !this.timer && !this.stopped) {
      const wait = Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.rate))
      this.timer = setTimeout(() => {
        this.timer = undefined
        this.drain()
      }, wait)
    }
  }
}

function noop(): void {}

// ------------------------------------------------------------------------------------------------
// One real socket per family, many facades

type SendCb = (error: Error | null, bytes?: number) => void

class FacadeSocket extends EventEmitter {
  key: string | undefined
  /** Datagrams routed to this facade (to tell "silent" from "answers we had to ignore"). */
  received = 0
  closed = false
  constructor(private readonly hub: SharedUdp, readonly family: 'udp4' | 'udp6') {
    super()
  }
  send(buf: Buffer, offset: number, length: number, port: number, address: string, cb?: SendCb): void {
    if (this.closed) {
      cb?.(new Error('socket closed'))
      return
    }
    this.hub.route(this, address, port)
    this.hub.send(this.family, buf.subarray(offset, offset + length), port, address, (err, bytes) => {
      // Closed while the datagram waited for a token: fail it, so net-snmp settles the request instead
      // of registering it on a dead session (or never hearing of it again).
      cb?.(this.closed ? new Error('sweep stopped') : err, bytes)
    }, () => this.closed)
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

class SharedUdp {
  private readonly sockets = new Map<'udp4' | 'udp6', dgram.Socket>()
  private readonly routes = new Map<string, FacadeSocket>()
  private closed = false
  unrouted = 0

  constructor(
    private readonly bucket: TokenBucket,
    private readonly onSocketError: (err: Error) => void,
  ) {}

  /** The `dgramModule` net-snmp is given. */
  readonly module = {createSocket: (type: unknown) => new FacadeSocket(this, (typeof type === 'string' ? type : (type as {type?: string})?.type) === 'udp6' ? 'udp6' : 'udp4')}

  private socket(family: 'udp4' | 'udp6'): dgram.Socket {
    let s = this.sockets.get(family)
    if (!s) {
      // A big receive buffer: hundreds of printers may answer within the same millisecond.
      s = dgram.createSocket({type: family, recvBufferSize: 4 << 20})
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

  send(family: 'udp4' | 'udp6', buf: Buffer, port: number, address: string, cb: SendCb, cancelled: () => boolean): void {
    this.bucket.enqueue(() => {
      if (this.closed || cancelled()) {
        cb(new Error('sweep stopped'))
        return
      }
      try {
        this.socket(family).send(buf, port, address, (err, bytes) => cb(err ?? null, bytes))
      } catch (err) {
        cb(err as Error)
      }
    })
  }

  private deliver(buf: Buffer, rinfo: dgram.RemoteInfo): void {
    const f = this.routes.get(`${rinfo.address}|${rinfo.port}`)
    if (!f) {
      this.unrouted++ // late answer after we gave up, or a stranger: nothing to attribute it to
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
    const timer = setTimeout(() => settle(Object.assign(new Error('no usable answer'), {name: 'RequestTimedOutError'})), st.watchdogMs()).unref()
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

function arcs(oid: string): number[] {
  return oid.replace(/^\./, '').split('.').map(Number)
}

function oidCompare(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i]
  return a.length - b.length
}

function inSubtree(root: string, oid: string): boolean {
  return oid.startsWith(root + '.')
}

/** Does the identity answer describe a printer? (Then, and only then, the printer tables are walked.) */
export function looksLikePrinter(varbinds: ReadonlyMap<string, SnmpValue>): boolean {
  for (const [oid, value] of varbinds) {
    if (inSubtree(PRINTER_MIB, oid) || inSubtree(HR_PRINTER_ENTRY, oid) || inSubtree(LEXMARK, oid) || inSubtree(DELL_LEXMARK, oid) || oid === HP_DEVICE_ID) return true
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

/** The identity GET. v2c/v3: one PDU (split on tooBig/genErr). v1: chunks, dropping what noSuchName names. */
async function identify(s: snmp.Session, oids: string[], v1: boolean, st: HostState): Promise<void> {
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
  const cursors = roots.map((root) => ({root, oid: root, arcs: arcs(root), open: true}))
  for (let n = 0; n < MAX_WALK_REQUESTS; n++) {
    const open = cursors.filter((c) => c.open)
    if (open.length === 0) return
    let columns: (Vb[] | undefined)[]
    try {
      if (v1) columns = (await sessionGet(st, s, open.map((c) => c.oid), true)).map((vb) => [vb])
      else {
        const reps = Math.max(1, Math.floor(budget / open.length))
        columns = (await sessionGetBulk(st, s, open.map((c) => c.oid), reps)).map((x) => (Array.isArray(x) ? x : [x]))
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
        if (!vb || snmp.isVarbindError(vb) || !inSubtree(c.root, vb.oid)) {
          c.open = false
          return
        }
        const a = arcs(vb.oid)
        if (oidCompare(a, c.arcs) <= 0) {
          warnOnce(st, `agent returned OIDs out of order under ${c.root}: walk stopped there`)
          c.open = false
          return
        }
        c.oid = vb.oid
        c.arcs = a
        store(st, vb)
      }
    })
  }
  warnOnce(st, `walk stopped after ${MAX_WALK_REQUESTS} requests`)
}

// ------------------------------------------------------------------------------------------------
// The sweep

export async function* sweep(opts: SweepOptions): AsyncGenerator<SweepResult, void, undefined> {
  const o = {...SWEEP_DEFAULTS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined))} as Required<Pick<SweepOptions, keyof typeof SWEEP_DEFAULTS>> & SweepOptions
  if (o.version === '3' && !o.v3) throw new Error('SNMPv3 needs a user (v3 option)')
  if (!(o.concurrency >= 1)) throw new Error(`concurrency must be ≥ 1, got ${o.concurrency}`)
  const user = o.version === '3' ? toNetSnmpUser(o.v3!) : undefined
  const v1 = o.version === '1'
  const identifyOids = opts.identifyOids ?? IDENTIFY_SCALARS
  const tables = opts.printerTables ?? PRINTER_TABLES
  const total = opts.total ?? (Array.isArray(opts.hosts) ? opts.hosts.length : opts.hosts instanceof Set ? opts.hosts.size : undefined)

  const stop = new AbortController()
  const onAbort = (): void => stop.abort()
  opts.signal?.addEventListener('abort', onAbort, {once: true})
  if (opts.signal?.aborted) stop.abort()

  const bucket = new TokenBucket(o.rate)
  let socketError: Error | undefined
  const hub = new SharedUdp(bucket, (err) => {
    socketError ??= err
  })
  const sessions = new Set<snmp.Session>()
  stop.signal.addEventListener('abort', () => {
    for (const s of sessions) s.close() // cancels their requests: the probes settle at once
  })

  const out: SweepResult[] = []
  let wake: (() => void) | undefined
  const notify = (): void => {
    const w = wake
    wake = undefined
    w?.()
  }
  let probed = 0
  let found = 0
  let finished = false
  let failure: unknown

  const probe = async (host: string): Promise<SweepResult | undefined> => {
    let address = host
    if (!isIP(host)) {
      try {
        address = (await lookup(host, {family: 4})).address
      } catch (err) {
        opts.onWarning?.(host, `could not resolve: ${(err as {code?: string}).code ?? errText(err)}`)
        return undefined
      }
    }
    if (hub.has(address, o.port)) return undefined // the same address twice in flight: the first one answers
    const sessionOpts = {
      port: o.port, retries: o.retries, timeout: o.timeoutMs, transport: (isIP(address) === 6 ? 'udp6' : 'udp4') as 'udp4' | 'udp6', dgramModule: hub.module,
      // The manager's own engine ID is never sent (v3 requests carry the agent's); giving one skips a
      // crypto.randomBytes per session, a tenth of the CPU of a large sweep.
      engineID: MANAGER_ENGINE_ID,
    }
    const s = user ? snmp.createV3Session(address, user, {...sessionOpts, version: snmp.Version3}) : snmp.createSession(address, o.community, {...sessionOpts, version: v1 ? snmp.Version1 : snmp.Version2c})
    const st: HostState = {
      warnings: [], varbinds: new Map(), accepted: 0, warned: new Set(), pending: new Set(),
      // Only for requests net-snmp lost track of: every try may first wait behind the whole send queue.
      watchdogMs: () => (o.timeoutMs + ((bucket.pending + 2 * o.concurrency) * 1000) / o.rate) * (o.retries + 1) + 1000,
    }
    // net-snmp emits 'error' for a datagram it cannot decode (unhandled, that would throw).
    s.on('error', (err) => warnOnce(st, `malformed answer: ${errText(err)}`))
    const facade = (s as unknown as {dgram: FacadeSocket}).dgram
    facade.on('hostile', (err: unknown) => {
      warnOnce(st, `malformed answer: ${errText(err)}`)
      for (const settle of [...st.pending]) settle(Object.assign(new Error(`malformed answer: ${errText(err)}`), {name: 'ResponseInvalidError'}))
    })
    sessions.add(s)
    let printer = false
    try {
      try {
        await identify(s, identifyOids, v1, st)
      } catch (err) {
        if (stop.signal.aborted) return undefined
        if (st.accepted === 0 && facade.received === 0) {
          // Nothing came back: nobody there, or a wrong community (agents stay silent then). A send
          // error (EACCES on a broadcast address, ENETUNREACH) is no answer either, but worth saying.
          if (!isTimeout(err)) opts.onWarning?.(address, `no answer: ${errText(err)}`)
          return undefined
        }
        if (isTimeout(err) && st.accepted === 0) warnOnce(st, `ignored ${facade.received} datagram(s) that did not answer our request (wrong request ID, version or community)`)
        else warnOnce(st, `identity GET failed: ${errText(err)}`)
      }
      printer = looksLikePrinter(st.varbinds)
      if (printer && !stop.signal.aborted) await walk(s, tables, v1, o.bulkVarbinds, st)
    } catch (err) {
      warnOnce(st, `probe failed: ${errText(err)}`) // never expected; keeps one host from ending the sweep
    } finally {
      sessions.delete(s)
      s.close()
    }
    if (stop.signal.aborted && st.varbinds.size === 0) return undefined
    const result: SweepResult = {address, varbinds: st.varbinds, printer, warnings: st.warnings}
    if (address !== host) result.host = host
    return result
  }

  // Producer: pulls hosts while fewer than `concurrency` are in flight.
  let inFlight = 0
  let slotFree: (() => void) | undefined
  const producer = (async () => {
    try {
      for await (const host of opts.hosts) {
        if (stop.signal.aborted) break
        while (inFlight >= o.concurrency && !stop.signal.aborted) await new Promise<void>((r) => (slotFree = r))
        if (stop.signal.aborted) break
        inFlight++
        void probe(String(host).trim())
          .then((r) => {
            if (r) {
              found++
              out.push(r)
            }
          })
          .finally(() => {
            inFlight--
            probed++
            try {
              opts.onProgress?.(probed, total, found)
            } catch {
              // a progress printer must not stop the sweep
            }
            const f = slotFree
            slotFree = undefined
            f?.()
            notify()
          })
      }
      while (inFlight > 0) await new Promise<void>((r) => (slotFree = r))
    } catch (err) {
      failure = err // the host iterable threw
    } finally {
      finished = true
      notify()
    }
  })()

  try {
    for (;;) {
      if (out.length > 0) {
        yield out.shift()!
        continue
      }
      if (finished) break
      await new Promise<void>((r) => (wake = r))
    }
    await producer
    if (failure) throw failure
    if (socketError && found === 0 && !stop.signal.aborted) throw socketError
  } finally {
    // Also runs when the consumer stops early (break/return): cancel everything still in flight.
    stop.abort()
    opts.signal?.removeEventListener('abort', onAbort)
    const f = slotFree
    slotFree = undefined
    f?.()
    hub.close()
    bucket.stop()
  }
}
