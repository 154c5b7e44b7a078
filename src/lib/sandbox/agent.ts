// The simulated Fleet Agent: activates with a code over the sandbox's HTTP API, pulls its definition,
// discovers the simulated printers with the project's discovery library (one sweep per SNMP profile, as
// the real agent matches printers to profiles), and reports what it found, which enrolls them as Fleet
// Agent printers. Repeated on the definition's refresh interval, compressed by the time scale. It reports
// its version on activation and with each report. Tasks queued in the cloud (Discover & Enroll Printers,
// refresh, MIB walk, update to the current version) are taken at the start of a cycle;
// between cycles the agent looks for new ones every few seconds and runs a cycle early when there are.
// The simulated Local Agent: activates with the organization's Local Agent code and reports the USB
// printers of its computer (generated from its host name) every polling interval, which enrolls them.
import {createHash} from 'node:crypto'

import {profileFor, REFRESH_MS, type FleetAgentDefinition, type SnmpProfile} from '../agents/index.js'
import {ROUTES, type FleetAgentTask} from '../cloud/index.js'
import {discover, mibWalk, parseTarget, type DiscoveredPrinter} from '../discovery/index.js'
import {LcsError} from '../errors.js'
import {VERSION_PATTERN} from '../mps/index.js'
import {FLEET_AGENT_VERSION} from './catalog.js'
import type {SandboxState} from './state.js'

export interface AgentRunOptions {
  code: string
  sandbox: SandboxState
  /** The version the agent reports (default: the current one); an update task replaces it. */
  version?: string
  /** One discovery-and-enroll cycle, then return. */
  once?: boolean
  /** Sandbox minutes per real second ÷ 60: 60 makes an hour's refresh run every minute. */
  timeScale?: number
  /** Stop after this long in any case (ms). */
  maxRunMs?: number
  signal?: AbortSignal
  log?: (line: string) => void
}

export interface CycleResult {
  /** Ids of the queued tasks this cycle ran. */
  tasks: string[]
  discovered: number
  enrolled: string[]
  refreshed: string[]
  skipped: Array<{serialNumber: string; reason: string}>
  /** Each profile under which no printer answered: `SNMP profile "X" matched no printer in 10.1.2.0/24`. */
  unmatched: string[]
}

export interface AgentRunResult {
  agentId: string
  name: string
  /** The version it ran last. */
  version: string
  cycles: CycleResult[]
}

const HTTP_TIMEOUT_MS = 15_000
/** How often a waiting agent looks for queued tasks (real time). */
const TASK_POLL_MS = 3000
const MAX_ANSWER = 1024 * 1024

async function post<T>(url: string, body: unknown, token?: string, method = 'POST'): Promise<T> {
  return answer<T>(
    await fetch(url, {
      body: JSON.stringify(body),
      headers: {'Content-Type': 'application/json', ...(token ? {Authorization: `Bearer ${token}`} : {})},
      method,
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    }),
  )
}

async function get<T>(url: string, token: string): Promise<T> {
  return answer<T>(await fetch(url, {headers: {Authorization: `Bearer ${token}`}, signal: AbortSignal.timeout(HTTP_TIMEOUT_MS)}))
}

async function answer<T>(res: Response): Promise<T> {
  const text = await res.text()
  if (text.length > MAX_ANSWER) throw new LcsError('unavailable', 'The sandbox answered more than 1 MiB.')
  const body = (text ? JSON.parse(text) : {}) as T & {error?: {message?: string}; message?: string}
  if (!res.ok) {
    const message = body.error?.message ?? body.message ?? `HTTP ${res.status}`
    throw new LcsError(
      res.status === 404 ? 'notFound' : res.status === 410 ? 'conflict' : res.status === 401 ? 'auth' : 'unavailable',
      message,
    )
  }
  return body
}

