// The rollout file's `agents` section: Fleet Agent definitions by name, each from a definition file
// (`agents fleet show --export`, edited), a saved discovery (its "Fleet Agent only" printers), or neither
// (Search Local Network), then the Create Fleet Agent form's fields inline, named as the flags of
// `agents fleet create` (inline wins over the file, as flags win over --definition). SNMP secrets never
// live in the rollout file: a profile names the environment variables that hold them. Planned against
// the cloud's definitions — secrets are compared by presence only, as the cloud shows them as "(set)" —
// so a second run is all unchanged; `state: absent` deletes.
import {
  definitionChanges,
  definitionToCreate,
  keepSecrets,
  mpsAgentRefusal,
  overlapping,
  overlapWarning,
  unusedProfiles,
  unusedProfileWarning,
  withFields,
  type DefinitionFields,
  type FieldProblem,
  type FieldSource,
  type FleetAgentDefinition,
  type ProfileEntry,
} from '../agents/index.js'
import type {FleetAgent} from '../cloud/index.js'
import type {Path} from '../deploy/index.js'
import {LcsError} from '../errors.js'
import {registerSecret} from '../redact.js'
import {itemKey, listedTwice, type PlanItem, type RolloutContext, type Section} from './types.js'

/** An SNMP profile entry: the keys of `--snmp-profile`, and the environment variables holding its secrets. */
interface AgentProfileDoc {
  name: string
  version?: string | number
  timeout?: number
  retries?: number
  user?: string
  auth?: string
  priv?: string
  communityEnv?: string
  authKeyEnv?: string
  privKeyEnv?: string
}

export interface AgentDoc {
  name: string
  description?: string
  /** A definition file (JSON), relative to the rollout file. */
  definition?: string
  /** A saved discovery (`lcs printers discover --save`), relative to the rollout file. */
  from?: string
  searchLocalNetwork?: boolean
  /** TARGET or TARGET@PROFILE, as --include. */
  include?: string[]
  includeProfile?: string
  exclude?: string[]
  transferManagement?: boolean
  snmpProfiles?: AgentProfileDoc[]
  discoverySchedule?: string
  discoveryAt?: string
  discoveryDay?: string | number
  refreshEvery?: string
  logLevel?: string
  networkDelay?: number
  state?: 'present' | 'absent'
}

/** After pre-enrollment (6), before resources (10): nothing later depends on agents. */
const AGENTS_PHASE = 7

/** The rollout file's key for each field (the flags' names in camel case). */
const DOC_KEY: Record<FieldSource['key'], keyof AgentDoc> = {
  deleteSnmpProfiles: 'snmpProfiles',
  discoveryAt: 'discoveryAt',
  discoveryDay: 'discoveryDay',
  discoverySchedule: 'discoverySchedule',
  exclude: 'exclude',
  include: 'include',
  logLevel: 'logLevel',
  name: 'name',
  networkDelay: 'networkDelay',
  profile: 'includeProfile',
  refreshEvery: 'refreshEvery',
  searchLocalNetwork: 'searchLocalNetwork',
  snmpProfiles: 'snmpProfiles',
  transferManagement: 'transferManagement',
}

/** A profile's part in the definition → its key in a profile entry. */
const PROFILE_KEY: Record<string, keyof AgentProfileDoc> = {
  community: 'communityEnv',
  name: 'name',
  retries: 'retries',
  timeoutSec: 'timeout',
  'v3.authKey': 'authKeyEnv',
  'v3.authProtocol': 'auth',
  'v3.privKey': 'privKeyEnv',
  'v3.privProtocol': 'priv',
  'v3.user': 'user',
  version: 'version',
}

const text = (v: string | number | undefined) => (v === undefined ? undefined : String(v))

/** The entry's inline fields, its profiles' secrets read from the environment (a variable not set is a problem at its key). */
function inlineFields(ctx: RolloutContext, a: AgentDoc, path: Path): DefinitionFields | undefined {
  let complete = true
  const secret = (p: AgentProfileDoc, j: number, key: 'communityEnv' | 'authKeyEnv' | 'privKeyEnv') => {
    const name = p[key]
    if (name === undefined) return undefined
    const value = process.env[name]
    if (!value) {
      complete = false
      ctx.problem([...path, 'snmpProfiles', j, key], `the environment variable ${name} is not set (it holds this profile's secret)`)
    }
    registerSecret(value)
    return value || undefined
  }
  const snmpProfiles = a.snmpProfiles?.map(
    (p, j): ProfileEntry => ({
      auth: p.auth,
      authKey: secret(p, j, 'authKeyEnv'),
      community: secret(p, j, 'communityEnv'),
      name: p.name,
      priv: p.priv,
      privKey: secret(p, j, 'privKeyEnv'),
      retries: text(p.retries),
      timeout: text(p.timeout),
      user: p.user,
      version: text(p.version),
    }),
  )
  if (!complete) return undefined
  return {
    discoveryAt: a.discoveryAt,
    discoveryDay: text(a.discoveryDay),
    discoverySchedule: a.discoverySchedule,
    exclude: a.exclude,
    include: a.include,
    logLevel: a.logLevel,
    networkDelay: a.networkDelay,
    profile: a.includeProfile,
    refreshEvery: a.refreshEvery,
    searchLocalNetwork: a.searchLocalNetwork,
    snmpProfiles,
    transferManagement: a.transferManagement,
  }
}

/**
 * A profile entry that gives no secret keeps the agent's ("(set)", which the cloud keeps), as an edited
 * profile does with the flags — unless the definition file or discovery already holds that profile.
 */
