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
  type Problem,
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
  /**
   * "name=N,version=v1|v2c|v3,timeout=S,retries=R,user=U,auth=md5|sha,priv=des|aes": adds or edits profile N
   * (its secrets from DefinitionInput); or that entry parsed, with its own secrets (the rollout file's).
   */
  snmpProfiles?: Array<string | ProfileEntry>
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

/** One SNMP profile entry: the keys it changes, and the secrets it sets (unset: the profile keeps its own). */
export type ProfileEntry = ProfileSpec & {community?: string; authKey?: string; privKey?: string}

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

/** The profile after one entry (a new one starts as the guide's Default: 15 s, 1 retry). */
function editProfile(old: SnmpProfile | undefined, spec: ProfileEntry): SnmpProfile {
  const p: SnmpProfile = old ? structuredClone(old) : {name: spec.name!, retries: 1, timeoutSec: 15, version: '' as 'v1'}
  if (spec.version !== undefined) p.version = version(spec.version) as SnmpProfile['version']
  if (spec.timeout !== undefined) p.timeoutSec = num(spec.timeout)
  if (spec.retries !== undefined) p.retries = num(spec.retries)
  if (p.version === 'v3') {
    delete p.community
    p.v3 = {...p.v3, user: spec.user ?? p.v3?.user ?? ''}
    if (spec.auth !== undefined) p.v3.authProtocol = spec.auth.toLowerCase() as 'sha'
    if (spec.priv !== undefined) p.v3.privProtocol = spec.priv.toLowerCase() as 'aes'
    if (spec.authKey) p.v3.authKey = spec.authKey
    if (spec.privKey) p.v3.privKey = spec.privKey
  } else {
    delete p.v3
    if (spec.community) p.community = spec.community
  }
  return p
}

/** Which field of the input set a part of the definition (for a profile: its entry's index and name). */
export interface FieldSource {
  key: keyof DefinitionFields | 'name'
  index?: number
  value?: string
}

/** A broken rule of the edited definition, with the field that set what breaks it (none: the base did). */
export interface FieldProblem extends Problem {
  source?: FieldSource
}

/** Where each part of the definition came from (prefix match on a problem's field). */
type Sources = Array<[field: string, source: FieldSource]>