/** The include targets of each profile (`where` names them); "Search Local Network" is the simulated printers' block here. */
function sweeps(d: FleetAgentDefinition, s: SandboxState): Array<{profile: SnmpProfile; targets: string[]; where: string}> {
  const profiles = new Map(d.snmpProfiles.map((p) => [p.name, p]))
  if (d.discovery.searchType === 'local') {
    if (s.printers.length === 0) return []
    const local = `${s.printers[0].address}-${s.printers.at(-1)!.address}`
    return d.snmpProfiles.map((profile) => ({profile, targets: [local], where: 'the local network'}))
  }
  const by = new Map<string, string[]>()
  for (const c of d.discovery.include) if (onLoopback(c.address)) by.set(c.profile, [...(by.get(c.profile) ?? []), c.address])
  return [...by].flatMap(([name, targets]) =>
    profiles.has(name) ? [{profile: profiles.get(name)!, targets, where: targets.join(', ')}] : [],
  )
}

/**
 * Whether a criterion lies inside 127.0.0.0/8, where the sandbox's printers are: the simulated agent
 * sends nothing anywhere else (host names would need DNS), whatever a trainee's definition includes.
 */
export function onLoopback(target: string): boolean {
  try {
    const t = parseTarget(target)
    if (t.kind === 'ipv4') return t.address >>> 24 === 127
    if (t.kind === 'cidr') return t.prefix >= 8 && t.network >>> 24 === 127
    if (t.kind === 'range') return t.start >>> 24 === 127 && t.end >>> 24 === 127
    return t.kind === 'wildcard' && t.octets[0] === 127
  } catch {
    return false
  }
}

/** A profile as SNMP options (timeouts capped: the sandbox's printers answer at once or never). */
function snmpOptions(profile: SnmpProfile, port: number | undefined) {
  return {
    community: profile.community,
    port,
    retries: Math.min(profile.retries, 2),
    timeoutMs: Math.min(profile.timeoutSec, 5) * 1000,
    v3: profile.v3 && {
      authKey: profile.v3.authKey,
      authProtocol: profile.v3.authProtocol,
      name: profile.v3.user,
      privKey: profile.v3.privKey,
      privProtocol: profile.v3.privProtocol,
    },
    version: profile.version === 'v1' ? ('1' as const) : profile.version === 'v2c' ? ('2c' as const) : ('3' as const),
  }
}

async function finish(api: string, token: string, task: FleetAgentTask, status: 'succeeded' | 'failed', detail: string, log?: string) {
  await post(api + ROUTES.agentFinishTask.path.replace('{taskId}', encodeURIComponent(task.id)), {detail, log, status}, token, 'PUT')
}

const claim = (api: string, token: string) =>
  post<{tasks: FleetAgentTask[]}>(api + ROUTES.agentClaimTasks.path, {}, token).then((r) => r.tasks)

/** What the agent is between cycles: its token and the version it runs. */
interface Running {
  token: string
  version: string
}

