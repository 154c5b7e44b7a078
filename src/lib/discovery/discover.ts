// Discovery as PET does it: mDNS first (when searching the local network), then an SNMP sweep over
// the targets, identification, classification, and one row per printer (merged by address and serial).
import {classify} from './classify.js'
import {identify, identifyIpp} from './identify.js'
import {getPrinterAttributes} from './ipp.js'
import {browse, type MdnsPrinter} from './mdns.js'
import {sweep, SWEEP_DEFAULTS, type SnmpVersion} from './snmp.js'
import type {SnmpV3User} from './snmp-v3.js'
import {ipToInt, isIPv4, planTargets, readTargetFile, type TargetPlan} from './targets.js'
import type {Identity, Meter, Supply} from './types.js'

export interface DiscoverOptions {
  targets: string[]
  files?: string[]
  exclude?: string[]
  /** Expand the subnets of this machine's interfaces ("search local network"). */
  local?: boolean
  force?: boolean
  /** Browse mDNS; 'only' skips SNMP. */
  mdns?: boolean | 'only'
  mdnsInterfaces?: string[]
  mdnsWindowMs?: number
  snmp?: {
    version?: SnmpVersion
    community?: string
    v3?: SnmpV3User
    port?: number
    timeoutMs?: number
    retries?: number
    rate?: number
    bandwidth?: number
    concurrency?: number
  }
  /**
   * Ask IPP (Get-Printer-Attributes) of the targets that did not answer SNMP. Hosts that mDNS found with an
   * `_ipp._tcp`/`_ipps._tcp` service and no SNMP answer are always asked, at their advertised port.
   */
  ipp?: boolean
  /** Port for `ipp` (default 631). */
  ippPort?: number
  /** Also read every billing meter the printers have (`printers meters`), not only the lifetime count. */
  meters?: boolean
  /** The whole discovery's deadline (PET's "Timeout for printer discovery"); what was found by then is returned. */
  deadlineMs?: number
  /** Serials the cloud already lists (status "enrolled"). */
  enrolledSerials?: Set<string> | Promise<Set<string> | undefined>
  signal?: AbortSignal
  onProgress?: (p: DiscoverProgress) => void
}

export interface DiscoverProgress {
  phase: 'mdns' | 'snmp'
  /** Addresses settled (answered, identified or given up). */
  probed: number
  /** Addresses sent their first probe. */
  sent: number
  total: number
  found: number
}

export interface DiscoveredPrinter {
  address: string
  /** Other addresses that answered with the same serial number (a multi-homed printer, or a copy). */
  otherAddresses?: string[]
  source: 'snmp' | 'mdns' | 'mdns+snmp' | 'ipp' | 'mdns+ipp'
  vendor: string | null
  model: string | null
  serialNumber: string | null
  firmware: string | null
  agentType: 'native' | 'printer' | 'fleet' | null
  status: 'eligible' | 'enrolled' | 'unsupported'
  reason: string
  pageCount: number | null
  pageCountUnit: string | null
  /** Billing meters with their source OIDs (every one with the `meters` option; else the marker counts). */
  meters: Meter[]
  supplies: Supply[]
  sysName: string | null
  location: string | null
  mdnsName: string | null
  adminUrl: string | null
  deviceStatus: string | null
  printerStatus: string | null
  detectedErrors: string[]
  alerts: Identity['alerts']
  clock: string | null
  warnings: string[]
}

/** An address that answered but whose answers could not be used (not counted as a printer). */
export interface UnreadableAddress {
  address: string
  reason: string
}

export interface DiscoverResult {
  printers: DiscoveredPrinter[]
  unreadable: UnreadableAddress[]
  /** Addresses probed over SNMP. */
  probed: number
  /** Addresses that never answered SNMP (nobody there, SNMP off, wrong community or v3 user). */
  silent: number
  /** Set when the discovery ended early: the result holds what was found until then. */
  stopped?: 'deadline' | 'interrupted'
  elapsedMs: number
  warnings: string[]
}

/** Validates every target before anything is sent; throws TargetError naming the token and rule. */
export async function planDiscovery(
  opts: Pick<DiscoverOptions, 'targets' | 'files' | 'exclude' | 'local' | 'force'>,
): Promise<TargetPlan | undefined> {
  const include = [...opts.targets]
  for (const f of opts.files ?? []) include.push(...(await readTargetFile(f)))
  if (include.length === 0 && !opts.local) return undefined
  return planTargets({exclude: opts.exclude, force: opts.force, include, local: opts.local})
}

const nn = <T>(v: T | undefined): T | null => (v === undefined ? null : v)

