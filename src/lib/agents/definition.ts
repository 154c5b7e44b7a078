// A Fleet Agent definition as the Create Fleet Agent form holds it (general, discovery criteria, SNMP
// profiles, scheduled tasks, other settings), its rules, and the include criteria a saved discovery gives.
import {readFile, writeFile} from 'node:fs/promises'
import {isDeepStrictEqual} from 'node:util'

import type {DiscoveredPrinter} from '../discovery/index.js'
import {parseTarget, TargetError, type TargetSpec} from '../discovery/index.js'
import {LcsError, readFailure} from '../errors.js'

export type SnmpProfileVersion = 'v1' | 'v2c' | 'v3'

export interface SnmpProfile {
  name: string
  version: SnmpProfileVersion
  /** v1/v2c community name (a secret: never on argv, never printed). */
  community?: string
  /** v3 user and keys (secrets). */
  v3?: {user: string; authProtocol?: 'md5' | 'sha'; authKey?: string; privProtocol?: 'des' | 'aes'; privKey?: string}
  /** "Discovery timeout (seconds)", 1–60. */
  timeoutSec: number
  /** "Number of retries", 0–20. */
  retries: number
}

export interface Criterion {
  /** Same formats as `lcs printers discover`: 10.20.15.27, 10.20.15.*, 10.20.**, 10.20.15.3-10.20.15.34, CIDR, FQDN. */
  address: string
  /** Name of the SNMP profile to use for it. */
  profile: string
}

export const DISCOVERY_INTERVALS = ['none', 'daily', 'weekly', 'monthly'] as const
export const REFRESH_INTERVALS = ['15m', '30m', '1h', '2h', '6h', '12h'] as const
export const REFRESH_MS: Record<(typeof REFRESH_INTERVALS)[number], number> = {
  '12h': 43_200_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '2h': 7_200_000,
  '30m': 1_800_000,
  '6h': 21_600_000,
}
export const LOG_LEVELS = ['summary', 'detailed'] as const
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const

export interface FleetAgentDefinition {
  name: string
  description?: string
  discovery: {
    /** "Search Local Network" or "Advanced Search" (include/exclude criteria). */
    searchType: 'local' | 'advanced'
    include: Criterion[]
    exclude: string[]
    /** "Transfer management of discovered printers that are already enrolled through another agent". */
    transferManagement: boolean
  }
  snmpProfiles: SnmpProfile[]
  schedule: {
    discovery: {
      interval: (typeof DISCOVERY_INTERVALS)[number]
      time?: string
      dayOfWeek?: (typeof DAYS)[number]
      dayOfMonth?: number | 'last'
    }
    refresh: (typeof REFRESH_INTERVALS)[number]
  }
  logLevel: (typeof LOG_LEVELS)[number]
  /** "Network utilization delay (milliseconds)". */
  networkDelayMs: number
}

/** The guide's Default profile (V1, 15 s, 1 retry); it can be edited, never deleted. */
export const DEFAULT_PROFILE: SnmpProfile = {community: 'public', name: 'Default', retries: 1, timeoutSec: 15, version: 'v1'}

/** "The default delay setting is 250 milliseconds. The delay must not be set to zero." */
export const DEFAULT_NETWORK_DELAY_MS = 250

export function newDefinition(name: string): FleetAgentDefinition {
  return {
    discovery: {exclude: [], include: [], searchType: 'local', transferManagement: false},
    logLevel: 'detailed',
    name,
    networkDelayMs: DEFAULT_NETWORK_DELAY_MS,
    schedule: {discovery: {interval: 'weekly', dayOfWeek: 'sunday', time: '13:17'}, refresh: '1h'},
    snmpProfiles: [{...DEFAULT_PROFILE}],
  }
}

export interface Problem {
  field: string
  rule: string
}

const isInt = (v: unknown, lo: number, hi: number) => typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi

