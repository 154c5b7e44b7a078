// MPS Express routes of the sandbox (001): a child organization's entitlement (given by its parent,
// never taken back), supplies delivery contacts (one, by id; an assigned one cannot be deleted), their
// assignment to printers, the eligibility report with the portal's statuses, and adding Eligible
// printers, which become "MPS Express (Pending)" until Lexmark takes them (the activity engine, a day of
// sandbox time later).
import {
  addRefusal,
  checkContact,
  contactLabel,
  eligibilityOf,
  modelSupported,
  MPS_EXPRESS,
  MPS_RULES,
  versionAtLeast,
} from '../../mps/index.js'
import type {MpsContactItem} from '../../cloud/index.js'
import {contactKey} from '../../csv/index.js'
import {FLEET_AGENT_VERSION, SEEDED_FLEET_AGENT_VERSION} from '../catalog.js'
import * as store from '../db.js'
import {agentOfPrinter, getAgent} from '../store/agents.js'
import {sandboxNow} from '../store/clock.js'
import * as enrollment from '../store/enrollment.js'
import * as fleet from '../store/fleet.js'
import * as mps from '../store/mps.js'
import {
  FLEET_ADMIN,
  FLEET_READ,
  FMS,
  HttpError,
  IMS,
  invalidAll,
  pageOfAll,
  requireAllRoles,
  requireRole,
  str,
  visibleOrg,
  type Ctx,
  type HandlerOptions,
  type Route,
} from './kit.js'

const BASE = `${FMS}/organizations/{orgId}/mps`
const ENTITLEMENTS = `${IMS}/organizations/{orgId}/children/{childId}/entitlements`
const MAX_SERIALS = 1000

const contactJson = (r: fleet.ContactRow) => ({...(JSON.parse(r.fields) as MpsContactItem), dateCreated: r.created_at, id: r.id})

/** The contact form of a request body, checked with the import's rules. */
function contactBody(body: unknown): {contact: MpsContactItem; key: string} {
  const {contact, problems} = checkContact((body ?? {}) as Record<string, unknown>)
  if (problems.length) throw invalidAll(problems)
  return {contact, key: contactKey(contact)}
}

function duplicate(contact: MpsContactItem): HttpError {
  return new HttpError(409, 'conflict', `Contact ${contactLabel(contact)} already exists`, {
    details: [{field: 'email', rule: 'a contact is its first name, last name and e-mail: change one of them'}],
  })
}

function contactIn(ctx: Ctx, o: HandlerOptions): fleet.ContactRow {
  const org = visibleOrg(ctx, o, ctx.params.orgId)
  const c = fleet.getContact(o.db, org.id, ctx.params.contactId)
  if (!c) throw new HttpError(404, 'not_found', `No supplies delivery contact ${ctx.params.contactId} in ${org.name}`)
  return c
}

/** The serial numbers of a request, each an enrolled printer of the organization (else 404 naming them all). */
function printersOf(o: HandlerOptions, org: store.OrgRow, serials: unknown, required: boolean): enrollment.PrinterRow[] {
  if (serials === undefined && !required) return enrollment.listPrinters(o.db, [org.id], {}, 0, 1_000_000).rows
  if (!Array.isArray(serials) || !serials.length || serials.length > MAX_SERIALS || !serials.every((s) => typeof s === 'string' && s))
    throw new HttpError(422, 'validation', `serialNumbers: 1–${MAX_SERIALS} serial numbers`, {
      details: [{field: 'serialNumbers', rule: `1–${MAX_SERIALS} serial numbers`}],
    })
  const rows = (serials as string[]).map((s) => [s, enrollment.getPrinter(o.db, s)] as const)
  const missing = rows.filter(([, p]) => !p || p.org_id !== org.id).map(([s]) => s)
  if (missing.length)
    // the message names them all: a detail per serial would only say it again
    throw new HttpError(404, 'not_found', `No enrolled printer with serial ${missing.join(', ')} in ${org.name}`)
  return [...new Map(rows.map(([, p]) => [p!.serial, p!])).values()]
}

