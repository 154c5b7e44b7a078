// The sandbox's simulated printers: N generated models plus one printer per recording, each a real SNMP
// agent on its own loopback address (127.x.y.z), optionally advertised over mDNS on the loopback.
import {readdir} from 'node:fs/promises'
import {basename, join} from 'node:path'

import {intToIp, parseTarget, type SnmpV3User} from '../discovery/index.js'
import {LcsError} from '../errors.js'
import {startSnmpAgent, type SnmpAgent} from './printers/agent.js'
import {startEws, type AgentCapability, type EwsServer} from './printers/ews.js'
import {startMdnsResponder} from './printers/mdns.js'
import {generateFleet, type GeneratedPrinter} from './printers/models.js'
import {loadSnmprec, type SnmpRecord} from './snmprec.js'

export interface FleetOptions {
  count: number
  /** CIDR inside 127.0.0.0/8. */
  subnet: string
  snmpPort: number
  /** TCP port of each generated printer's web service. */
  ewsPort: number
  recordingsDir?: string
  seed: number
  /** Some printers with another community, v3 only, silent or slow (off: every printer answers "public"). */
  quirks?: boolean
  mdns?: boolean
  log?: (line: string) => void
}

export type Quirk = 'community' | 'v3-only' | 'silent' | 'slow'
/**
 * Web-service quirks: registers after 8 s, never registers, a wrong clock that NTP keeps wrong, or NTP on
 * with a blank server address (a wrong clock nothing keeps: PET sets it).
 */
export type EwsQuirk = 'slow-registration' | 'never-registers' | 'clock-locked' | 'ntp-no-server'

export interface SimulatedPrinter {
  address: string
  snmpPort: number
  community: string | null
  v3User: string | null
  quirk: Quirk | null
  mdns: boolean
  /** The printer web service (generated printers only). */
  ews: {
    port: number
    capability: AgentCapability
    secured: boolean
    ntp: boolean
    ntpServer: string
    clockSkewSec: number
    quirk: EwsQuirk | null
  } | null
  source: 'generated' | 'recording'
  /** Generated model kind, or the recording file. */
  model: string
  kind?: string
  vendor?: string
  serialNumber?: string
  firmware?: string
  recording?: string
}

const CHECK_IN_MS = 60_000

/** Sandbox SNMP credentials for the quirky printers (training values, printed by `sandbox start`). */
export const SANDBOX_COMMUNITY = 'sandbox-private'
export const SANDBOX_V3: SnmpV3User = {
  authKey: 'sandbox-auth-key',
  authProtocol: 'sha',
  name: 'lcs-sandbox',
  privKey: 'sandbox-priv-key',
  privProtocol: 'aes',
}
/** Credentials of the secured printers' web service (one printer in five). */
export const SANDBOX_EWS = {password: 'sandbox-ews', user: 'admin'}

export interface RunningFleet {
  printers: SimulatedPrinter[]
  agents: Map<string, SnmpAgent>
  ews: Map<string, EwsServer>
  /** Starts the Native Agent printers' periodic check-ins with the sandbox cloud (pre-enrollment). */
  connect(cloudUrl: string): void
  /** The generated printer behind each address (the deploy engine updates its firmware). */
  generated: Map<string, GeneratedPrinter>
  close(): Promise<void>
}

function addresses(subnet: string, needed: number): string[] {
  const spec = (() => {
    try {
      return parseTarget(subnet)
    } catch (error) {
      throw new LcsError('usage', `--subnet: ${(error as Error).message}`)
    }
  })()
  if (spec.kind !== 'cidr') throw new LcsError('usage', `--subnet "${subnet}" must be a CIDR block such as 127.20.0.0/24.`)
  const first = spec.network
  const size = 2 ** (32 - spec.prefix)
  if (first >>> 24 !== 127 || spec.prefix < 8)
    throw new LcsError('usage', `--subnet "${subnet}" must lie inside 127.0.0.0/8: simulated printers never bind outside the loopback.`)
  const usable = size > 2 ? size - 2 : size
  if (needed > usable) throw new LcsError('usage', `--subnet "${subnet}" has ${usable} usable addresses; ${needed} printers need more.`)
  return Array.from({length: needed}, (_x, i) => intToIp(first + (size > 2 ? 1 : 0) + i))
}

