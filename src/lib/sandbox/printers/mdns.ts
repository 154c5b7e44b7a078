// mDNS responder that advertises the sandbox's simulated printers the way an IPP printer does
// (PTR → SRV/TXT/A in Additionals, RFC 6762/6763; TXT keys as PWG's ippsample server registers them).
// A printer is left off simply by not passing it.
import {createSocket, type RemoteInfo} from 'node:dgram'
import {BlockList, isIPv4} from 'node:net'
import {networkInterfaces} from 'node:os'
import {encodingLength, type Answer, type Packet} from 'dns-packet'
import makeMdns from 'multicast-dns'
import {MDNS_GROUP, MDNS_PORT, PRINTER_SERVICES} from '../../discovery/index.js'

export interface SimulatedMdnsPrinter {
  /** IPv4 address put in the A record. */
  address: string
  name: string
  model: string
  manufacturer: string
  uuid: string
  adminurl: string
  /** IPP (and IPPS) port; default 631. */
  port?: number
}

export interface MdnsResponderOptions {
  /** IPv4 address of the interface to answer on; only queriers on its subnet get answers. */
  interfaceAddress: string
  printers: SimulatedMdnsPrinter[]
}

export interface MdnsResponder {
  readonly records: Answer[]
  /** The local address the socket listens on: the mDNS group, never a wildcard. */
  readonly listening: string
  /** Sends a goodbye (TTL 0) and closes the socket. */
  close(): Promise<void>
}

const SERVICE_ENUM = '_services._dns-sd._udp.local' // RFC 6763 §9
const TTL_HOST = 120 // RFC 6762 §10: records with a host name
const TTL_OTHER = 4500
const LEGACY_TTL = 10 // RFC 6762 §6.7
const MAX_PAYLOAD = 1400 // keep each answer within an Ethernet MTU; split otherwise (RFC 6762 §17)
const QU_CLASSES = new Set(['UNKNOWN_32769', 'UNKNOWN_33023']) // IN/ANY with the QU bit: dns-packet leaves it in the class

const PORTS: Record<string, (p: SimulatedMdnsPrinter) => number> = {
  '_ipp._tcp.local': (p) => p.port ?? 631,
  '_ipps._tcp.local': (p) => p.port ?? 631,
  '_printer._tcp.local': () => 515,
  '_pdl-datastream._tcp.local': () => 9100,
}

/** All records for the printers. Instance labels lose dots (dns-packet cannot encode a dot inside a label). */
export function printerRecords(printers: SimulatedMdnsPrinter[]): Answer[] {
  const labels = new Set<string>()
  const hosts = new Set<string>()
  const unique = (base: string, used: Set<string>, suffix: (i: number) => string) => {
    let s = base
    for (let i = 2; used.has(s.toLowerCase()); i++) s = `${base.slice(0, 56)}${suffix(i)}`
    used.add(s.toLowerCase())
    return s
  }
  const out: Answer[] = printers.length
    ? PRINTER_SERVICES.map((svc): Answer => ({name: SERVICE_ENUM, type: 'PTR', ttl: TTL_OTHER, data: svc}))
    : []
  for (const p of printers) {
    if (!isIPv4(p.address)) throw new Error(`mDNS printer ${p.name}: ${p.address} is not an IPv4 address`)
    const label = unique(truncate(p.name.replace(/\./g, ' ').trim() || p.model, 63), labels, (i) => ` (${i})`)
    const host = `${unique(truncate(p.name.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'printer', 60), hosts, (i) => `-${i}`)}.local`
    // ippsample's TXT; LPD and raw 9100 get an empty TXT (a single empty string, RFC 6763 §6.1), like most printers.
    const ipp = [
      'txtvers=1',
      'qtotal=1',
      'rp=ipp/print',
      `ty=${p.manufacturer} ${p.model}`,
      `product=(${p.model})`,
      `usb_MFG=${p.manufacturer}`,
      `usb_MDL=${p.model}`,
      `adminurl=${p.adminurl}`,
      'note=',
      'pdl=application/pdf,image/pwg-raster,image/urf',
      `UUID=${p.uuid}`,
    ]
    for (const svc of PRINTER_SERVICES) {
      const inst = `${label}.${svc}`
      const txt = svc === '_ipp._tcp.local' ? ipp : svc === '_ipps._tcp.local' ? [...ipp, 'TLS=1.2'] : ['']
      out.push(
        {name: svc, type: 'PTR', ttl: TTL_OTHER, data: inst},
        {name: inst, type: 'SRV', ttl: TTL_HOST, flush: true, data: {target: host, port: PORTS[svc](p), priority: 0, weight: 0}},
        {name: inst, type: 'TXT', ttl: TTL_OTHER, flush: true, data: txt},
      )
    }
    out.push({name: host, type: 'A', ttl: TTL_HOST, flush: true, data: p.address})
  }
  return out
}