/** Every broken rule of a definition (empty: valid). */
export function checkDefinition(d: FleetAgentDefinition): Problem[] {
  const p: Problem[] = []
  const bad = (field: string, rule: string) => p.push({field, rule})
  if (typeof d?.name !== 'string' || !d.name.trim() || d.name.length > 64) bad('name', 'a name of 1–64 characters is required')
  const profiles = Array.isArray(d?.snmpProfiles) ? d.snmpProfiles : []
  if (!profiles.some((x) => x?.name === 'Default')) bad('snmpProfiles', 'the Default profile can be edited but not deleted')
  const names = new Set<string>()
  profiles.forEach((x, i) => {
    const at = `snmpProfiles[${i}]`
    if (typeof x?.name !== 'string' || !x.name.trim()) bad(`${at}.name`, 'a profile name is required')
    else if (names.has(x.name)) bad(`${at}.name`, `profile names are unique ("${x.name}" twice)`)
    names.add(x?.name)
    if (!['v1', 'v2c', 'v3'].includes(x?.version)) bad(`${at}.version`, 'SNMP version must be v1, v2c or v3')
    if (x?.version === 'v3' && !x.v3?.user) bad(`${at}.v3.user`, 'an SNMP v3 profile needs a user')
    if (x?.version !== 'v3' && !x?.community) bad(`${at}.community`, 'an SNMP v1/v2c profile needs a community name')
    if (x?.v3?.authProtocol !== undefined && !['md5', 'sha'].includes(x.v3.authProtocol))
      bad(`${at}.v3.authProtocol`, 'authentication protocol must be md5 or sha')
    if (x?.v3?.privProtocol !== undefined && !['des', 'aes'].includes(x.v3.privProtocol))
      bad(`${at}.v3.privProtocol`, 'privacy protocol must be des or aes')
    if (!isInt(x?.timeoutSec, 1, 60)) bad(`${at}.timeoutSec`, 'Discovery timeout range: 1 - 60 seconds')
    if (!isInt(x?.retries, 0, 20)) bad(`${at}.retries`, 'Number of retries range: 0 - 20 retries')
  })
  const disc = d?.discovery
  if (!disc || !['local', 'advanced'].includes(disc.searchType)) bad('discovery.searchType', 'search type must be local or advanced')
  else {
    if (disc.searchType === 'advanced' && !disc.include?.length) bad('discovery.include', 'Enter at least one "Include" address.')
    ;(disc.include ?? []).forEach((c, i) => {
      const broken = targetRule(c?.address)
      if (broken) bad(`discovery.include[${i}].address`, broken)
      if (!names.has(c?.profile)) bad(`discovery.include[${i}].profile`, `no SNMP profile named "${c?.profile}"`)
    })
    ;(disc.exclude ?? []).forEach((a, i) => {
      const broken = targetRule(a)
      if (broken) bad(`discovery.exclude[${i}]`, broken)
    })
  }
  const s = d?.schedule
  if (!DISCOVERY_INTERVALS.includes(s?.discovery?.interval)) bad('schedule.discovery.interval', `one of ${DISCOVERY_INTERVALS.join(', ')}`)
  else if (s.discovery.interval !== 'none' && !/^([01]\d|2[0-3]):[0-5]\d$/.test(s.discovery.time ?? ''))
    bad('schedule.discovery.time', 'a time of day HH:MM (24 h)')
  if (s?.discovery?.interval === 'weekly' && !DAYS.includes(s.discovery.dayOfWeek!))
    bad('schedule.discovery.dayOfWeek', `one of ${DAYS.join(', ')}`)
  if (s?.discovery?.interval === 'monthly' && s.discovery.dayOfMonth !== 'last' && !isInt(s.discovery.dayOfMonth, 1, 28))
    bad('schedule.discovery.dayOfMonth', 'a day 1–28, or "last"')
  if (!REFRESH_INTERVALS.includes(s?.refresh))
    bad('schedule.refresh', `one of ${REFRESH_INTERVALS.join(', ')} (every 15 minutes … every 12 hours)`)
  if (!LOG_LEVELS.includes(d?.logLevel)) bad('logLevel', 'summary or detailed')
  if (!isInt(d?.networkDelayMs, 1, 60_000)) bad('networkDelayMs', 'a delay of 1–60000 milliseconds (it must not be set to zero)')
  return p
}

function targetRule(address: unknown): string | undefined {
  if (typeof address !== 'string') return 'an address is required'
  try {
    parseTarget(address)
    return undefined
  } catch (error) {
    if (error instanceof TargetError) return `${address}: ${error.rule}`
    throw error
  }
}

/** Throws bad data naming every broken field, prefixed with where the definition came from. */
export function assertDefinition(d: FleetAgentDefinition, source = 'the definition'): FleetAgentDefinition {
  const problems = checkDefinition(d)
  if (problems.length) {
    throw new LcsError('badData', `${source}: ${problems.map((x) => `${x.field}: ${x.rule}`).join('; ')}`, {details: problems})
  }
  return d
}

/** The discovered printers only a Fleet Agent can manage that are not enrolled yet. */
export const fleetAgentOnly = (printers: DiscoveredPrinter[]) => printers.filter((p) => p.agentType === 'fleet' && p.status !== 'enrolled')