function applyFields(d: FleetAgentDefinition, f: DefinitionFields, input: DefinitionInput): {sources: Sources; problems: FieldProblem[]} {
  const sources: Sources = []
  const problems: FieldProblem[] = []
  const set = (field: string, source: FieldSource) => sources.push([field, source])
  for (const name of f.deleteSnmpProfiles ?? []) {
    if (!d.snmpProfiles.some((p) => p.name === name))
      throw new LcsError('usage', `--delete-snmp-profile ${name}: this agent has no SNMP profile named "${name}"`)
    d.snmpProfiles = d.snmpProfiles.filter((p) => p.name !== name)
    set('snmpProfiles', {key: 'deleteSnmpProfiles', value: name})
  }
  for (const [index, entry] of (f.snmpProfiles ?? []).entries()) {
    const spec: ProfileEntry =
      typeof entry === 'string'
        ? {...parseProfileSpec(entry), authKey: input.authKey, community: input.community, privKey: input.privKey}
        : entry
    const i = d.snmpProfiles.findIndex((p) => p.name === spec.name)
    const p = editProfile(d.snmpProfiles[i], spec)
    const at = i < 0 ? d.snmpProfiles.push(p) - 1 : i
    d.snmpProfiles[at] = p
    set(`snmpProfiles[${at}]`, {index, key: 'snmpProfiles', value: spec.name})
  }
  if (f.searchLocalNetwork) d.discovery = {...d.discovery, include: [], searchType: 'local'}
  if (f.include) {
    const include = f.include.map((entry) => {
      const at = entry.indexOf('@')
      return at < 0 ? {address: entry, profile: f.profile ?? 'Default'} : {address: entry.slice(0, at), profile: entry.slice(at + 1)}
    })
    d.discovery = {...d.discovery, include, searchType: 'advanced'}
    set('discovery.include', {key: 'include'})
  }
  if (f.exclude) {
    d.discovery = {...d.discovery, exclude: f.exclude}
    set('discovery.exclude', {key: 'exclude'})
  }
  if (f.transferManagement !== undefined) d.discovery = {...d.discovery, transferManagement: f.transferManagement}
  const disc = {...d.schedule.discovery}
  if (f.discoverySchedule !== undefined) {
    disc.interval = f.discoverySchedule.toLowerCase() as typeof disc.interval
    set('schedule.discovery.interval', {key: 'discoverySchedule'})
  }
  if (f.discoveryAt !== undefined) disc.time = f.discoveryAt
  set('schedule.discovery.time', {key: 'discoveryAt'})
  if (f.discoveryDay !== undefined) {
    const day = f.discoveryDay.toLowerCase()
    if (disc.interval === 'weekly') {
      disc.dayOfWeek = day as typeof disc.dayOfWeek
      delete disc.dayOfMonth
    } else if (disc.interval === 'monthly') {
      disc.dayOfMonth = day === 'last' ? 'last' : num(day)
      delete disc.dayOfWeek
    } else
      problems.push({
        field: 'schedule.discovery',
        rule: 'a day is for a weekly or monthly discovery schedule',
        source: {key: 'discoveryDay'},
      })
  }
  set('schedule.discovery.dayOfWeek', {key: 'discoveryDay'})
  set('schedule.discovery.dayOfMonth', {key: 'discoveryDay'})
  d.schedule = {...d.schedule, discovery: disc}
  if (f.refreshEvery !== undefined) {
    d.schedule.refresh = f.refreshEvery.toLowerCase() as typeof d.schedule.refresh
    set('schedule.refresh', {key: 'refreshEvery'})
  }
  if (f.logLevel !== undefined) {
    d.logLevel = f.logLevel.toLowerCase() as typeof d.logLevel
    set('logLevel', {key: 'logLevel'})
  }
  if (f.networkDelay !== undefined) {
    d.networkDelayMs = f.networkDelay
    set('networkDelayMs', {key: 'networkDelay'})
  }
  return {problems, sources}
}

const covers = (field: string, prefix: string) => field === prefix || field.startsWith(prefix + '.') || field.startsWith(prefix + '[')

/** Applies the form's fields to `d` (in place); every broken rule of the result, each with the field that set it. */
export function withFields(d: FleetAgentDefinition, f: DefinitionFields, input: DefinitionInput = {}): FieldProblem[] {
  const {problems, sources} = applyFields(d, f, input)
  sources.push(['name', {key: 'name'}])
  return [...problems, ...checkDefinition(d).map((p) => ({...p, source: sources.find(([field]) => covers(p.field, field))?.[1]}))]
}

const FLAG: Record<FieldSource['key'], string> = {
  deleteSnmpProfiles: '--delete-snmp-profile',
  discoveryAt: '--discovery-at',
  discoveryDay: '--discovery-day',
  discoverySchedule: '--discovery-schedule',
  exclude: '--exclude',
  include: '--include',
  logLevel: '--log-level',
  name: '--name',
  networkDelay: '--network-delay',
  profile: '--include-profile',
  refreshEvery: '--refresh-every',
  searchLocalNetwork: '--search-local-network',
  snmpProfiles: '--snmp-profile',
  transferManagement: '--transfer-management',
}

/** The flag that set a field, with its value when it is one word ("--log-level debug", "--snmp-profile Site 1"). */
function flagLabel(f: DefinitionFields, s: FieldSource): string {
  const given = s.key === 'name' ? undefined : f[s.key]
  const value = s.value ?? (typeof given === 'string' || typeof given === 'number' ? given : undefined)
  return value === undefined ? FLAG[s.key] : `${FLAG[s.key]} ${value}`
}

function edited(d: FleetAgentDefinition, input: DefinitionInput): FleetAgentDefinition {
  if (input.name) d.name = input.name
  if (input.description !== undefined) d.description = input.description
  if (!input.fields) return d
  const fields = input.fields
  const problems = withFields(d, fields, input)
  if (problems.length) {
    const named = problems.map((p) => `${p.source ? flagLabel(fields, p.source) : p.field}: ${p.rule}`)
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
