// The `mps` section of a rollout file (001): the organization's MPS Express entitlement, supplies
// delivery contacts (the end state: created, updated to these details, or `state: absent` deleted) with
// the printers each is assigned to, and printers to add to the program. Entitling and adding printers
// cannot be undone: the plan marks them and `apply` needs --yes for them. Printers to add must be
// Eligible once the file is applied (a contact the file assigns, an entitlement it gives count), else
// the file is refused with each printer's status.
import type {MpsContact, MpsContactItem} from '../cloud/index.js'
import {checkContact, contactLabel, MPS_EXPRESS} from '../mps/index.js'
import {itemKey, PHASE, updateOrUnchanged, type PlanItem, type RolloutContext, type Section} from './types.js'

export interface MpsContactDoc extends Partial<MpsContactItem> {
  /** Serial numbers of the printers whose supplies delivery contact it is. */
  printers?: string[]
  state?: 'present' | 'absent'
}

export interface MpsDoc {
  entitled?: boolean
  contacts?: MpsContactDoc[]
  add?: string[]
  acceptTermsOfService?: boolean
}

const identity = (c: Pick<MpsContactItem, 'firstName' | 'lastName' | 'email'>) =>
  `${c.firstName}\u0000${c.lastName}\u0000${c.email}`.toLowerCase()
const CONTACT = 'mps contact'
const ENTITLEMENT = 'mps entitlement'
const ASSIGNMENT = 'supplies contact'

interface Entry {
  label: string
  key: string
  contact: MpsContactItem
  absent: boolean
  path: Array<string | number>
  printers: string[]
}

export const mpsSection: Section = {
  key: 'mps',
  async plan(ctx) {
    const doc = ctx.doc.mps as MpsDoc | undefined
    if (!doc) return []
    const items: PlanItem[] = []
    const entitled = await entitlement(ctx, doc, items)
    const existing: MpsContact[] = []
    const assigned = new Map<string, string>()
    if (ctx.orgId) {
      for await (const c of ctx.client.mpsContacts.list(ctx.orgId)) existing.push(c)
      for await (const a of ctx.client.mps.assignments(ctx.orgId)) assigned.set(a.serialNumber, a.contactId)
    }
    const entries = contactEntries(ctx, doc)
    /** Serial → the label of the contact the file assigns it. */
    const fileAssigns = new Map<string, string>()
    const enrolled = new Set(ctx.cloud.printers.map((p) => p.serialNumber.toUpperCase()))
    for (const e of entries.filter((x) => !x.absent))
      e.printers.forEach((raw, j) => {
        const serial = raw.toUpperCase()
        if (!enrolled.has(serial)) ctx.problem([...e.path, 'printers', j], `${raw} is not enrolled in ${ctx.orgName}`)
        else if (fileAssigns.has(serial)) ctx.problem([...e.path, 'printers', j], `${raw} is assigned two supplies delivery contacts`)
        else fileAssigns.set(serial, e.label)
      })
    for (const e of entries) {
      const found = existing.find((c) => identity(c) === e.key)
      const base = {kind: CONTACT, name: e.label, path: e.path}
      if (e.absent) {
        if (!found) {
          items.push({...base, action: 'unchanged', detail: 'absent', phase: PHASE.mpsContactDeletes})
          continue
        }
        const still = [...assigned].filter(([s, id]) => id === found.id && !fileAssigns.has(s)).map(([s]) => s)
        if (still.length)
          ctx.problem(
            e.path,
            `You cannot delete a contact that is assigned to a printer: ${e.label} is the supplies delivery contact of ${still.join(', ')}`,
          )
        items.push({...base, action: 'delete', phase: PHASE.mpsContactDeletes, run: (c) => c.client.mpsContacts.delete(c.orgId!, found.id)})
        continue
      }
      items.push(contactItem(ctx, e, found))
      for (const [serial, label] of fileAssigns) {
        if (label !== e.label) continue
        const same = found !== undefined && assigned.get(serial) === found.id
        const item: PlanItem = {
          action: same ? 'unchanged' : assigned.has(serial) ? 'update' : 'create',
          dependsOn: [itemKey(CONTACT, e.label)],
          detail: e.label,
          kind: ASSIGNMENT,
          name: serial,
          path: e.path,
          phase: PHASE.mpsAssignments,
          run: async (c) => void (await c.client.mps.assign(c.orgId!, {contactId: c.ids.get(itemKey(CONTACT, e.label))!}, [serial])),
        }
        items.push(item.action === 'update' ? {...item, changes: ['contact']} : item)
      }
    }
    items.push(...(await additions(ctx, doc, entitled, fileAssigns)))
    return items
  },
}

/** The file's contacts, checked with the contact form's rules (an absent one needs only its name and e-mail). */
function contactEntries(ctx: RolloutContext, doc: MpsDoc): Entry[] {
  const seen = new Set<string>()
  const out: Entry[] = []
  ;(doc.contacts ?? []).forEach(({printers = [], state, ...fields}, i) => {
    const path = ['mps', 'contacts', i]
    const absent = state === 'absent'
    const {contact, problems} = checkContact(fields)
    const relevant = problems.filter((p) => !absent || ['firstName', 'lastName', 'email'].includes(p.field))
    for (const p of relevant) ctx.problem([...path, p.field], p.rule)
    if (relevant.length) return
    const key = identity(contact)
    const label = contactLabel(contact)
    if (seen.has(key)) return ctx.problem(path, `${label} is listed twice in mps.contacts`)
    seen.add(key)
    out.push({absent, contact, key, label, path, printers})
  })
  return out
}

