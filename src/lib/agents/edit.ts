// What `agents fleet create|update` and the rollout file's `agents` section turn into a definition: a
// definition file (the portal's Export: secrets "(set)", kept by the cloud on update), a saved discovery
// (its "Fleet Agent only" printers become include criteria), or neither; then the form's fields one by
// one (flags win over the file), checked with the definition's own rules and named by the flag that set them.
import {readDiscovery} from '../discovery/index.js'
import {LcsError} from '../errors.js'
import {
  checkDefinition,
  DEFAULT_PROFILE,
  definitionFromDiscovery,
  newDefinition,
  readDefinition,
  type FleetAgentDefinition,
  type SnmpProfile,
} from './definition.js'

/** The Create Fleet Agent form's fields as `agents fleet create|update` flags give them (only those set change). */
export interface DefinitionFields {
  searchLocalNetwork?: boolean
  /** "TARGET" or "TARGET@PROFILE"; replaces the include criteria (Advanced Search). */
  include?: string[]
  /** The profile of the include entries without "@PROFILE" (else Default). */
  profile?: string
  /** Replaces the exclude criteria. */
  exclude?: string[]
  transferManagement?: boolean
  /** "name=N,version=v1|v2c|v3,timeout=S,retries=R,user=U,auth=md5|sha,priv=des|aes": adds or edits profile N. */
  snmpProfiles?: string[]
  deleteSnmpProfiles?: string[]
  discoverySchedule?: string
  discoveryAt?: string
  /** A day of the week (weekly) or 1–28 / "last" (monthly). */
  discoveryDay?: string
  refreshEvery?: string
  logLevel?: string
  networkDelay?: number
}

export interface DefinitionInput {
  name?: string
  description?: string
  /** A definition file (JSON), replacing the whole definition. */
  definition?: string
  /** A saved discovery (`printers discover --save`), replacing the discovery criteria. */
  from?: string
  /** The v1/v2c community of --from's Default profile and of the --snmp-profile entries (never on argv). */
  community?: string
  /** SNMPv3 keys of the --snmp-profile entries (never on argv). */
  authKey?: string
  privKey?: string
  fields?: DefinitionFields
}

/** The Default profile a discovery's criteria use: v1 "public", or v2c with the given community. */
function discoveryProfile(community?: string): SnmpProfile {
  return community ? {...DEFAULT_PROFILE, community, version: 'v2c'} : {...DEFAULT_PROFILE}
}

/** A new agent's definition. */
export async function definitionToCreate(input: DefinitionInput): Promise<FleetAgentDefinition> {
  let d: FleetAgentDefinition
  if (input.definition) d = await readDefinition(input.definition)
  else {
    if (!input.name) throw new LcsError('usage', 'A Fleet Agent needs a --name (or a --definition file).')
    d = input.from
      ? definitionFromDiscovery(input.name, await readDiscovery(input.from), discoveryProfile(input.community))
      : newDefinition(input.name)
  }
  return edited(d, input)
}

/** An agent's definition after a partial update (what is not given stays as it is). */
export async function definitionToUpdate(current: FleetAgentDefinition, input: DefinitionInput): Promise<FleetAgentDefinition> {
  let d: FleetAgentDefinition = structuredClone(current)
  if (input.definition) d = await readDefinition(input.definition)
  if (input.from) {
    const found = definitionFromDiscovery(d.name, await readDiscovery(input.from), discoveryProfile(input.community))
    d.discovery = {...found.discovery, transferManagement: d.discovery.transferManagement}
    const profile = found.snmpProfiles.find((p) => p.name === 'Default')!
    // the stored Default keeps its secret ("(set)") unless a community was given
    if (input.community) d.snmpProfiles = d.snmpProfiles.map((p) => (p.name === 'Default' ? profile : p))
  }
  return edited(d, input)
}

const PROFILE_KEYS = ['name', 'version', 'timeout', 'retries', 'user', 'auth', 'priv'] as const
type ProfileSpec = Partial<Record<(typeof PROFILE_KEYS)[number], string>>

