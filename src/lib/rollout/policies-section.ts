// The `policies` section of a rollout file: notification policies by name, declarative (created, or
// updated to the fields given — fields left out stay as they are; `tags: []` applies a policy to all
// printers again; `state: absent` deletes it). Entries are checked with the guide's rules (the
// policies area) and the limit of 50 policies of a kind counts what the cloud has and what the file adds.
import {applyChanges, categoryOf, MAX_POLICIES, policyChanges, type Policy, type PolicyCategory} from '../policies/index.js'
import {listedTwice, PHASE, type PlanItem, type PolicyDoc, type Section} from './types.js'

const KIND_NAME: Record<PolicyCategory, string> = {printerInformation: 'printer information', supplies: 'supplies'}

export const policiesSection: Section = {
  key: 'policies',
  async plan(ctx) {
    const list: PolicyDoc[] = ctx.doc.policies ?? []
    if (!list.length) return []
    listedTwice(
      ctx,
      'policies',
      list.map((p) => p.name),
      'name',
    )
    const cloud: Policy[] = []
    if (ctx.orgId) for await (const p of ctx.client.policies.list(ctx.orgId)) cloud.push(p)
    const count: Record<PolicyCategory, number> = {printerInformation: 0, supplies: 0}
    for (const p of cloud) count[p.category]++
    /** One more policy of a kind: a problem past the limit. */
    const take = (kind: PolicyCategory, path: Array<string | number>, name: string) => {
      if (++count[kind] > MAX_POLICIES)
        ctx.problem(
          [...path, 'type'],
          `"${name}" would be more than the ${MAX_POLICIES} ${KIND_NAME[kind]} policies an organization can have`,
        )
    }
    const tagged = new Set(ctx.cloud.printers.flatMap((p) => p.tags ?? []))
    const items: PlanItem[] = []
    list.forEach((doc, i) => {
      const path = ['policies', i]
      const existing = cloud.find((p) => p.name.toLowerCase() === doc.name.toLowerCase())
      const base = {kind: 'notification policy', name: doc.name, path, phase: PHASE.policies}
      if (doc.state === 'absent') {
        if (existing) {
          count[existing.category]--
          items.push({...base, action: 'delete', run: (x) => x.client.policies.delete(x.orgId!, existing.id)})
        } else items.push({...base, action: 'unchanged', detail: 'absent'})
        return
      }
      const {input, problems} = applyChanges(existing, {
        additionalInfo: doc.additionalInfo,
        attachData: doc.attachData,
        days: doc.days,
        name: doc.name,
        recipients: doc.recipients,
        tags: doc.tags,
        threshold: doc.threshold,
        type: doc.type,
      })
      for (const p of problems) ctx.problem(p.field in doc ? [...path, p.field] : path, p.rule)
      if (problems.length) return
      for (const t of input.tags ?? []) if (!tagged.has(t)) ctx.warnings.push(`policies[${i}] (${doc.name}): no printer has tag "${t}" yet`)
      const kind = categoryOf(input.type)!
      const detail = `${input.type}, ${kind === 'supplies' ? `≤ ${input.threshold} %` : `${input.days} day(s)`}, ${input.tags?.length ? `tags ${input.tags.join(', ')}` : 'all printers'}`
      if (!existing) {
        take(kind, path, doc.name)
        items.push({...base, action: 'create', detail, run: async (x) => void (await x.client.policies.create(x.orgId!, input))})
        return
      }
      if (kind !== existing.category) {
        count[existing.category]--
        take(kind, path, doc.name)
      }
      const changes = [...policyChanges(existing, input), ...(existing.name !== input.name ? ['name'] : [])]
      items.push(
        changes.length
          ? {
              ...base,
              action: 'update',
              changes,
              detail,
              run: async (x) => void (await x.client.policies.update(x.orgId!, existing.id, input)),
            }
          : {...base, action: 'unchanged', detail},
      )
    })
    return items
  },
}