/** A contact the file wants present: created, updated to the file's details, or unchanged. */
function contactItem(ctx: RolloutContext, e: Entry, found: MpsContact | undefined): PlanItem {
  const base = {kind: CONTACT, name: e.label, path: e.path, phase: PHASE.mpsContacts}
  if (!found)
    return {
      ...base,
      action: 'create',
      async run(c) {
        c.ids.set(itemKey(CONTACT, e.label), (await c.client.mpsContacts.create(c.orgId!, e.contact)).id)
      },
    }
  ctx.ids.set(itemKey(CONTACT, e.label), found.id)
  const fields = new Set([...Object.keys(e.contact), ...Object.keys(found)].filter((k) => k !== 'id' && k !== 'dateCreated'))
  const changes = [...fields].filter((f) => (found[f as keyof MpsContactItem] ?? '') !== (e.contact[f as keyof MpsContactItem] ?? ''))
  return updateOrUnchanged(base, changes, async (c) => void (await c.client.mpsContacts.update(c.orgId!, found.id, e.contact)))
}

/** The entitlement item; whether the organization is (or will be) entitled. */
async function entitlement(ctx: RolloutContext, doc: MpsDoc, items: PlanItem[]): Promise<boolean> {
  const org = ctx.orgId ? await ctx.client.orgs.get(ctx.orgId) : undefined
  const has = org?.parentId ? (await ctx.client.mps.entitlements(org.parentId, org.id)).entitlements.includes(MPS_EXPRESS) : false
  if (doc.entitled === undefined) return has
  const base = {kind: ENTITLEMENT, name: MPS_EXPRESS, path: ['mps', 'entitled'], phase: PHASE.mpsEntitlement}
  if (org && !org.parentId)
    ctx.problem(base.path, `${org.name} has no parent organization: only child organizations are entitled to ${MPS_EXPRESS}`)
  if (!doc.entitled) {
    if (has)
      ctx.problem(
        base.path,
        `${ctx.orgName} is entitled to ${MPS_EXPRESS}, which cannot be undone: contact your Lexmark Customer Operations Specialist or MPS Offer Manager`,
      )
    return has
  }
  items.push(
    has
      ? {...base, action: 'unchanged'}
      : {
          ...base,
          action: 'create',
          detail: 'cannot be undone',
          irreversible: true,
          async run(c) {
            const o = await c.client.orgs.get(c.orgId!)
            await c.client.mps.entitle(o.parentId!, o.id)
          },
        },
  )
  return true
}

/** The items adding printers: each must be Eligible once the file's contacts and entitlement are applied. */
async function additions(ctx: RolloutContext, doc: MpsDoc, entitled: boolean, fileAssigns: Map<string, string>): Promise<PlanItem[]> {
  const serials = [...new Set((doc.add ?? []).map((s) => s.toUpperCase()))]
  if (!serials.length) return []
  if (doc.acceptTermsOfService !== true)
    ctx.problem(['mps', 'add'], 'adding printers to MPS Express needs its terms of service accepted: acceptTermsOfService: true')
  if (!entitled) ctx.problem(['mps', 'add'], `${ctx.orgName} is not entitled to ${MPS_EXPRESS}: add entitled: true (it cannot be undone)`)
  const enrolled = new Set(ctx.cloud.printers.map((p) => p.serialNumber.toUpperCase()))
  const unknown = serials.filter((s) => !enrolled.has(s))
  for (const s of unknown)
    ctx.problem(['mps', 'add', (doc.add ?? []).findIndex((x) => x.toUpperCase() === s)], `${s} is not enrolled in ${ctx.orgName}`)
  const known = serials.filter((s) => enrolled.has(s))
  const report = ctx.orgId && known.length ? await ctx.client.mps.eligibility(ctx.orgId, known) : {printers: []}
  return report.printers.map((p): PlanItem => {
    const path = ['mps', 'add', (doc.add ?? []).findIndex((x) => x.toUpperCase() === p.serialNumber.toUpperCase())]
    const base = {detail: p.modelName, kind: 'mps printer', name: p.serialNumber, path, phase: PHASE.mpsAdd}
    if (p.status === 'Printer pending management' || p.status === 'Printer already managed') return {...base, action: 'unchanged'}
    const assignedByFile = fileAssigns.get(p.serialNumber)
    if (p.status !== 'Eligible' && !(p.status === 'No supplies delivery contact assigned' && assignedByFile))
      ctx.problem(path, `${p.serialNumber} cannot be added to ${MPS_EXPRESS}: ${p.status}`)
    return {
      ...base,
      action: 'create',
      dependsOn: [itemKey(ENTITLEMENT, MPS_EXPRESS), itemKey(ASSIGNMENT, p.serialNumber)],
      detail: `${p.modelName}, cannot be undone`,
      irreversible: true,
      run: async (c) => void (await c.client.mps.add(c.orgId!, [p.serialNumber], true)),
    }
  })
}