/** One --snmp-profile value: comma-separated key=value pairs, a name among them. */
export function parseProfileSpec(spec: string): ProfileSpec {
  const out: ProfileSpec = {}
  for (const part of spec.split(',')) {
    const m = /^\s*([a-z]+)\s*=(.*)$/.exec(part)
    const key = m?.[1] as (typeof PROFILE_KEYS)[number] | undefined
    if (!m || !PROFILE_KEYS.includes(key!))
      throw new LcsError(
        'usage',
        `--snmp-profile "${spec}": "${part.trim()}" is not one of ${PROFILE_KEYS.map((k) => `${k}=…`).join(', ')}`,
        {
          hint: 'Secrets never go on the command line: LCS_SNMP_COMMUNITY or --community-stdin; LCS_SNMP_AUTH_KEY, LCS_SNMP_PRIV_KEY or --v3-keys-stdin.',
        },
      )
    out[key!] = m[2].trim()
  }
  if (!out.name) throw new LcsError('usage', `--snmp-profile "${spec}": name=… is required (name=Default edits the Default profile)`)
  return out
}

/** "1", "2c", "3" as the form's v1, v2c, v3. */
const version = (v: string) => (['1', '2c', '3'].includes(v.toLowerCase()) ? `v${v.toLowerCase()}` : v.toLowerCase())
/** A number, or the text itself so that the definition's rule reports it. */
const num = (v: string) => (/^-?\d+$/.test(v.trim()) ? Number(v) : (v as unknown as number))

/** The profile after one --snmp-profile entry (a new one starts as the guide's Default: 15 s, 1 retry). */
function editProfile(old: SnmpProfile | undefined, spec: ProfileSpec, input: DefinitionInput): SnmpProfile {
  const p: SnmpProfile = old ? structuredClone(old) : {name: spec.name!, retries: 1, timeoutSec: 15, version: '' as 'v1'}
  if (spec.version !== undefined) p.version = version(spec.version) as SnmpProfile['version']
  if (spec.timeout !== undefined) p.timeoutSec = num(spec.timeout)
  if (spec.retries !== undefined) p.retries = num(spec.retries)
  if (p.version === 'v3') {
    delete p.community
    p.v3 = {...p.v3, user: spec.user ?? p.v3?.user ?? ''}
    if (spec.auth !== undefined) p.v3.authProtocol = spec.auth.toLowerCase() as 'sha'
    if (spec.priv !== undefined) p.v3.privProtocol = spec.priv.toLowerCase() as 'aes'
    if (input.authKey) p.v3.authKey = input.authKey
    if (input.privKey) p.v3.privKey = input.privKey
  } else {
    delete p.v3
    if (input.community) p.community = input.community
  }
  return p
}

/** Where a problem came from: the flag that set the field (prefix match on the problem's field). */
type Labels = Array<[field: string, label: string]>

