// mDNS / DNS-SD printer discovery (RFC 6762/6763; the service types and TXT keys printers register).
// Everything that arrives from the network is untrusted: the collector validates every field and turns
// anything odd into a warning, so a hostile or broken device can neither crash nor stall a browse.
import {createSocket} from 'node:dgram'
import {isIPv4} from 'node:net'
import {networkInterfaces} from 'node:os'
import {TextDecoder} from 'node:util'
import {decode, type Answer, type Packet, type Question} from 'dns-packet'
import makeMdns from 'multicast-dns'

export const PRINTER_SERVICES = ['_ipp._tcp.local', '_ipps._tcp.local', '_printer._tcp.local', '_pdl-datastream._tcp.local']
export const MDNS_PORT = 5353
export const MDNS_GROUP = '224.0.0.251'

/** The TXT keys we read, named as on the wire (RFC 6763 keys are case-insensitive; these are the usual spellings). */
export interface MdnsTxt {
  ty?: string
  /** Without the surrounding parentheses. */
  product?: string
  usb_MFG?: string
  usb_MDL?: string
  adminurl?: string
  UUID?: string
  note?: string
  pdl?: string[]
  rp?: string
}

export interface MdnsPrinter {
  /** Instance name (of the IPP service when there is one). */
  name: string
  services: string[]
  /** SRV target, e.g. `LXK1A2B3C.local`. */
  host?: string
  addresses: string[]
  /** Port per service type. */
  ports: Record<string, number>
  txt: MdnsTxt
  /** Lower case, without `urn:uuid:`. */
  uuid?: string
}

/** An array of printers that also carries the warnings (garbage packets, unusable records, socket trouble). */
export type MdnsBrowseResult = MdnsPrinter[] & {warnings: string[]}

export interface BrowseOptions {
  /** IPv4 addresses of the interfaces to query on; default: the first IPv4 address of every non-internal interface. */
  interfaces?: string[]
  windowMs?: number
  services?: string[]
  signal?: AbortSignal
  /**
   * 5353 (default): query from the mDNS port and hear multicast answers, as avahi-browse does. 0: one-shot
   * queries from an ephemeral port (RFC 6762 §5.1), answered by unicast; also the fallback when 5353 is taken.
   */
  port?: number
}

const MAX_PACKET = 9000 // RFC 6762 §17: an mDNS message is at most 9000 bytes
const MAX_NAMES = 512 // bounds memory against a flood of invented instances or hosts
const MAX_ADDRESSES = 16
const MAX_WARNINGS = 50
const RETRANSMIT_MS = 1000 // RFC 6762 §5.2: the second query comes at least 1 s after the first

const TXT_KEYS: Record<string, keyof MdnsTxt> = {
  ty: 'ty',
  product: 'product',
  usb_mfg: 'usb_MFG',
  usb_mdl: 'usb_MDL',
  adminurl: 'adminurl',
  uuid: 'UUID',
  note: 'note',
  pdl: 'pdl',
  rp: 'rp',
}
const utf8 = new TextDecoder('utf-8', {fatal: true})
// C0/C1 controls: device strings end up on a terminal, where an escape sequence must not get through.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/** Parses TXT strings (dns-packet gives Buffers); first occurrence of a key wins (RFC 6763 §6.4). */
export function parseTxt(data: unknown, warn: (msg: string) => void): MdnsTxt {
  const txt: MdnsTxt = {}
  const seen = new Set<string>()
  let latin1 = false
  let controls = false
  for (const item of Array.isArray(data) ? data : [data]) {
    const bytes = typeof item === 'string' ? Buffer.from(item) : item instanceof Uint8Array ? Buffer.from(item) : undefined
    if (!bytes) {
      warn('TXT string of the wrong type ignored')
      continue
    }
    let text: string
    try {
      text = utf8.decode(bytes)
    } catch {
      // Some older firmware writes Latin-1; every byte maps, so the value stays readable.
      text = bytes.toString('latin1')
      latin1 = true
    }
    const eq = text.indexOf('=')
    if (eq <= 0) continue // empty string, boolean attribute or missing key: none of ours
    const key = text.slice(0, eq).toLowerCase()
    const field = TXT_KEYS[key]
    if (!field || seen.has(key)) continue
    seen.add(key)
    const value = text.slice(eq + 1).replace(CONTROLS, '')
    if (value.length !== text.length - eq - 1) controls = true
    if (field === 'pdl')
      txt.pdl = value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    else if (field === 'product') txt.product = value.replace(/^\((.*)\)$/, '$1')
    else txt[field] = value
  }
  if (latin1) warn('TXT is not UTF-8; read as Latin-1')
  if (controls) warn('TXT control characters removed')
  return txt
}

