// The rollout file's `agents` section: Fleet Agent definitions by name, each from a definition file
// (`agents fleet show --export`, edited), a saved discovery (its "Fleet Agent only" printers), or neither
// (Search Local Network). Planned against the cloud's definitions — secrets are compared by presence
// only, as the cloud shows them as "(set)" — so a second run is all unchanged; `state: absent` deletes.
import {isDeepStrictEqual} from 'node:util'

import {
  checkDefinition,
  definitionToCreate,
  keepSecrets,
  mpsAgentRefusal,
  overlapping,
  overlapWarning,
  redactDefinition,
  unusedProfiles,
  unusedProfileWarning,
  type FleetAgentDefinition,
} from '../agents/index.js'
import type {FleetAgent} from '../cloud/index.js'
import {LcsError} from '../errors.js'
import {itemKey, listedTwice, type PlanItem, type Section} from './types.js'

export interface AgentDoc {
  name: string
  description?: string
  /** A definition file (JSON), relative to the rollout file. */
  definition?: string
  /** A saved discovery (`lcs printers discover --save`), relative to the rollout file. */
  from?: string
  state?: 'present' | 'absent'
}

/** After pre-enrollment (6), before resources (10): nothing later depends on agents. */
const AGENTS_PHASE = 7

const FIELDS = ['name', 'description', 'discovery', 'snmpProfiles', 'schedule', 'logLevel', 'networkDelayMs'] as const

/** What differs between the cloud's definition and the file's (secrets: only whether one is set). */
function differences(cloud: FleetAgentDefinition, want: FleetAgentDefinition): string[] {
  const a = JSON.parse(JSON.stringify(cloud)) as Record<string, unknown>
  const b = JSON.parse(JSON.stringify(redactDefinition(want))) as Record<string, unknown>
  return FIELDS.filter((f) => !isDeepStrictEqual(a[f] ?? null, b[f] ?? null))
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
      // "(set)" in a definition file keeps the agent's secret: only an existing agent has one
      for (const p of checkDefinition(d)) ctx.problem(path, `${p.field}: ${p.rule}`)
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
      const changes = differences(existing.definition, d)
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