function applyFields(d: FleetAgentDefinition, f: DefinitionFields, input: DefinitionInput): Labels {
  const labels: Labels = []
  const set = (field: string, label: string) => labels.push([field, label])
  for (const name of f.deleteSnmpProfiles ?? []) {
    if (!d.snmpProfiles.some((p) => p.name === name))
      throw new LcsError('usage', `--delete-snmp-profile ${name}: this agent has no SNMP profile named "${name}"`)
    d.snmpProfiles = d.snmpProfiles.filter((p) => p.name !== name)
    set('snmpProfiles', `--delete-snmp-profile ${name}`)
  }
  for (const spec of (f.snmpProfiles ?? []).map(parseProfileSpec)) {
    const i = d.snmpProfiles.findIndex((p) => p.name === spec.name)
    const p = editProfile(d.snmpProfiles[i], spec, input)
    const at = i < 0 ? d.snmpProfiles.push(p) - 1 : i
    d.snmpProfiles[at] = p
    set(`snmpProfiles[${at}]`, `--snmp-profile ${spec.name}`)
  }
  if (f.searchLocalNetwork) d.discovery = {...d.discovery, include: [], searchType: 'local'}
  if (f.include) {
    const include = f.include.map((entry) => {
      const at = entry.indexOf('@')
      return at < 0 ? {address: entry, profile: f.profile ?? 'Default'} : {address: entry.slice(0, at), profile: entry.slice(at + 1)}
    })
    d.discovery = {...d.discovery, include, searchType: 'advanced'}
    set('discovery.include', '--include')
  }
  if (f.exclude) {
    d.discovery = {...d.discovery, exclude: f.exclude}
    set('discovery.exclude', '--exclude')
  }
  if (f.transferManagement !== undefined) d.discovery = {...d.discovery, transferManagement: f.transferManagement}
  const disc = {...d.schedule.discovery}
  if (f.discoverySchedule !== undefined) {
    disc.interval = f.discoverySchedule.toLowerCase() as typeof disc.interval
    set('schedule.discovery.interval', `--discovery-schedule ${f.discoverySchedule}`)
  }
  if (f.discoveryAt !== undefined) disc.time = f.discoveryAt
  set('schedule.discovery.time', f.discoveryAt === undefined ? '--discovery-at' : `--discovery-at ${f.discoveryAt}`)
  if (f.discoveryDay !== undefined) {
    const day = f.discoveryDay.toLowerCase()
    if (disc.interval === 'weekly') {
      disc.dayOfWeek = day as typeof disc.dayOfWeek
      delete disc.dayOfMonth
    } else if (disc.interval === 'monthly') {
      disc.dayOfMonth = day === 'last' ? 'last' : num(day)
      delete disc.dayOfWeek
    } else throw new LcsError('usage', `--discovery-day ${f.discoveryDay}: a day is for a weekly or monthly discovery schedule`)
  }
  const dayLabel = f.discoveryDay === undefined ? '--discovery-day' : `--discovery-day ${f.discoveryDay}`
  set('schedule.discovery.dayOfWeek', dayLabel)
  set('schedule.discovery.dayOfMonth', dayLabel)
  d.schedule = {...d.schedule, discovery: disc}
  if (f.refreshEvery !== undefined) {
    d.schedule.refresh = f.refreshEvery.toLowerCase() as typeof d.schedule.refresh
    set('schedule.refresh', `--refresh-every ${f.refreshEvery}`)
  }
  if (f.logLevel !== undefined) {
    d.logLevel = f.logLevel.toLowerCase() as typeof d.logLevel
    set('logLevel', `--log-level ${f.logLevel}`)
  }
  if (f.networkDelay !== undefined) {
    d.networkDelayMs = f.networkDelay
    set('networkDelayMs', `--network-delay ${f.networkDelay}`)
  }
  return labels
}

const covers = (field: string, prefix: string) => field === prefix || field.startsWith(prefix + '.') || field.startsWith(prefix + '[')

function edited(d: FleetAgentDefinition, input: DefinitionInput): FleetAgentDefinition {
  if (input.name) d.name = input.name
  if (input.description !== undefined) d.description = input.description
  if (!input.fields) return d
  const labels: Labels = [...applyFields(d, input.fields, input), ['name', '--name']]
  const problems = checkDefinition(d)
  if (problems.length) {
    const named = problems.map((p) => `${labels.find(([field]) => covers(p.field, field))?.[1] ?? p.field}: ${p.rule}`)
    // one problem is one line; several are listed under a count, as the policy flags' are
    throw new LcsError('usage', named.length === 1 ? named[0] : `${named.length} problems with the agent's flags:`, {
      details: problems.map((p, i) => ({message: named[i], rule: p.rule})),
      hint: problems.some((p) => /community|v3\.user/.test(p.field))
        ? 'Secrets never go on the command line: LCS_SNMP_COMMUNITY or --community-stdin (v1/v2c); user=… in --snmp-profile (v3).'
        : undefined,
    })
  }
  return d
}