/** Include criteria for the saved discovery's "Fleet Agent only" printers, with the given profile. */
export function definitionFromDiscovery(
  name: string,
  printers: DiscoveredPrinter[],
  profile: SnmpProfile = DEFAULT_PROFILE,
): FleetAgentDefinition {
  const fleetOnly = fleetAgentOnly(printers)
  if (fleetOnly.length === 0)
    throw new LcsError('badData', 'The saved discovery has no "Fleet Agent only" printers.', {
      hint: 'Fleet Agents manage third-party and older Lexmark printers; discover a range that holds some.',
    })
  const d = newDefinition(name)
  d.snmpProfiles = profile.name === 'Default' ? [profile] : [{...DEFAULT_PROFILE}, profile]
  d.discovery = {
    exclude: [],
    include: [...new Set(fleetOnly.map((p) => p.address))].map((address) => ({address, profile: profile.name})),
    searchType: 'advanced',
    transferManagement: false,
  }
  return d
}

const MAX_DEFINITION_BYTES = 1024 * 1024

/** Reads an exported definition (the portal's Import); bad JSON names line and column. */
export async function readDefinition(file: string): Promise<FleetAgentDefinition> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw readFailure(file, error)
  })
  if (text.length > MAX_DEFINITION_BYTES) throw new LcsError('badData', `${file}: a definition is at most 1 MiB`)
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    const m = /position (\d+)/.exec((error as Error).message)
    const pos = m ? Number(m[1]) : 0
    const before = text.slice(0, pos).split('\n')
    throw new LcsError('badData', `${file}:${before.length}:${before.at(-1)!.length + 1}: not valid JSON (${(error as Error).message})`)
  }
  return assertDefinition(data as FleetAgentDefinition, file)
}

/** Writes a definition (the portal's Export), 0600: it holds SNMP communities and keys. */
export async function writeDefinition(file: string, d: FleetAgentDefinition): Promise<void> {
  await writeFile(file, JSON.stringify(d, null, 2) + '\n', {mode: 0o600})
}

/** What stands for a secret in listed, shown and exported definitions. */
export const SECRET_SET = '(set)'

/** The definition with its secrets replaced by a marker (what is printed, listed and exported). */
export function redactDefinition(d: FleetAgentDefinition): FleetAgentDefinition {
  return {
    ...d,
    snmpProfiles: d.snmpProfiles.map((x) => ({
      ...x,
      community: x.community === undefined ? undefined : SECRET_SET,
      v3: x.v3 && {...x.v3, authKey: x.v3.authKey && SECRET_SET, privKey: x.v3.privKey && SECRET_SET},
    })),
  }
}

/**
 * Puts back the secrets an exported definition holds as "(set)": each from the same-named profile of the
 * stored definition (an update or re-import keeps them). A placeholder with nothing to keep is a problem.
 */
export function keepSecrets(d: FleetAgentDefinition, stored?: FleetAgentDefinition): {d: FleetAgentDefinition; problems: Problem[]} {
  const problems: Problem[] = []
  if (!Array.isArray(d?.snmpProfiles)) return {d, problems}
  const before = new Map((stored?.snmpProfiles ?? []).map((x) => [x.name, x]))
  const keep = (value: string | undefined, old: string | undefined, field: string) => {
    if (value !== SECRET_SET) return value
    if (old === undefined)
      problems.push({field, rule: `"${SECRET_SET}" stands for a secret this agent does not have yet: write the secret itself`})
    return old
  }
  const snmpProfiles = d.snmpProfiles.map((x, i) => {
    const old = before.get(x?.name)
    const at = `snmpProfiles[${i}]`
    return {
      ...x,
      community: keep(x?.community, old?.community, `${at}.community`),
      v3: x?.v3 && {
        ...x.v3,
        authKey: keep(x.v3.authKey, old?.v3?.authKey, `${at}.v3.authKey`),
        privKey: keep(x.v3.privKey, old?.v3?.privKey, `${at}.v3.privKey`),
      },
    }
  })
  return {d: {...d, snmpProfiles}, problems}
}

const DEFINITION_FIELDS = ['name', 'description', 'discovery', 'snmpProfiles', 'schedule', 'logLevel', 'networkDelayMs'] as const

/**
 * The fields that differ from one definition to the other, as deep as they go ("discovery.transferManagement",
 * "snmpProfiles[Office].timeoutSec"; a profile only one has: "snmpProfiles[Office]"; criteria lists whole:
 * "discovery.include"). Secrets compare by presence only: the cloud shows them as "(set)".
 */
