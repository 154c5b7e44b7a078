// Fleet-management routes of the sandbox for imports: pre-enrollments (list, batch add/remove) and MPS
// Express contacts (list, batch create), checked with the client's rules.
import {MPS_CONTACTS_BATCH_MAX, PREENROLL_BATCH_MAX, type Outcome} from '../../cloud/index.js'
import {contactKey, serialRule} from '../../csv/index.js'
import {checkContact, contactLabel} from '../../mps/index.js'
import * as fleet from '../store/fleet.js'
import {
  batch,
  FLEET_ADMIN,
  FLEET_READ,
  FMS,
  HttpError,
  invalid,
  page,
  pageOf,
  requireRole,
  text,
  visibleOrg,
  type HandlerOptions,
  type Item,
  type Route,
} from './kit.js'

function preenrollItem(o: HandlerOptions, orgId: string, item: Item): Outcome {
  const op = item.operation ?? 'CREATE'
  if (op !== 'CREATE' && op !== 'DELETE') throw invalid('operation', 'operation must be CREATE or DELETE')
  const serial = text(item, 'serialNumber', (v) => serialRule(v.toUpperCase()))?.toUpperCase()
  if (!serial) throw invalid('serialNumber', 'serialNumber is required')
  const row = fleet.getPreenrollment(o.db, serial)
  if (op === 'DELETE') {
    if (row?.org_id === orgId) {
      fleet.removePreenrollment(o.db, orgId, serial)
      return 'deleted'
    }
    if (fleet.preenrollmentRemoved(o.db, orgId, serial)) return 'unchanged'
    throw new HttpError(404, 'not_found', `${serial} is not pre-enrolled in this organization`, {
      details: [{field: 'serialNumber', rule: 'the pre-enrollment must exist'}],
    })
  }
  if (row?.org_id === orgId) return 'unchanged'
  if (row)
    throw new HttpError(409, 'conflict', `${serial} is pre-enrolled in another organization`, {
      details: [{field: 'serialNumber', rule: 'a printer is pre-enrolled once'}],
    })
  if (fleet.enrolled(o.db, serial))
    throw new HttpError(409, 'conflict', `A printer with serial number ${serial} is already enrolled`, {
      details: [{field: 'serialNumber', rule: 'pre-enroll printers that are not enrolled'}],
    })
  fleet.addPreenrollment(o.db, orgId, serial)
  return 'created'
}

function contactItem(o: HandlerOptions, orgId: string, item: Item): Outcome {
  const {contact, problems} = checkContact(item)
  if (problems.length) throw invalid(problems[0].field, problems[0].rule)
  const key = contactKey(contact)
  const existing = fleet.findContact(o.db, orgId, key)
  if (!existing) {
    fleet.addContact(o.db, orgId, key, contact)
    return 'created'
  }
  if (existing.fields === JSON.stringify(contact)) return 'unchanged'
  throw new HttpError(409, 'conflict', `Contact ${contactLabel(contact)} already exists with other details`, {
    details: [{field: 'email', rule: 'a contact is created once'}],
  })
}

export const fleetRoutes: Route[] = [
  {
    anyRole: FLEET_READ,
    auth: true,
    method: 'GET',
    path: `${FMS}/organizations/{orgId}/preenrollments`,
    handler(ctx, o) {
      visibleOrg(ctx, o, ctx.params.orgId)
      const p = page(ctx)
      const {rows, total} = fleet.listPreenrollments(o.db, ctx.params.orgId, p.offset, p.size)
      return pageOf(
        rows.map((r) => ({createdAt: r.created_at, organizationId: r.org_id, serialNumber: r.serial})),
        total,
        p,
      )
    },
  },
  {
    auth: true,
    method: 'POST',
    path: `${FMS}/organizations/{orgId}/preenrollments/batch`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      return batch(ctx, o, PREENROLL_BATCH_MAX, (item) => preenrollItem(o, org.id, item))
    },
  },
  {
    anyRole: FLEET_READ,
    auth: true,
    method: 'GET',
    path: `${FMS}/organizations/{orgId}/mps/contacts`,
    handler(ctx, o) {
      visibleOrg(ctx, o, ctx.params.orgId)
      const p = page(ctx)
      const {rows, total} = fleet.listContacts(o.db, ctx.params.orgId, p.offset, p.size)
      return pageOf(
        rows.map((r) => ({...JSON.parse(r.fields), dateCreated: r.created_at, id: r.id})),
        total,
        p,
      )
    },
  },
  {
    auth: true,
    method: 'POST',
    path: `${FMS}/organizations/{orgId}/mps/contacts/batch`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      return batch(ctx, o, MPS_CONTACTS_BATCH_MAX, (item) => contactItem(o, org.id, item))
    },
  },
]