// Deterministic quirk assignment: about one printer in twelve gets one of a kind (never the first few,
// so a small sandbox stays predictable).
function pickQuirk<T>(index: number, seed: number, salt: number, kinds: T[]): T | null {
  if (index < 4) return null
  const h = (Math.imul(index + 1, 2_654_435_761) ^ seed ^ salt) >>> 0
  return h % 12 === 0 ? kinds[(h >>> 8) % kinds.length] : null
}

const CAPABILITY: Record<string, AgentCapability> = {'lexmark-esf': 'printer', 'lexmark-native': 'native'}

async function recordings(dir: string, log: (line: string) => void): Promise<Array<{file: string; records: SnmpRecord[]}>> {
  let names: string[]
  try {
    names = (await readdir(dir, {recursive: true}))
      .map(String)
      .filter((n) => n.endsWith('.snmprec'))
      .sort()
  } catch {
    throw new LcsError('usage', `--recordings ${dir}: not a readable directory.`)
  }
  const out = []
  for (const n of names) {
    const file = join(dir, n)
    const records = await loadSnmprec(file, (m) => log(`warning: ${m} (line skipped)`))
    out.push({file, records})
  }
  return out
}

export async function startFleet(opts: FleetOptions): Promise<RunningFleet> {
  const log = opts.log ?? (() => {})
  const recs = opts.recordingsDir ? await recordings(opts.recordingsDir, log) : []
  const addrs = addresses(opts.subnet, opts.count + recs.length)
  const generated = generateFleet(opts.count, opts.seed)
  const agents = new Map<string, SnmpAgent>()
  const ews = new Map<string, EwsServer>()
  const generatedByAddress = new Map<string, GeneratedPrinter>()
  const printers: SimulatedPrinter[] = []
  const mdnsEntries: Array<{address: string; name: string; model: string; manufacturer: string; uuid: string; adminurl: string}> = []
  try {
    for (let i = 0; i < addrs.length; i++) {
      const address = addrs[i]
      const g = i < generated.length ? generated[i] : undefined
      const rec = g ? undefined : recs[i - generated.length]
      const quirk = g && opts.quirks ? pickQuirk<Quirk>(i, opts.seed, 0, ['community', 'v3-only', 'silent', 'slow']) : null
      const ewsQuirk =
        g && opts.quirks
          ? pickQuirk<EwsQuirk>(i, opts.seed, 0x5bd1e995, ['slow-registration', 'never-registers', 'clock-locked', 'ntp-no-server'])
          : null
      const agent = await startSnmpAgent({
        address,
        community: quirk === 'community' ? SANDBOX_COMMUNITY : 'public',
        delayMs: quirk === 'slow' ? 400 : 0,
        port: opts.snmpPort,
        records: g ? g.records : rec!.records,
        silent: quirk === 'silent',
        v3Only: quirk === 'v3-only',
        v3User: SANDBOX_V3,
      })
      agents.set(address, agent)
      if (g) generatedByAddress.set(address, g)
      let ewsInfo: SimulatedPrinter['ews'] = null
      if (g) {
        // One printer in five is secured; a clock that is far off has NTP off (PET can fix it), unless the
        // clock-locked quirk keeps NTP on with a wrong time, or ntp-no-server has NTP on with no server.
        const secured = i % 5 === 2
        const skewSec = ewsQuirk === 'clock-locked' || ewsQuirk === 'ntp-no-server' ? 4 * 3600 : g.clockSkewSec
        const ntp = ewsQuirk === 'clock-locked' || ewsQuirk === 'ntp-no-server' || (Math.abs(skewSec) < 300 && i % 3 === 0)
        // no traffic goes to it: the simulated printer only reports the address
        const ntpServer = ntp && ewsQuirk !== 'ntp-no-server' ? 'time.sandbox.invalid' : ''
        const server = await startEws(
          {
            address,
            capability: CAPABILITY[g.kind] ?? 'none',
            clockSkewMs: skewSec * 1000,
            credentials: secured ? {...SANDBOX_EWS} : undefined,
            firmware: g.firmware,
            manufacturer: g.vendor,
            modelName: g.model,
            neverRegisters: ewsQuirk === 'never-registers',
            ntp,
            ntpServer,
            pageCount: g.pageCount,
            registerDelayMs: ewsQuirk === 'slow-registration' ? 8000 : 200 + ((i * 37) % 800),
            serialNumber: g.serial,
          },
          opts.ewsPort,
          log,
        )
        ews.set(address, server)
        ewsInfo = {
          capability: server.printer.capability,
          clockSkewSec: skewSec,
          ntp,
          ntpServer,
          port: opts.ewsPort,
          quirk: ewsQuirk,
          secured,
        }
      }
      // mDNS is switched off for a few printers, as on real networks (and for all recordings: we know
      // nothing of their mDNS names).
      const mdns = Boolean(opts.mdns && g && i % 10 !== 9)
      if (mdns && g) {
        mdnsEntries.push({
          adminurl: `http://${address}/`,
          address,
          manufacturer: g.vendor,
          model: g.model,
          name: `${g.vendor} ${g.model} (${g.serial})`,
          uuid: uuidFor(g.serial),
        })
      }
      printers.push({
        address,
        ews: ewsInfo,
        community: quirk === 'v3-only' ? null : quirk === 'community' ? SANDBOX_COMMUNITY : 'public',
        firmware: g?.firmware,
        kind: g?.kind,
        mdns,
        model: g ? g.model : basename(rec!.file, '.snmprec'),
        quirk,
        recording: rec?.file,
        serialNumber: g?.serial,
        snmpPort: opts.snmpPort,
        source: g ? 'generated' : 'recording',
        v3User: SANDBOX_V3.name,
        vendor: g?.vendor,
      })
    }
  } catch (error) {
    await Promise.all([...agents.values(), ...ews.values()].map((a) => a.close()))
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new LcsError('conflict', `Port ${opts.snmpPort} (UDP) or ${opts.ewsPort} (TCP) is already in use on the sandbox addresses.`, {
        hint: 'Pick another --snmp-port / --ews-port, or stop the other sandbox.',
      })
    }
    throw error
  }
  let responder: {close(): Promise<void>} | undefined
  if (mdnsEntries.length) {
    try {
      responder = await startMdnsResponder({interfaceAddress: '127.0.0.1', printers: mdnsEntries})
    } catch (error) {
      log(`warning: mDNS responder not started (${(error as Error).message}); the loopback needs multicast (ip link set lo multicast on)`)
      for (const p of printers) p.mdns = false
    }
  }
  // Native Agent printers check in with the cloud now and then, as real ones do; a pre-enrolled serial
  // enrolls itself. A minute apart, spread out, so 254 printers cost a few requests a second at most.
  const timers: NodeJS.Timeout[] = []
  return {
    agents,
    async close() {
      for (const t of timers) clearInterval(t)
      await responder?.close()
      await Promise.all([...agents.values(), ...ews.values()].map((a) => a.close()))
    },
    connect(cloudUrl) {
      let k = 0
      for (const server of ews.values()) {
        if (server.printer.capability !== 'native') continue
        const start = setTimeout(
          () => {
            void server.checkIn(cloudUrl)
            const t = setInterval(() => void server.checkIn(cloudUrl), CHECK_IN_MS)
            t.unref()
            timers.push(t)
          },
          (k++ * 997) % CHECK_IN_MS,
        )
        start.unref()
        timers.push(start)
      }
    },
    ews,
    generated: generatedByAddress,
    printers,
  }
}

function uuidFor(serial: string): string {
  const hex = Buffer.from(serial.padEnd(16, '0')).toString('hex').slice(0, 32).padEnd(32, '0')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}