function fromIdentity(address: string, id: Identity, enrolled?: Set<string>): DiscoveredPrinter {
  const c = classify(id, {enrolledSerials: enrolled})
  return {
    address,
    adminUrl: null,
    agentType: c.agentType,
    alerts: id.alerts,
    clock: nn(id.clock),
    detectedErrors: id.detectedErrors,
    deviceStatus: nn(id.deviceStatus),
    firmware: nn(id.firmware),
    location: nn(id.sysLocation),
    mdnsName: null,
    model: nn(id.model),
    meters: id.meters,
    pageCount: id.pageCount?.value ?? null,
    pageCountUnit: id.pageCount?.unit ?? null,
    printerStatus: nn(id.printerStatus),
    reason: c.reason,
    serialNumber: nn(id.serialNumber),
    source: 'snmp',
    status: c.status,
    supplies: id.supplies,
    sysName: nn(id.sysName),
    vendor: nn(id.vendor),
    warnings: [...id.warnings],
  }
}

function fromMdns(m: MdnsPrinter, address: string): DiscoveredPrinter {
  const vendor = m.txt.usb_MFG ?? m.txt.ty?.split(' ')[0] ?? null
  const model = m.txt.usb_MDL ?? m.txt.product ?? m.txt.ty ?? null
  return {
    address,
    adminUrl: m.txt.adminurl ?? null,
    agentType: null,
    alerts: [],
    clock: null,
    detectedErrors: [],
    deviceStatus: null,
    firmware: null,
    location: m.txt.note ?? null,
    mdnsName: m.name,
    model,
    meters: [],
    pageCount: null,
    pageCountUnit: null,
    printerStatus: null,
    reason: 'Found by mDNS but no SNMP answer: identity and agent support unknown (check that SNMP is on and the community)',
    serialNumber: null,
    source: 'mdns',
    status: 'unsupported',
    supplies: [],
    sysName: m.host ?? null,
    vendor,
    warnings: [],
  }
}