function truncate(s: string, bytes: number): string {
  while (Buffer.byteLength(s) > bytes) s = s.slice(0, -1)
  return s
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()
const dataOf = (r: Answer) => ('data' in r ? r.data : undefined)
const ttlOf = (r: Answer) => ('ttl' in r ? (r.ttl ?? 0) : 0)

/** Answers to the questions, minus those the querier listed as known with at least half the TTL left (RFC 6762 §7.1). */
export function answerQuery(records: Answer[], query: Packet): Answer[] {
  const answers: Answer[] = []
  for (const q of query.questions ?? []) {
    if (q.class !== undefined && q.class !== 'IN' && q.class !== 'ANY' && !QU_CLASSES.has(q.class)) continue
    for (const r of records)
      if (same(r.name, q.name) && ((q.type as string) === 'ANY' || q.type === r.type) && !answers.includes(r)) answers.push(r)
  }
  const known = (query.answers ?? []).filter((k) => k.type === 'PTR')
  return answers.filter((r) => {
    const d = dataOf(r)
    return !known.some((k) => same(k.name, r.name) && typeof d === 'string' && same(String(dataOf(k)), d) && ttlOf(k) >= ttlOf(r) / 2)
  })
}

/** Splits answers into packets of at most MAX_PAYLOAD bytes, each with the Additionals its answers call for (RFC 6763 §12). */
export function responsePackets(records: Answer[], answers: Answer[]): Array<{answers: Answer[]; additionals: Answer[]}> {
  const additionalsFor = (a: Answer): Answer[] => {
    const d = dataOf(a)
    if (ttlOf(a) === 0) return [] // a goodbye carries only the records that go away
    if (a.type === 'PTR' && typeof d === 'string') return records.filter((r) => same(r.name, d)).flatMap((r) => [r, ...additionalsFor(r)])
    if (a.type === 'SRV' && d && typeof d === 'object' && 'target' in d)
      return records.filter((r) => r.type === 'A' && same(r.name, d.target))
    return []
  }
  const packets: Array<{answers: Answer[]; additionals: Answer[]}> = []
  let cur = {answers: [] as Answer[], additionals: [] as Answer[]}
  for (const a of answers) {
    const next = {answers: [...cur.answers, a], additionals: [...cur.additionals]}
    for (const x of additionalsFor(a)) if (!next.additionals.includes(x) && !answers.includes(x)) next.additionals.push(x)
    if (cur.answers.length && encodingLength({type: 'response', ...next}) > MAX_PAYLOAD) {
      packets.push(cur)
      cur = {answers: [a], additionals: additionalsFor(a).filter((x) => !answers.includes(x))}
    } else cur = next
  }
  if (cur.answers.length) packets.push(cur)
  return packets
}

function localSubnet(address: string): BlockList {
  const entry = Object.values(networkInterfaces())
    .flat()
    .find((i) => i?.family === 'IPv4' && i.address === address)
  if (!entry?.cidr) throw new Error(`mDNS responder: ${address} is not an IPv4 address of this host`)
  const list = new BlockList()
  list.addSubnet(address, Number(entry.cidr.split('/')[1]), 'ipv4')
  return list
}

export async function startMdnsResponder(opts: MdnsResponderOptions): Promise<MdnsResponder> {
  const subnet = localSubnet(opts.interfaceAddress)
  const records = printerRecords(opts.printers)
  // Bound to the group address, not 0.0.0.0: the socket gets only mDNS multicast (on the links where a
  // socket joined the group), never unicast sent to any address of this host (bound to the interface
  // address, Linux would deliver no multicast); interface picks the group join and outgoing link.
  const socket = createSocket({type: 'udp4', reuseAddr: true})
  const mdns = makeMdns({socket, interface: opts.interfaceAddress, bind: MDNS_GROUP, port: MDNS_PORT})
  let started = false
  let failed = false
  await new Promise<void>((resolve, reject) => {
    const fail = (err: unknown) => {
      failed = true
      mdns.destroy(() => reject(err))
    }
    // Permanent listeners: multicast-dns can emit a bind error twice, and an unheard 'error' would throw.
    mdns.on('error', (err: Error) => started || fail(err)) // after start only send errors remain; a simulator keeps going
    // A failed group join (e.g. lo without MULTICAST) would leave a responder that hears nothing: refuse to start.
    // Later warnings are undecodable packets from others.
    mdns.on('warning', (err: Error & {code?: string}) => started || !err.code || fail(err))
    mdns.once('ready', () => {
      if (failed) return
      try {
        // Pinned here too: multicast-dns sets it only after a successful group join (else: default multicast route).
        socket.setMulticastInterface(opts.interfaceAddress)
        started = true
        resolve()
      } catch (e) {
        fail(e)
      }
    })
  })

  const timers = new Set<NodeJS.Timeout>()
  const send = (answers: Answer[], dest?: {address: string; port: number}, legacy?: Packet) =>
    new Promise<void>((resolve) => {
      let left = 0
      for (const p of responsePackets(records, answers)) {
        left++
        // Legacy unicast (RFC 6762 §6.7): echo id and questions, no cache-flush bit, TTL at most 10 s.
        const cap = (rs: Answer[]) => (legacy ? rs.map((r) => ({...r, flush: false, ttl: Math.min(ttlOf(r), LEGACY_TTL)})) : rs)
        const packet = {id: legacy?.id, questions: legacy?.questions ?? [], answers: cap(p.answers), additionals: cap(p.additionals)}
        mdns.respond(packet, {address: dest?.address ?? MDNS_GROUP, port: dest?.port ?? MDNS_PORT}, () => {
          if (--left === 0) resolve()
        })
      }
      if (left === 0) resolve()
    })

  mdns.on('query', (query: Packet, rinfo: RemoteInfo) => {
    try {
      // The socket also hears the group on other links where another program joined it; replies would leave by those links.
      if (!subnet.check(rinfo.address)) return
      const answers = answerQuery(records, query)
      if (!answers.length) return
      // A query from a port other than 5353 comes from a one-shot (legacy) resolver: answer it directly.
      if (rinfo.port !== MDNS_PORT) return void send(answers, rinfo, query)
      const dest = query.questions?.some((q) => q.class !== undefined && QU_CLASSES.has(q.class)) ? rinfo : undefined
      // Shared records (PTR) wait 20–120 ms so that many responders do not collide (RFC 6762 §6).
      const delay = answers.some((a) => a.type === 'PTR') ? 20 + Math.random() * 100 : 0
      const t = setTimeout(() => {
        timers.delete(t)
        void send(answers, dest)
      }, delay)
      timers.add(t)
    } catch {
      // a query we cannot answer must not stop the responder
    }
  })

  const ptrs = records.filter((r) => r.type === 'PTR' && r.name !== SERVICE_ENUM)
  void send(ptrs) // announcement (RFC 6762 §8.3), so running browsers see the printers appear
  return {
    listening: socket.address().address,
    records,
    async close() {
      timers.forEach(clearTimeout)
      await send(ptrs.map((r) => ({...r, ttl: 0}))) // goodbye (RFC 6762 §10.1)
      await new Promise<void>((r) => mdns.destroy(() => r()))
    },
  }
}