function eligibility(o: HandlerOptions, p: enrollment.PrinterRow) {
  const counters = JSON.parse(
    (o.db.prepare('SELECT counters FROM assets WHERE serial = ?').get(p.serial) as {counters: string}).counters,
  ) as {lifetimeCount?: unknown}
  const lifetimePageCount = typeof counters.lifetimeCount === 'number' ? counters.lifetimeCount : null
  // the version the printer's Fleet Agent last reported, against the current one
  const agentId = p.agent === 'fleet' ? agentOfPrinter(o.db, p.serial) : undefined
  const agentVersion = (agentId && getAgent(o.db, agentId)?.version) || SEEDED_FLEET_AGENT_VERSION
  const contactId = mps.assignmentOf(o.db, p.serial) ?? null
  const status = eligibilityOf(
    {
      contactAssigned: contactId !== null,
      fleetAgentUpToDate: p.agent === 'fleet' ? versionAtLeast(agentVersion, FLEET_AGENT_VERSION) : null,
      lifetimePageCount,
      modelName: p.model_name,
      modelSupported: modelSupported(p.manufacturer),
      mpsStatus: p.mps_status as 'none' | 'managed' | 'pending',
      registrationFailed: mps.registrationFailed(o.db, p.serial),
      serialNumber: p.serial,
    },
    MPS_RULES,
  )
  return {contactId, lifetimePageCount, manufacturer: p.manufacturer, modelName: p.model_name, serialNumber: p.serial, status}
}

function childOf(ctx: Ctx, o: HandlerOptions): store.OrgRow {
  const parent = visibleOrg(ctx, o, ctx.params.orgId)
  const child = store.getOrg(o.db, ctx.params.childId)
  if (!child || child.parent_id !== parent.id)
    throw new HttpError(404, 'not_found', `No child organization ${ctx.params.childId} under ${parent.name}`)
  return child
}