async function cycle(api: string, me: Running, s: SandboxState, opts: AgentRunOptions, tasks: FleetAgentTask[]): Promise<CycleResult> {
  const {token} = me
  for (const t of tasks.filter((x) => x.kind === 'update')) {
    // Update > Fleet Agent: the new version runs from this cycle on
    const from = me.version
    me.version = t.version ?? me.version
    await finish(api, token, t, 'succeeded', from === me.version ? `already at ${me.version}` : `updated from ${from} to ${me.version}`)
    opts.log?.(`updated to ${me.version}`)
  }
  const d = await get<FleetAgentDefinition>(api + ROUTES.agentDefinition.path, token)
  const found = new Map<string, DiscoveredPrinter>()
  const snmpPort = s.printers[0]?.snmpPort
  for (const t of tasks.filter((x) => x.kind === 'mib-walk')) {
    if (!onLoopback(t.address!)) {
      await finish(api, token, t, 'failed', `${t.address} is outside 127.0.0.0/8, where the sandbox's printers are`)
      continue
    }
    const profile = profileFor(d, t.address!)
    const log = await mibWalk(t.address!, {...snmpOptions(profile, snmpPort), signal: opts.signal})
    await finish(api, token, t, 'succeeded', `MIB walk of ${t.address} with profile ${profile.name}`, log.slice(0, 900 * 1024))
    opts.log?.(`MIB walk of ${t.address} uploaded (${log.split('\n').length - 2} lines)`)
  }
  const unmatched: string[] = []
  for (const c of d.discovery.include)
    if (!onLoopback(c.address))
      opts.log?.(`warning: ${c.address} not swept: the simulated agent reaches only the sandbox's printers in 127.0.0.0/8`)
  for (const {profile, targets, where} of sweeps(d, s)) {
    const r = await discover({
      exclude: d.discovery.exclude,
      mdns: false,
      signal: opts.signal,
      targets,
      deadlineMs: 120_000,
      snmp: snmpOptions(profile, snmpPort),
    })
    for (const p of r.printers) if (p.serialNumber && !found.has(p.serialNumber)) found.set(p.serialNumber, p)
    opts.log?.(`profile ${profile.name}: ${r.printers.length} printer(s) on ${targets.join(', ')}`)
    // the portal's "printers not being discovered": a profile that matches no printer is worth a line
    if (r.printers.length === 0) unmatched.push(`SNMP profile "${profile.name}" matched no printer in ${where}`)
  }
  for (const line of unmatched) opts.log?.(`warning: ${line}`)
  const printers = [...found.values()].map((p) => ({
    address: p.address,
    firmware: p.firmware ?? undefined,
    manufacturer: p.vendor ?? 'Unknown',
    modelName: p.model ?? 'Unknown',
    pageCount: p.pageCount,
    serialNumber: p.serialNumber!,
    supplies: p.supplies,
  }))
  const res = await post<Omit<CycleResult, 'discovered' | 'tasks' | 'unmatched'>>(
    api + ROUTES.agentReport.path,
    {printers, unmatched, version: me.version},
    token,
  )
  const summary = [`${printers.length} discovered, ${res.enrolled.length} enrolled, ${res.refreshed.length} refreshed`, ...unmatched].join(
    '; ',
  )
  for (const t of tasks.filter((x) => x.kind === 'discover' || x.kind === 'refresh')) await finish(api, token, t, 'succeeded', summary)
  return {discovered: printers.length, ...res, tasks: tasks.map((t) => t.id), unmatched}
}

/** Activates with the code, then runs cycles until `once`, the signal, or maxRunMs. */
export async function runFleetAgent(opts: AgentRunOptions): Promise<AgentRunResult> {
  const api = opts.sandbox.apiUrl
  const version = opts.version ?? FLEET_AGENT_VERSION
  if (!VERSION_PATTERN.test(version))
    throw new LcsError('usage', `--agent-version: "${version}" is not a version: write it as ${FLEET_AGENT_VERSION}.`)
  const a = await post<{agentId: string; name: string; token: string}>(api + ROUTES.activateFleetAgent.path, {code: opts.code, version})
  const me: Running = {token: a.token, version}
  opts.log?.(`activated as "${a.name}" (${a.agentId}), version ${version}`)
  const started = Date.now()
  const maxRun = opts.maxRunMs ?? 3_600_000
  const cycles: CycleResult[] = []
  let tasks = await claim(api, a.token)
  for (;;) {
    const c = await cycle(api, me, opts.sandbox, opts, tasks)
    cycles.push(c)
    opts.log?.(
      `cycle ${cycles.length}: ${c.discovered} discovered, ${c.enrolled.length} enrolled, ${c.refreshed.length} refreshed, ${c.skipped.length} skipped`,
    )
    if (opts.once || opts.signal?.aborted) break
    const d = await get<FleetAgentDefinition>(api + ROUTES.agentDefinition.path, a.token)
    const due = Date.now() + Math.max(1000, REFRESH_MS[d.schedule.refresh] / (opts.timeScale ?? 60))
    if (due - started > maxRun) break
    tasks = []
    while (Date.now() < due && tasks.length === 0) {
      if (await sleep(Math.min(TASK_POLL_MS, due - Date.now()), opts.signal))
        return {agentId: a.agentId, cycles, name: a.name, version: me.version}
      tasks = await claim(api, a.token)
    }
  }
  return {agentId: a.agentId, cycles, name: a.name, version: me.version}
}

