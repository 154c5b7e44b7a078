// Fleet-management routes of the sandbox for imports: pre-enrollments (list, batch add/remove).
import {PREENROLL_BATCH_MAX} from '../../cloud/fleet.js'
import type {Outcome} from '../../cloud/types.js'
import {serialRule} from '../../csv/rules.js'
import * as fleet from '../store/fleet.js'
import {batch, FMS, HttpError, invalid, page, pageOf, requireRole, text, visibleOrg, type HandlerOptions, type Item, type Route} from './kit.js'

const FLEET_ADMIN = 'Fleet Management Administrator'

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
    throw new HttpError(404, 'not_found', `${serial} is not pre-enrolled in this organization`, {details: [{field: 'serialNumber', rule: 'the pre-enrollment must exist'}]})
  }
  if (row?.org_id === orgId) return 'unchanged'
  if (row) throw new HttpError(409, 'conflict', `${serial} is pre-enrolled in another organization`, {details: [{field: 'serialNumber', rule: 'a printer is pre-enrolled once'}]})
  if (fleet.enrolled(o.db, serial)) throw new HttpError(409, 'conflict', `A printer with serial number ${serial} is already enrolled`, {details: [{field: 'serialNumber', rule: 'pre-enroll printers that are not enrolled'}]})
  fleet.addPreenrollment(o.db, orgId, serial)
  return 'created'
}

export const fleetRoutes: Route[] = [
  {
    auth: true, method: 'GET', path: `${FMS}/organizations/{orgId}/preenrollments`,
    handler(ctx, o) {
      visibleOrg(ctx, o, ctx.params.orgId)
      const p = page(ctx)
      const {rows, total} = fleet.listPreenrollments(o.db, ctx.params.orgId, p.offset, p.size)
      return pageOf(rows.map((r) => ({createdAt: r.created_at, organizationId: r.org_id, serialNumber: r.serial})), total, p)
    },
  },
  {
    auth: true, method: 'POST', path: `${FMS}/organizations/{orgId}/preenrollments/batch`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      return batch(ctx, o, PREENROLL_BATCH_MAX, (item) => preenrollItem(o, org.id, item))
    },
  },
]