export async function discover(opts: DiscoverOptions): Promise<DiscoverResult> {
  const started = Date.now()
  const plan = await planDiscovery(opts)
  const warnings: string[] = []
  // One signal for Ctrl-C (the caller's) and the whole-discovery deadline.
  const stop = new AbortController()
  let stopped: DiscoverResult['stopped']
  const onAbort = (): void => {
    stopped ??= 'interrupted'
    stop.abort()
  }
  opts.signal?.addEventListener('abort', onAbort, {once: true})
  if (opts.signal?.aborted) onAbort()
  const deadline =
    opts.deadlineMs === undefined
      ? undefined
      : setTimeout(() => {
          stopped ??= 'deadline'
          stop.abort()
        }, opts.deadlineMs)
  try {
    const mdnsMode = opts.mdns ?? false
    let mdnsFound: MdnsPrinter[] = []
    if (mdnsMode && !stop.signal.aborted) {
      opts.onProgress?.({found: 0, phase: 'mdns', probed: 0, sent: 0, total: 0})
      const r = await browse({interfaces: opts.mdnsInterfaces, signal: stop.signal, windowMs: opts.mdnsWindowMs})
      mdnsFound = [...r]
      warnings.push(...r.warnings.map((w) => `mDNS: ${w}`))
    }
    const byAddress = new Map<string, DiscoveredPrinter>()
    const unreadable: UnreadableAddress[] = []
    let probed = 0
    let silent = 0
    const silentAddresses: string[] = []
    // Identified as they come (an identity is far smaller than the varbinds it is read from), classified
    // once the cloud's list (when the caller asks it), which arrives while the network is swept, is there.
    const answered: {address: string; identity: Identity; warnings: string[]}[] = []
    let enrolled: Set<string> | undefined
    const classifyAll = async (): Promise<void> => {
      enrolled = await opts.enrolledSerials
      for (const r of answered.splice(0)) {
        const row = fromIdentity(r.address, r.identity, enrolled)
        row.warnings.unshift(...r.warnings)
        byAddress.set(r.address, row)
      }
    }
    if (mdnsMode !== 'only' && !stop.signal.aborted) {
      // mDNS answers outside the targets are probed too: PET identifies what mDNS found over SNMP.
      const planned = plan ? plan.addresses : []
      const extra = new Set(mdnsFound.flatMap((m) => m.addresses.slice(0, 1)).map((a) => (isIPv4(a) ? ipToInt(a) : a)))
      const hosts = (function* () {
        for (const n of planned) {
          if (extra.size > 0) extra.delete(n) // planned already
          yield n
        }
        yield* extra
      })()
      const total = (plan?.count ?? 0) + extra.size
      const s = {...SWEEP_DEFAULTS, ...Object.fromEntries(Object.entries(opts.snmp ?? {}).filter(([, v]) => v !== undefined))}
      for await (const r of sweep({
        ...s,
        hosts,
        meters: opts.meters,
        onFinish: (stats) => (silent = stats.silent),
        onProgress: (p, _t, found, sent) => {
          probed = p
          opts.onProgress?.({found, phase: 'snmp', probed: p, sent, total})
        },
        onSilent: opts.ipp ? (a) => silentAddresses.length < MAX_IPP_HOSTS && silentAddresses.push(a) : undefined,
        onWarning: (host, message) => warnings.push(`${host}: ${message}`),
        signal: stop.signal,
        total,
      })) {
        if (r.varbinds.size === 0) {
          unreadable.push({address: r.address, reason: r.warnings[0] ?? 'no data'})
          continue
        }
        answered.push({address: r.address, identity: identify(r.varbinds), warnings: r.warnings})
      }
    }
    await classifyAll()
    // IPP for what SNMP could not reach: mDNS-advertised IPP services, and with `ipp` the silent targets.
    const ippHosts = new Map<string, {port: number; tls: boolean; silentTarget?: boolean}>()
    for (const a of silentAddresses) ippHosts.set(a, {port: opts.ippPort ?? 631, silentTarget: true, tls: false})
    if (silent > silentAddresses.length && opts.ipp)
      warnings.push(`IPP: only the first ${MAX_IPP_HOSTS} of ${silent} silent addresses were asked`)
    for (const m of mdnsFound) {
      const a = m.addresses[0]
      const ippPort = m.ports['_ipp._tcp'] ?? m.ports['_ipps._tcp']
      if (a && ippPort && !byAddress.has(a) && !unreadable.some((u) => u.address === a))
        ippHosts.set(a, {port: ippPort, tls: m.ports['_ipp._tcp'] === undefined})
    }
    if (ippHosts.size > 0 && !stop.signal.aborted) {
      const timeoutMs = (opts.snmp?.timeoutMs ?? SWEEP_DEFAULTS.timeoutMs) * ((opts.snmp?.retries ?? SWEEP_DEFAULTS.retries) + 1)
      await eachLimited([...ippHosts], IPP_CONCURRENCY, stop.signal, async ([address, q]) => {
        try {
          const res = await getPrinterAttributes({host: address, port: q.port, signal: stop.signal, timeoutMs, tls: q.tls})
          if (res.status >= 0x0400) {
            unreadable.push({address, reason: `IPP status 0x${res.status.toString(16).padStart(4, '0')}`})
            return
          }
          const row = fromIdentity(address, identifyIpp(res.attributes), enrolled)
          row.source = 'ipp'
          row.warnings.unshift(...res.warnings.map((w) => `IPP: ${w}`))
          byAddress.set(address, row)
        } catch (error) {
          // refused or silent: nobody serves IPP there either; anything else answered but was unusable
          const msg = (error as Error).message
          if (!/connection refused|no complete IPP answer within|ECONNRESET|EHOSTUNREACH|ENETUNREACH/.test(msg) || !q.silentTarget)
            unreadable.push({address, reason: `IPP: ${msg}`})
        }
      })
      silent -= silentAddresses.filter((a) => byAddress.has(a)).length
    }
    for (const m of mdnsFound) {
      const address = m.addresses[0]
      if (!address) continue
      const row = byAddress.get(address)
      if (row) {
        row.source = 'mdns+snmp'
        row.mdnsName = m.name
        row.adminUrl = m.txt.adminurl ?? null
      } else {
        byAddress.set(address, fromMdns(m, address))
      }
    }
    const result: DiscoverResult = {
      elapsedMs: Date.now() - started,
      printers: mergeBySerial([...byAddress.values()]),
      probed,
      silent,
      unreadable,
      warnings,
    }
    if (stopped) result.stopped = stopped
    return result
  } finally {
    clearTimeout(deadline)
    opts.signal?.removeEventListener('abort', onAbort)
  }
}

/** IPP queries at once (TCP connections; each bounded in size and time). */
const IPP_CONCURRENCY = 32
/** Silent targets asked over IPP at most (a /16 of silence is not 65,536 TCP connections). */
const MAX_IPP_HOSTS = 4096

async function eachLimited<T>(items: T[], limit: number, signal: AbortSignal, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length && !signal.aborted) await fn(items[next++])
  }
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker))
}

/** One row per printer: the same serial at several addresses is kept once, with a warning. */
function mergeBySerial(rows: DiscoveredPrinter[]): DiscoveredPrinter[] {
  const bySerial = new Map<string, DiscoveredPrinter>()
  const out: DiscoveredPrinter[] = []
  for (const row of rows.sort((a, b) => ipKey(a.address) - ipKey(b.address))) {
    const key = row.serialNumber?.trim().toUpperCase()
    const first = key ? bySerial.get(key) : undefined
    if (!first) {
      if (key) bySerial.set(key, row)
      out.push(row)
      continue
    }
    first.otherAddresses = [...(first.otherAddresses ?? []), row.address]
    first.warnings.push(
      `Serial ${row.serialNumber} also answered at ${row.address} (a second interface of this printer, or a device reporting a copied serial)`,
    )
  }
  return out
}

function ipKey(a: string): number {
  const p = a.split('.').map(Number)
  return p.length === 4 && p.every((n) => Number.isInteger(n))
    ? ((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3]
    : Number.MAX_SAFE_INTEGER
}