function keepStoredSecrets(entries: ProfileEntry[] | undefined, d: FleetAgentDefinition, stored: FleetAgentDefinition): void {
  for (const e of entries ?? []) {
    const old = stored.snmpProfiles.find((p) => p.name === e.name)
    if (!old || d.snmpProfiles.some((p) => p.name === e.name)) continue
    e.community ??= old.community
    e.authKey ??= old.v3?.authKey
    e.privKey ??= old.v3?.privKey
  }
}

/** Where in the file a broken rule was set: the inline key (the profile entry's own key, the criterion), else the entry. */
function problemPath(a: AgentDoc, path: Path, p: FieldProblem): {at: Path; message: string} {
  const key = p.source && DOC_KEY[p.source.key]
  if (!key || a[key] === undefined) return {at: path, message: `${p.field}: ${p.rule}`}
  const at: Path = [...path, key]
  if (key === 'snmpProfiles' && p.source!.index !== undefined) {
    const entry = a.snmpProfiles![p.source!.index]
    const part = PROFILE_KEY[p.field.replace(/^snmpProfiles\[\d+\]\.?/, '')]
    at.push(p.source!.index, ...(part && entry[part] !== undefined ? [part] : []))
  }
  const criterion = /^discovery\.(?:include|exclude)\[(\d+)\]/.exec(p.field)
  if (criterion && (key === 'include' || key === 'exclude')) at.push(Number(criterion[1]))
  return {at, message: p.rule}
}

export const agentsSection: Section = {
  key: 'agents',
  async plan(ctx) {
    const list = (ctx.doc.agents ?? []) as AgentDoc[]
    listedTwice(
      ctx,
      'agents',
      list.map((a) => a.name),
      'name',
    )
    const cloud: FleetAgent[] = []
    if (ctx.orgId && list.length) for await (const a of ctx.client.fleetAgents.list(ctx.orgId)) cloud.push(a)
    const community = process.env.LCS_SNMP_COMMUNITY || undefined
    const wanted: Array<{i: number; d: FleetAgentDefinition}> = []
    const items: PlanItem[] = []
    for (const [i, a] of list.entries()) {
      const path = ['agents', i]
      const existing = cloud.find((x) => x.name.toLowerCase() === a.name.toLowerCase())
      const base = {kind: 'fleet agent', name: a.name, path, phase: AGENTS_PHASE}
      if (a.state === 'absent') {
        if (!existing) items.push({...base, action: 'unchanged', detail: 'absent'})
        else {
          const refusal = mpsAgentRefusal(existing.mpsPrinters)
          if (refusal) ctx.problem([...path, 'state'], `Fleet Agent "${existing.name}" cannot be deleted: ${refusal}`)
          items.push({
            ...base,
            action: 'delete',
            detail: `unenrolls its ${existing.printers} printer(s); cannot be undone`,
            run: (c) => c.client.fleetAgents.delete(c.orgId!, existing.id),
          })
        }
        continue
      }
      let d: FleetAgentDefinition
      try {
        d = await definitionToCreate({
          community,
          definition: a.definition && ctx.resolveFile(a.definition),
          description: a.description,
          from: a.from && ctx.resolveFile(a.from),
          name: a.name,
        })
      } catch (error) {
        if (!(error instanceof LcsError)) throw error
        ctx.problem([...path, a.definition ? 'definition' : a.from ? 'from' : 'name'], error.message)
        continue
      }
      d.name = a.name
      const fields = inlineFields(ctx, a, path)
      if (!fields) continue
      if (existing) keepStoredSecrets(fields.snmpProfiles as ProfileEntry[] | undefined, d, existing.definition)
      const broken = withFields(d, fields)
      for (const p of broken) {
        const {at, message} = problemPath(a, path, p)
        ctx.problem(at, message)
      }
      if (broken.length) continue
      // "(set)" in a definition file keeps the agent's secret: only an existing agent has one
      if (!existing) for (const p of keepSecrets(d).problems) ctx.problem([...path, 'definition'], `${p.field}: ${p.rule}`)
      wanted.push({d, i})
      for (const name of unusedProfiles(d)) ctx.warnings.push(`Fleet Agent "${d.name}": ${unusedProfileWarning(name)}`)
      const detail =
        d.discovery.searchType === 'local'
          ? 'Search Local Network'
          : `${d.discovery.include.length} include criteria, ${d.snmpProfiles.length} SNMP profile(s)`
      if (!existing) {
        items.push({
          ...base,
          action: 'create',
          detail,
          async run(c) {
            const made = await c.client.fleetAgents.create(c.orgId!, d)
            c.ids.set(itemKey('fleet agent', a.name), made.id)
          },
        })
        continue
      }
      ctx.ids.set(itemKey('fleet agent', a.name), existing.id)
      const changes = definitionChanges(existing.definition, d)
      items.push(
        changes.length
          ? {
              ...base,
              action: 'update',
              changes,
              detail,
              run: async (c) => void (await c.client.fleetAgents.update(c.orgId!, existing.id, d)),
            }
          : {...base, action: 'unchanged', detail},
      )
    }
    // the guide's note: overlapping criteria make printers switch between agents (a warning, as the portal's)
    const others = cloud.filter((x) => !wanted.some((w) => w.d.name.toLowerCase() === x.name.toLowerCase()))
    const all = [...wanted.map((w) => w.d), ...others.map((x) => x.definition)]
    for (const [k, w] of wanted.entries())
      for (const other of all.slice(k + 1)) {
        const shared = overlapping(w.d, other)
        if (shared.length) ctx.warnings.push(overlapWarning(w.d.name, other.name, shared))
      }
    return items
  },
}