interface Instance {
  fullName: string
  service: string
  label: string
  ptrTtl: number
  srv?: {target: string; port: number}
  txt?: MdnsTxt
}

/** Collects records from response packets and assembles printers; exported so tests can feed it crafted packets. */
export class MdnsCollector {
  private readonly services: string[]
  private readonly instances = new Map<string, Instance>() // by lower-case full name
  private readonly hosts = new Map<string, Set<string>>() // lower-case host → IPv4 addresses
  private readonly asked = new Set<string>()
  private readonly warned = new Set<string>()
  private suppressed = 0

  constructor(services: string[] = PRINTER_SERVICES) {
    this.services = services.map((s) => s.toLowerCase().replace(/\.$/, ''))
  }

  get warnings(): string[] {
    return this.suppressed ? [...this.warned, `${this.suppressed} more mDNS warnings suppressed`] : [...this.warned]
  }

  warn(msg: string): void {
    if (this.warned.has(msg)) return
    if (this.warned.size < MAX_WARNINGS) this.warned.add(msg)
    else this.suppressed++
  }

  ingestRaw(buf: Buffer, from = 'unknown'): void {
    if (buf.length > MAX_PACKET) return this.warn(`${from}: ${buf.length}-byte packet is over the 9000-byte mDNS limit; ignored`)
    let packet: Packet
    try {
      packet = decode(buf)
    } catch (e) {
      return this.warn(`${from}: undecodable packet ignored (${message(e)})`)
    }
    this.ingest(packet, from)
  }

  ingest(packet: unknown, from = 'unknown'): void {
    if (!isObj(packet)) return this.warn(`${from}: malformed packet ignored`)
    // Queries (our own echo included) carry only known answers; RFC 6762 §18.3/§18.11: ignore odd opcodes and rcodes.
    if (packet.type !== 'response') return
    if ((packet.opcode ?? 'QUERY') !== 'QUERY' || (packet.rcode ?? 'NOERROR') !== 'NOERROR') return
    const answers = packet.answers ?? []
    const additionals = packet.additionals ?? []
    if (!Array.isArray(answers) || !Array.isArray(additionals)) return this.warn(`${from}: malformed packet ignored`)
    for (const r of [...answers, ...additionals]) this.record(r, from)
  }

