// The simulated Fleet Agent: activates with a code over the sandbox's HTTP API, pulls its definition,
// discovers the simulated printers with the project's discovery library (one sweep per SNMP profile, as
// the real agent matches printers to profiles), and reports what it found, which enrolls them as Fleet
// Agent printers. Repeated on the definition's refresh interval, compressed by the time scale.
import {REFRESH_MS, type FleetAgentDefinition, type SnmpProfile} from '../agents/index.js'
import {ROUTES} from '../cloud/index.js'
import {discover, type DiscoveredPrinter} from '../discovery/index.js'
import {LcsError} from '../errors.js'
import type {SandboxState} from './state.js'

export interface AgentRunOptions {
  code: string
  sandbox: SandboxState
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
  discovered: number
  enrolled: string[]
  refreshed: string[]
  skipped: Array<{serialNumber: string; reason: string}>
}

export interface AgentRunResult {
  agentId: string
  name: string
  cycles: CycleResult[]
}

const HTTP_TIMEOUT_MS = 15_000
const MAX_ANSWER = 1024 * 1024

async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  return answer<T>(
    await fetch(url, {
      body: JSON.stringify(body),
      headers: {'Content-Type': 'application/json', ...(token ? {Authorization: `Bearer ${token}`} : {})},
      method: 'POST',
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

/** The include targets of each profile; "Search Local Network" is the simulated printers' block here. */
function sweeps(d: FleetAgentDefinition, s: SandboxState): Array<{profile: SnmpProfile; targets: string[]}> {
  const profiles = new Map(d.snmpProfiles.map((p) => [p.name, p]))
  if (d.discovery.searchType === 'local') {
    if (s.printers.length === 0) return []
    const local = `${s.printers[0].address}-${s.printers.at(-1)!.address}`
    return d.snmpProfiles.map((profile) => ({profile, targets: [local]}))
  }
  const by = new Map<string, string[]>()
  for (const c of d.discovery.include) by.set(c.profile, [...(by.get(c.profile) ?? []), c.address])
  return [...by].flatMap(([name, targets]) => (profiles.has(name) ? [{profile: profiles.get(name)!, targets}] : []))
}

async function cycle(api: string, token: string, s: SandboxState, opts: AgentRunOptions): Promise<CycleResult> {
  const d = await get<FleetAgentDefinition>(api + ROUTES.agentDefinition.path, token)
  const found = new Map<string, DiscoveredPrinter>()
  const snmpPort = s.printers[0]?.snmpPort
  for (const {profile, targets} of sweeps(d, s)) {
    const r = await discover({
      exclude: d.discovery.exclude,
      mdns: false,
      signal: opts.signal,
      targets,
      deadlineMs: 120_000,
      snmp: {
        community: profile.community,
        port: snmpPort,
        retries: Math.min(profile.retries, 2),
        timeoutMs: Math.min(profile.timeoutSec, 5) * 1000,
        v3: profile.v3 && {
          authKey: profile.v3.authKey,
          authProtocol: profile.v3.authProtocol,
          name: profile.v3.user,
          privKey: profile.v3.privKey,
          privProtocol: profile.v3.privProtocol,
        },
        version: profile.version === 'v1' ? '1' : profile.version === 'v2c' ? '2c' : '3',
      },
    })
    for (const p of r.printers) if (p.serialNumber && !found.has(p.serialNumber)) found.set(p.serialNumber, p)
    opts.log?.(`profile ${profile.name}: ${r.printers.length} printer(s) on ${targets.join(', ')}`)
  }
  const printers = [...found.values()].map((p) => ({
    address: p.address,
    firmware: p.firmware ?? undefined,
    manufacturer: p.vendor ?? 'Unknown',
    modelName: p.model ?? 'Unknown',
    pageCount: p.pageCount,
    serialNumber: p.serialNumber!,
    supplies: p.supplies,
  }))
  const res = await post<Omit<CycleResult, 'discovered'>>(api + ROUTES.agentReport.path, {printers}, token)
  return {discovered: printers.length, ...res}
}

/** Activates with the code, then runs cycles until `once`, the signal, or maxRunMs. */
export async function runFleetAgent(opts: AgentRunOptions): Promise<AgentRunResult> {
  const api = opts.sandbox.apiUrl
  const a = await post<{agentId: string; name: string; token: string}>(api + ROUTES.activateFleetAgent.path, {code: opts.code})
  opts.log?.(`activated as "${a.name}" (${a.agentId})`)
  const started = Date.now()
  const maxRun = opts.maxRunMs ?? 3_600_000
  const cycles: CycleResult[] = []
  for (;;) {
    const c = await cycle(api, a.token, opts.sandbox, opts)
    cycles.push(c)
    opts.log?.(
      `cycle ${cycles.length}: ${c.discovered} discovered, ${c.enrolled.length} enrolled, ${c.refreshed.length} refreshed, ${c.skipped.length} skipped`,
    )
    if (opts.once || opts.signal?.aborted) break
    const d = await get<FleetAgentDefinition>(api + ROUTES.agentDefinition.path, a.token)
    const wait = Math.max(1000, REFRESH_MS[d.schedule.refresh] / (opts.timeScale ?? 60))
    if (Date.now() - started + wait > maxRun) break
    const aborted = await new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), wait)
      opts.signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(t)
          resolve(true)
        },
        {once: true},
      )
    })
    if (aborted) break
  }
  return {agentId: a.agentId, cycles, name: a.name}
}