export const mpsRoutes: Route[] = [
  {
    anyRole: ['Partner Administrator'],
    auth: true,
    method: 'GET',
    path: ENTITLEMENTS,
    handler(ctx, o) {
      const child = childOf(ctx, o)
      return {entitlements: mps.entitlements(o.db, child.id), organizationId: child.id}
    },
  },
  {
    auth: true,
    method: 'POST',
    path: ENTITLEMENTS,
    handler(ctx, o) {
      // Account Management, from the parent organization: a partner's organizational setting
      requireAllRoles(ctx, 'Partner Administrator', 'Organization Administrator')
      const child = childOf(ctx, o)
      const name = str(ctx.body, 'name')
      if (name !== MPS_EXPRESS)
        throw new HttpError(422, 'validation', `name must be "${MPS_EXPRESS}"`, {details: [{field: 'name', rule: `"${MPS_EXPRESS}"`}]})
      const created = mps.entitle(o.db, child.id, name)
      const body = {entitlements: mps.entitlements(o.db, child.id), organizationId: child.id, outcome: created ? 'created' : 'unchanged'}
      return [created ? 201 : 200, body]
    },
  },
  {
    auth: true,
    method: 'POST',
    path: `${BASE}/contacts`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      const {contact, key} = contactBody(ctx.body)
      if (fleet.findContact(o.db, org.id, key)) throw duplicate(contact)
      return [201, contactJson(fleet.getContact(o.db, org.id, fleet.addContact(o.db, org.id, key, contact))!)]
    },
  },
  {
    anyRole: FLEET_READ,
    auth: true,
    handler: (ctx, o) => contactJson(contactIn(ctx, o)),
    method: 'GET',
    path: `${BASE}/contacts/{contactId}`,
  },
  {
    auth: true,
    method: 'PUT',
    path: `${BASE}/contacts/{contactId}`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const c = contactIn(ctx, o)
      const {contact, key} = contactBody(ctx.body)
      const same = fleet.findContact(o.db, c.org_id, key)
      if (same && same.id !== c.id) throw duplicate(contact)
      fleet.updateContact(o.db, c.id, key, contact)
      return contactJson(fleet.getContact(o.db, c.org_id, c.id)!)
    },
  },
  {
    auth: true,
    method: 'DELETE',
    path: `${BASE}/contacts/{contactId}`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const c = contactIn(ctx, o)
      const serials = mps.assignedTo(o.db, c.id)
      if (serials.length)
        throw new HttpError(
          409,
          'contact_assigned',
          `You cannot delete a contact that is assigned to a printer: ${contactLabel(JSON.parse(c.fields) as MpsContactItem)} is the supplies delivery contact of ${serials.join(', ')}`,
          {printers: serials},
        )
      fleet.deleteContact(o.db, c.id)
      return [204, undefined]
    },
  },
  {
    anyRole: FLEET_READ,
    auth: true,
    method: 'GET',
    path: `${BASE}/assignments`,
    handler(ctx, o) {
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      return pageOfAll(ctx, mps.assignments(o.db, org.id), (a) => ({contactId: a.contact_id, serialNumber: a.serial}))
    },
  },
  {
    auth: true,
    method: 'POST',
    path: `${BASE}/assignments`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      const body = (ctx.body ?? {}) as {contactId?: unknown; contact?: unknown; serialNumbers?: unknown}
      const printers = printersOf(o, org, body.serialNumbers, true)
      return o.db.transaction(() => {
        let row: fleet.ContactRow | undefined
        if (body.contact !== undefined) {
          // Create and assign: a contact identical to an existing one is that one
          const {contact, key} = contactBody(body.contact)
          row = fleet.findContact(o.db, org.id, key)
          if (row && row.fields !== JSON.stringify(contact)) throw duplicate(contact)
          row ??= fleet.getContact(o.db, org.id, fleet.addContact(o.db, org.id, key, contact))
        } else if (typeof body.contactId === 'string') {
          row = fleet.getContact(o.db, org.id, body.contactId)
          if (!row)
            throw new HttpError(404, 'not_found', `No supplies delivery contact ${body.contactId} in ${org.name}`, {
              details: [{field: 'contactId', rule: 'an existing contact of the organization'}],
            })
        } else
          throw new HttpError(422, 'validation', 'Give contactId (assign) or contact (create and assign)', {
            details: [{field: 'contactId', rule: 'contactId or contact'}],
          })
        const results = printers.map((p) => {
          const before = mps.assignmentOf(o.db, p.serial)
          if (before === row!.id) return {outcome: 'unchanged', serialNumber: p.serial}
          mps.assign(o.db, p.serial, row!.id)
          return {outcome: before ? 'updated' : 'created', serialNumber: p.serial}
        })
        return {contact: contactJson(row!), results}
      })()
    },
  },
  {
    anyRole: FLEET_READ,
    auth: true,
    method: 'GET',
    path: `${BASE}/eligibility`,
    handler(ctx, o) {
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      const serials = ctx.url.searchParams.get('serials')
      const printers = printersOf(o, org, serials === null ? undefined : serials.split(',').filter(Boolean), false)
      return {
        entitled: mps.entitlements(o.db, org.id).includes(MPS_EXPRESS),
        maxLifetimePageCount: MPS_RULES.maxLifetimePageCount,
        organizationId: org.id,
        printers: printers.map((p) => eligibility(o, p)),
      }
    },
  },
  {
    auth: true,
    method: 'POST',
    path: `${BASE}/enrollments`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      const body = (ctx.body ?? {}) as {serialNumbers?: unknown; acceptTermsOfService?: unknown}
      const printers = printersOf(o, org, body.serialNumbers, true)
      if (body.acceptTermsOfService !== true)
        throw new HttpError(422, 'terms_not_accepted', 'Accept the terms of service to add printers to MPS Express', {
          details: [{field: 'acceptTermsOfService', rule: 'must be true'}],
        })
      if (!mps.entitlements(o.db, org.id).includes(MPS_EXPRESS))
        throw new HttpError(
          409,
          'not_entitled',
          `${org.name} is not entitled to MPS Express: its parent organization entitles it (Organization Entitlements)`,
        )
      const statuses = printers.map((p) => eligibility(o, p))
      const refusal = addRefusal(statuses)
      if (refusal)
        throw new HttpError(409, 'not_eligible', refusal, {
          details: statuses.filter((s) => s.status !== 'Eligible').map((s) => ({field: s.serialNumber, rule: s.status})),
        })
      // already in the program (or on its way): what was asked for holds
      const unchanged = statuses.filter((s) => s.status !== 'Eligible')
      const added = statuses.filter((s) => s.status === 'Eligible').map((s) => s.serialNumber)
      o.db.transaction(() => {
        mps.markPending(o.db, added, sandboxNow(o.db))
        for (const s of added) enrollment.addTask(o.db, org.id, 'mps-express', s, 'succeeded', 'added to MPS Express (pending)')
      })()
      return {added, unchanged: unchanged.map((s) => s.serialNumber)}
    },
  },
]