  private record(r: unknown, from: string): void {
    if (!isObj(r) || typeof r.name !== 'string' || typeof r.type !== 'string') return this.warn(`${from}: malformed record ignored`)
    const name = r.name.toLowerCase()
    if (r.type === 'PTR') {
      if (!this.services.includes(name)) return // someone else's service
      if (typeof r.data !== 'string') return this.warn(`${from}: PTR ${r.name} without a name ignored`)
      const inst = this.instance(r.data, from)
      if (!inst) return this.warn(`${from}: PTR ${r.name} → ${clean(r.data)} is not an instance of that service; ignored`)
      if (r.ttl === 0)
        this.instances.delete(inst.fullName.toLowerCase()) // goodbye (RFC 6762 §10.1)
      else inst.ptrTtl = typeof r.ttl === 'number' ? r.ttl : 4500
    } else if (r.type === 'SRV') {
      const inst = this.instance(r.name, from)
      if (!inst) return
      const d = r.data
      const port = isObj(d) ? d.port : undefined
      const target = isObj(d) && typeof d.target === 'string' ? clean(d.target).replace(/\.$/, '') : ''
      if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535 || target === '') {
        return this.warn(`${from}: SRV ${clean(r.name)} without a usable target and port; ignored`)
      }
      inst.srv = {target, port}
    } else if (r.type === 'TXT') {
      const inst = this.instance(r.name, from)
      if (inst) inst.txt = parseTxt(r.data, (w) => this.warn(`${from}: ${clean(r.name as string)}: ${w}`))
    } else if (r.type === 'A') {
      if (typeof r.data !== 'string' || !isIPv4(r.data)) return this.warn(`${from}: A ${clean(r.name)} with an invalid address ignored`)
      let set = this.hosts.get(name)
      if (!set) {
        if (this.hosts.size >= MAX_NAMES) return this.warn(`more than ${MAX_NAMES} host names; the rest ignored`)
        this.hosts.set(name, (set = new Set()))
      }
      if (r.ttl !== 0 && set.size < MAX_ADDRESSES) set.add(r.data)
    }
    // Other types (AAAA, NSEC, HINFO …) carry nothing we use.
  }

  /** The instance for a full name under one of our services, created on first sight; undefined for other names. */
  private instance(fullName: string, from: string): Instance | undefined {
    const key = fullName.toLowerCase()
    const known = this.instances.get(key)
    if (known) return known
    // Instance labels may contain dots, so split by the known service suffix, not by dots.
    const service = this.services.find((s) => key.endsWith(`.${s}`) && key.length > s.length + 1)
    if (!service) return undefined
    if (this.instances.size >= MAX_NAMES) {
      this.warn(`${from}: more than ${MAX_NAMES} service instances; the rest ignored`)
      return undefined
    }
    const inst: Instance = {fullName, service, label: clean(fullName.slice(0, -service.length - 1)), ptrTtl: 4500}
    this.instances.set(key, inst)
    return inst
  }

  /** Questions for records that the answers so far lack (RFC 6763 §12 puts them in Additionals, but not always); each asked once. */
  followUps(): Question[] {
    const out: Question[] = []
    const ask = (name: string, type: 'SRV' | 'TXT' | 'A') => {
      const key = `${type} ${name.toLowerCase()}`
      if (this.asked.has(key)) return
      this.asked.add(key)
      out.push({name, type})
    }
    for (const inst of this.instances.values()) {
      if (!inst.srv) ask(inst.fullName, 'SRV')
      if (!inst.txt) ask(inst.fullName, 'TXT')
      if (inst.srv && !this.hosts.has(inst.srv.target.toLowerCase())) ask(inst.srv.target, 'A')
    }
    return out
  }

  /** PTRs already seen, sent with a repeated query so responders skip them (known-answer suppression, RFC 6762 §7.1). */
  knownAnswers(): Answer[] {
    return [...this.instances.values()].map((i) => ({name: i.service, type: 'PTR', ttl: i.ptrTtl, data: i.fullName}))
  }

  printers(): MdnsPrinter[] {
    type Entry = {inst: Instance; keys: string[]; uuid?: string}
    const order = (s: string) => this.services.indexOf(s)
    const entries: Entry[] = [...this.instances.values()]
      .sort((a, b) => order(a.service) - order(b.service))
      .map((inst) => {
        const host = inst.srv?.target.toLowerCase()
        const addresses = host ? [...(this.hosts.get(host) ?? [])] : []
        const uuid = inst.txt?.UUID?.toLowerCase().replace(/^urn:uuid:/, '') || undefined
        return {inst, uuid, keys: [...addresses, ...(host ? [`host:${host}`] : [])]}
      })
    // Merge: same UUID first; an entry without UUID (LPD, raw 9100 usually have no TXT) joins the group that shares
    // its address or host, unless several do (a CUPS server shares many queues from one address): then only by name.
    const groups: Entry[][] = []
    const byUuid = new Map<string, Entry[]>()
    const byKey = new Map<string, Set<Entry[]>>()
    const index = (g: Entry[], e: Entry) => e.keys.forEach((k) => byKey.set(k, (byKey.get(k) ?? new Set()).add(g)))
    for (const e of entries.filter((x) => x.uuid)) {
      let g = byUuid.get(e.uuid as string)
      if (!g) {
        byUuid.set(e.uuid as string, (g = []))
        groups.push(g)
      }
      g.push(e)
      index(g, e)
    }
    for (const e of entries.filter((x) => !x.uuid)) {
      const candidates = [...new Set(e.keys.flatMap((k) => [...(byKey.get(k) ?? [])]))]
      let g = candidates.length === 1 ? candidates[0] : candidates.find((c) => c.some((x) => x.inst.label === e.inst.label))
      if (!g) groups.push((g = []))
      g.push(e)
      index(g, e)
    }
    return groups
      .map((g) => {
        g.sort((a, b) => order(a.inst.service) - order(b.inst.service))
        const p: MdnsPrinter = {name: g[0].inst.label, services: [], addresses: [], ports: {}, txt: {}}
        for (const {inst, uuid, keys} of g) {
          if (!p.services.includes(inst.service)) p.services.push(inst.service)
          if (inst.srv) {
            p.host ??= inst.srv.target
            p.ports[inst.service] ??= inst.srv.port
          }
          for (const k of keys) if (!k.startsWith('host:') && !p.addresses.includes(k)) p.addresses.push(k)
          p.txt = {...inst.txt, ...p.txt}
          p.uuid ??= uuid
        }
        p.addresses.sort(compareIp)
        return p
      })
      .sort((a, b) => compareIp(a.addresses[0] ?? '', b.addresses[0] ?? '') || a.name.localeCompare(b.name))
  }
}