export function definitionChanges(from: FleetAgentDefinition, to: FleetAgentDefinition): string[] {
  const shape = (d: FleetAgentDefinition) => {
    const r = JSON.parse(JSON.stringify(redactDefinition(d))) as Record<string, unknown>
    const byName = Object.fromEntries((r.snmpProfiles as SnmpProfile[]).map((p) => [`[${p.name}]`, p]))
    return Object.fromEntries(DEFINITION_FIELDS.map((f) => [f, f === 'snmpProfiles' ? byName : r[f]]))
  }
  const out: string[] = []
  const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  const walk = (a: unknown, b: unknown, at: string) => {
    if (isDeepStrictEqual(a ?? null, b ?? null)) return
    if (!isMap(a) || !isMap(b)) return void out.push(at)
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
      walk(a[k], b[k], at === '' ? k : k.startsWith('[') ? at + k : `${at}.${k}`)
  }
  walk(shape(from), shape(to), '')
  return out
}

// ---- overlap between agents' criteria ----

type Span = readonly [number, number] | string

function spans(address: string): Span {
  const t: TargetSpec = parseTarget(address)
  switch (t.kind) {
    case 'ipv4':
      return [t.address, t.address]
    case 'range':
      return [t.start, t.end]
    case 'cidr':
      return [t.network, t.network + 2 ** (32 - t.prefix) - 1]
    case 'fqdn':
      return t.name.toLowerCase()
    case 'wildcard': {
      const lo = t.octets.reduce<number>((n, o) => n * 256 + (o === '*' ? 0 : o), 0)
      const hi = t.octets.reduce<number>((n, o) => n * 256 + (o === '*' ? 255 : o), 0)
      // only trailing wildcards are a contiguous block; others are checked by their bounds, which over-warns
      return [lo, hi]
    }
  }
}

function overlaps(a: Span, b: Span): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b
  return a[0] <= b[1] && b[0] <= a[1]
}

/** The guide's note on overlapping criteria, naming both agents. */
export function overlapWarning(name: string, otherName: string, shared: string[]): string {
  return `Discovery criteria of "${name}" overlap those of "${otherName}" (${shared.join(', ')}): overlapping criteria cause printers to switch between Fleet Agents.`
}

/** Include entries of `d` that overlap an include entry of `other` (local search overlaps every local search). */
export function overlapping(d: FleetAgentDefinition, other: FleetAgentDefinition): string[] {
  if (d.discovery.searchType === 'local' && other.discovery.searchType === 'local') return ['local network']
  if (d.discovery.searchType === 'local' || other.discovery.searchType === 'local') return []
  const theirs = other.discovery.include.map((c) => spans(c.address))
  return d.discovery.include.filter((c) => theirs.some((s) => overlaps(spans(c.address), s))).map((c) => c.address)
}

/** Profiles no include criterion uses (Advanced Search; Default, which cannot be deleted, is not named). */
export function unusedProfiles(d: FleetAgentDefinition): string[] {
  if (d.discovery.searchType !== 'advanced') return []
  const used = new Set(d.discovery.include.map((c) => c.profile))
  return d.snmpProfiles.map((p) => p.name).filter((n) => n !== 'Default' && !used.has(n))
}

/** The warning for a profile no criterion uses: it cannot match a printer. */
export function unusedProfileWarning(name: string): string {
  return `SNMP profile "${name}" is used by no include criterion: it matches no printer.`
}

/** The profile the agent uses for one printer's address: that of the first include entry covering it, else Default. */
export function profileFor(d: FleetAgentDefinition, address: string): SnmpProfile {
  const at = spans(address)
  const covering = d.discovery.include.find((c) => {
    const s = spans(c.address)
    if (typeof s === 'string' || typeof at === 'string') return s === at
    return s[0] <= at[0] && at[1] <= s[1]
  })
  const byName = (n: string) => d.snmpProfiles.find((p) => p.name === n)
  return (covering && byName(covering.profile)) ?? byName('Default') ?? d.snmpProfiles[0]
}

/** 001: "You cannot delete or deactivate these agents" (those that enrolled MPS Express printers); undefined: allowed. */
export function mpsAgentRefusal(mpsPrinters: number): string | undefined {
  if (!mpsPrinters) return undefined
  return `it enrolled ${mpsPrinters} MPS Express or MPS Express (Pending) printer(s), and you cannot delete or deactivate agents that have enrolled these printers (contact your Lexmark Customer Operations Specialist)`
}