// ---- the simulated Local Agent ----

export interface LocalAgentRunOptions {
  /** The organization's Local Agent activation code. */
  code: string
  sandbox: SandboxState
  /** The computer it runs on. */
  hostname: string
  /** USB-attached printers on that computer. */
  printers: number
  once?: boolean
  timeScale?: number
  maxRunMs?: number
  signal?: AbortSignal
  log?: (line: string) => void
}

export interface LocalAgentRunResult {
  agentId: string
  hostname: string
  /** Reports made (one per polling interval). */
  cycles: number
  enrolled: string[]
  skipped: Array<{serialNumber: string; reason: string}>
}

/** Lexmark models sold for a desk, attached by USB. */
const USB_MODELS = ['B2236dw', 'MS331dn', 'MS431dn', 'MB2236adw', 'C3224dw', 'CS431dw']
/** Pages a USB printer prints between two reports. */
const PAGES_PER_REPORT = 25

/** The computer's printers: the same serials, models and starting page counts for the same host name. */
export function usbPrinters(
  hostname: string,
  n: number,
): Array<{serialNumber: string; manufacturer: string; modelName: string; pageCount: number}> {
  return Array.from({length: n}, (_, i) => {
    const h = createHash('sha256').update(`${hostname.toLowerCase()}\n${i}`).digest()
    const letters = String.fromCharCode(65 + (h[4] % 26), 65 + (h[5] % 26))
    return {
      manufacturer: 'Lexmark',
      modelName: USB_MODELS[h[6] % USB_MODELS.length],
      pageCount: 500 + (h.readUInt32BE(7) % 40_000),
      serialNumber: `7${String(h.readUInt32BE(0) % 10_000).padStart(4, '0')}${letters}${String(h.readUInt32BE(8) % 100_000).padStart(5, '0')}`,
    }
  })
}

/** Activates a Local Agent with the code and reports its USB printers every polling interval (compressed by the time scale). */
export async function runLocalAgent(opts: LocalAgentRunOptions): Promise<LocalAgentRunResult> {
  const api = opts.sandbox.apiUrl
  const a = await post<{id: string; hostname: string; pollingIntervalMin: number; token: string}>(api + ROUTES.activateLocalAgent.path, {
    code: opts.code,
    hostname: opts.hostname,
  })
  opts.log?.(`Local Agent on ${a.hostname} activated (${a.id})`)
  const printers = usbPrinters(opts.hostname, opts.printers)
  const result: LocalAgentRunResult = {agentId: a.id, cycles: 0, enrolled: [], hostname: a.hostname, skipped: []}
  const started = Date.now()
  let polling = a.pollingIntervalMin
  for (;;) {
    const r = await post<{enrolled: string[]; skipped: LocalAgentRunResult['skipped']; pollingIntervalMin: number}>(
      api + ROUTES.localAgentReport.path,
      {printers: printers.map((p) => ({...p, pageCount: p.pageCount + result.cycles * PAGES_PER_REPORT}))},
      a.token,
    )
    result.cycles++
    result.enrolled.push(...r.enrolled)
    result.skipped = r.skipped
    polling = r.pollingIntervalMin
    opts.log?.(`report ${result.cycles}: ${printers.length} printer(s), ${r.enrolled.length} enrolled, ${r.skipped.length} skipped`)
    const due = Date.now() + Math.max(1000, (polling * 60_000) / (opts.timeScale ?? 60))
    if (opts.once || due - started > (opts.maxRunMs ?? 3_600_000) || (await sleep(due - Date.now(), opts.signal))) return result
  }
}

/** Waits; true when the signal aborted the wait. */
function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(true)
  return new Promise<boolean>((resolve) => {
    const t = setTimeout(() => resolve(false), ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t)
        resolve(true)
      },
      {once: true},
    )
  })
}