function clean(s: string): string {
  return s.replace(CONTROLS, '')
}

function compareIp(a: string, b: string): number {
  const n = (ip: string) => ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0)
  return a && b ? n(a) - n(b) : a ? -1 : b ? 1 : 0
}

/** The first IPv4 address of every non-internal interface (multicast-dns can join a group once per interface). */
function multicastInterfaces(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => {
    const a = (list ?? []).find((i) => i.family === 'IPv4' && !i.internal)
    return a ? [a.address] : []
  })
}

interface Session {
  send(packet: {questions: Question[]; answers?: Answer[]}): void
  close(): Promise<void>
}

/** Browses for printers during `windowMs` (or until `signal` aborts) and resolves with what answered. Never rejects on network input. */
export async function browse(opts: BrowseOptions = {}): Promise<MdnsBrowseResult> {
  const windowMs = opts.windowMs ?? 1500
  const services = opts.services ?? PRINTER_SERVICES
  const collector = new MdnsCollector(services)
  const result = (): MdnsBrowseResult => Object.assign(collector.printers(), {warnings: collector.warnings})
  const local = new Set(
    Object.values(networkInterfaces()).flatMap((l) => (l ?? []).filter((i) => i.family === 'IPv4').map((i) => i.address)),
  )
  const interfaces: string[] = []
  for (const a of opts.interfaces ?? multicastInterfaces()) {
    if (local.has(a)) interfaces.push(a)
    else collector.warn(`${a} is not an IPv4 address of this host; skipped`)
  }
  if (interfaces.length === 0) collector.warn('no IPv4 interface to browse on')
  if (interfaces.length === 0 || opts.signal?.aborted) return result()

  // One instance per interface: a multicast-dns socket sends on one interface only.
  const sessions = (await Promise.all(interfaces.map((a) => openSession(a, opts.port ?? MDNS_PORT, collector)))).filter(
    (s) => s !== undefined,
  )
  try {
    await new Promise<void>((resolve) => {
      const signal = opts.signal
      const questions = services.map((name): Question => ({name, type: 'PTR'}))
      const timers = [setTimeout(done, windowMs)]
      if (windowMs >= RETRANSMIT_MS + 250) {
        timers.push(setTimeout(() => sessions.forEach((s) => s.send({questions, answers: collector.knownAnswers()})), RETRANSMIT_MS))
      }
      signal?.addEventListener('abort', done, {once: true})
      if (signal?.aborted) return done()
      for (const s of sessions) s.send({questions})

      function done() {
        timers.forEach(clearTimeout)
        signal?.removeEventListener('abort', done)
        resolve()
      }
    })
  } finally {
    await Promise.all(sessions.map((s) => s.close()))
  }
  return result()
}

async function openSession(iface: string, port: number, c: MdnsCollector): Promise<Session | undefined> {
  try {
    return await openOn(iface, port, c)
  } catch (e) {
    if (port === 0) {
      c.warn(`${iface}: ${message(e)}; interface skipped`)
      return undefined
    }
    c.warn(
      `${iface}: cannot listen on UDP ${port} (${message(e)}); one-shot queries instead, which miss printers that answer only by multicast`,
    )
    return openSession(iface, 0, c)
  }
}

function openOn(iface: string, port: number, c: MdnsCollector): Promise<Session> {
  return new Promise((resolve, reject) => {
    // Our own socket, so that each datagram comes with its sender and raw size; multicast-dns binds, joins and sends.
    const socket = createSocket({type: 'udp4', reuseAddr: true})
    // bind 0.0.0.0: bound to the interface address, Linux delivers no multicast to the socket.
    const mdns = makeMdns({socket, interface: iface, bind: '0.0.0.0', port})
    let state: 'opening' | 'open' | 'failed' = 'opening'
    let closing: Promise<void> | undefined
    const close = () => (closing ??= new Promise<void>((r) => mdns.destroy(() => r())))
    mdns.on('error', (err: Error) => {
      if (state === 'opening') {
        state = 'failed'
        void close().then(() => reject(err))
      } else if (state === 'open') c.warn(`${iface}: ${message(err)}`)
    })
    // multicast-dns reports its own decode failures here too; we decode ourselves, so keep only system errors
    // (a failed group join: wrong or missing interface address).
    mdns.on('warning', (err: Error & {code?: string}) => {
      if (err.code) c.warn(`${iface}: ${message(err)}`)
    })
    socket.on('message', (buf, rinfo) => {
      // RFC 6762 §11: responses not sent from port 5353 are not from a conforming responder.
      if (rinfo.port !== MDNS_PORT) return
      try {
        c.ingestRaw(buf, rinfo.address)
        const questions = c.followUps()
        if (questions.length) send({questions})
      } catch (e) {
        c.warn(`${rinfo.address}: packet ignored (${message(e)})`) // last line of defence: a packet never takes down the browse
      }
    })
    const send = (packet: {questions: Question[]; answers?: Answer[]}) => {
      if (closing) return
      // Explicit destination: with port 0 multicast-dns replaces its default destination port by the ephemeral one.
      mdns.query({...packet}, {address: MDNS_GROUP, port: MDNS_PORT}, (err) => {
        if (err) c.warn(`${iface}: send failed (${message(err)})`)
      })
    }
    // Pin the outgoing interface ourselves: multicast-dns sets it only after a successful group join, and
    // without it a query would leave by the default multicast route, i.e. possibly another interface.
    socket.once('listening', () => {
      if (state !== 'opening') return
      try {
        socket.setMulticastInterface(iface)
      } catch (e) {
        state = 'failed'
        return void close().then(() => reject(e))
      }
      state = 'open'
      resolve({send, close})
    })
    if (port === 0) socket.bind(0, '0.0.0.0') // multicast-dns leaves an ephemeral socket unbound until the first send
  })
}
