// Enrollment routes of the sandbox: enrollment codes, printer registrations (called by the
// printers themselves), printer-generated codes and enrolled printers (list/show/unenroll/tags). The
// task history is served by ./deploy.ts.
import * as store from '../db.js'
import {SANDBOX_EWS} from '../fleet.js'
import {agentOfPrinter, queueTask} from '../store/agents.js'
import {sandboxNow} from '../store/clock.js'
import * as fleet from '../store/enrollment.js'
import {consumePreenrollment, getPreenrollment} from '../store/fleet.js'
import {
  FILE_ADMIN,
  FLEET_ADMIN,
  FLEET_READ,
  HttpError,
  page,
  pageOf,
  requireAllRoles,
  requireRole,
  str,
  visibleOrg,
  type Ctx,
  type HandlerOptions,
  type Route,
} from './kit.js'

/** The portal's own words for a wrong or expired code, on the organization-code and printer-code routes alike. */
const INVALID_CODE = 'The enrollment code is invalid or expired.'

export const FM = '/cfm/fleet-management-service/v1.0'
/** A printer (or its Fleet Agent) that has not reported for this long (by the sandbox clock) is not communicating. */
const STALE_MS = 3 * 3_600_000

/** The guide's four statuses ("Verifying the connection status after placing the printer in service"). */
function communicationStatus(r: fleet.PrinterRow, now: number): string {
  const fresh = (t: number | null, at = now) => t !== null && at - t < STALE_MS
  // a Fleet or Local Agent reports on the real clock, which `sandbox advance` does not move
  if (r.agent_status !== null && (r.agent_status !== 'Communicating' || !fresh(r.agent_last_communication, Date.now())))
    return 'Agent not communicating'
  if (r.needs_credentials) return 'Agent needs credentials'
  return fresh(r.last_communication) ? 'Communicating' : 'Not communicating'
}

function printerJson(r: fleet.PrinterRow, now = Date.now()) {
  return {
    address: r.address,
    agent: r.agent,
    agentName: r.agent_name,
    agentType: r.agent,
    communicationStatus: communicationStatus(r, now),
    enrolledAt: r.enrolled_at,
    firmware: r.firmware,
    lastCommunication: r.last_communication,
    manufacturer: r.manufacturer,
    modelName: r.model_name,
    mpsStatus: r.mps_status,
    name: r.name,
    organizationId: r.org_id,
    pageCount: (JSON.parse(r.counters) as {lifetimeCount?: number}).lifetimeCount ?? null,
    serialNumber: r.serial,
    tags: JSON.parse(r.tags) as string[],
  }
}

function codeJson(c: fleet.CodeRow) {
  return {code: c.code, expiresAt: c.expires_at, organizationId: c.org_id}
}

function printerIn(ctx: Ctx, o: HandlerOptions): fleet.PrinterRow {
  const org = visibleOrg(ctx, o, ctx.params.orgId)
  const p = fleet.getPrinter(o.db, ctx.params.serial)
  if (!p || p.org_id !== org.id)
    throw new HttpError(404, 'not_found', `No enrolled printer with serial ${ctx.params.serial} in ${org.name}`)
  return p
}

function printerFields(body: unknown): {
  serial: string
  manufacturer: string
  modelName: string
  firmware?: string
  agent: string
  address?: string
  pageCount?: number
} {
  const serial = str(body, 'serialNumber')?.trim()
  const agent = str(body, 'agent')
  const details = [
    ...(!serial || !/^[A-Za-z0-9-]{4,32}$/.test(serial) ? [{field: 'serialNumber', rule: '4–32 letters, digits or dashes'}] : []),
    ...(!agent || !['native', 'printer'].includes(agent) ? [{field: 'agent', rule: 'native or printer'}] : []),
  ]
  if (details.length) throw new HttpError(422, 'validation', 'Invalid registration', {details})
  const pageCount = (body as {pageCount?: unknown} | undefined)?.pageCount
  return {
    address: str(body, 'address'),
    agent: agent!,
    firmware: str(body, 'firmware'),
    manufacturer: str(body, 'manufacturer') ?? 'Lexmark',
    modelName: str(body, 'modelName') ?? 'unknown',
    pageCount: Number.isSafeInteger(pageCount) && (pageCount as number) >= 0 ? (pageCount as number) : undefined,
    serial: serial!.toUpperCase(),
  }
}

/** Enrolls a serial into an organization unless another organization already has it. */
function enrollInto(o: HandlerOptions, orgId: string, p: ReturnType<typeof printerFields>): [number, unknown] {
  const existing = fleet.getPrinter(o.db, p.serial)
  if (existing && existing.org_id !== orgId) {
    throw new HttpError(409, 'enrolled_elsewhere', `Printer ${p.serial} is enrolled in another organization: unenroll it there first`, {
      organizationId: existing.org_id,
    })
  }
  const row = fleet.registerPrinter(o.db, orgId, p)
  if (p.pageCount !== undefined) fleet.setLifetimeCount(o.db, row.serial, p.pageCount)
  if (!existing) o.deploy?.printerEnrolled(orgId, row.serial)
  return [existing ? 200 : 201, printerJson(row)]
}

export const enrollmentRoutes: Route[] = [
  {
    auth: true,
    method: 'GET',
    path: `${FM}/organizations/{orgId}/enrollment-code`,
    handler(ctx, o) {
      requireAllRoles(ctx, FLEET_ADMIN, FILE_ADMIN)
      return codeJson(fleet.orgCode(o.db, visibleOrg(ctx, o, ctx.params.orgId).id))
    },
  },
  {
    auth: true,
    method: 'POST',
    path: `${FM}/organizations/{orgId}/enrollment-code/email`,
    handler(ctx, o) {
      requireAllRoles(ctx, FLEET_ADMIN, FILE_ADMIN)
      const email = str(ctx.body, 'email')?.trim().toLowerCase()
      if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
        throw new HttpError(422, 'validation', 'Invalid e-mail address', {details: [{field: 'email', rule: 'an e-mail address'}]})
      const c = fleet.orgCode(o.db, visibleOrg(ctx, o, ctx.params.orgId).id)
      fleet.addTask(o.db, c.org_id!, 'email-enrollment-code', null, 'succeeded', `sent to ${email}`)
      return [202, {...codeJson(c), sentTo: email}]
    },
  },
  {
    // Called by a printer (Native Agent or Printer Configuration Agent) with the code it was given, or,
    // without a code, by a Native Agent printer checking in: a pre-enrolled serial enrolls it.
    auth: false,
    // a printer retrying its registration sends the same Idempotency-Key: recorded once
    idempotent: true,
    method: 'POST',
    path: `${FM}/registrations`,
    handler(ctx, o) {
      const code = str(ctx.body, 'code') ?? ''
      if (!code) {
        const p = printerFields(ctx.body)
        const known = fleet.getPrinter(o.db, p.serial)
        // an enrolled printer checking in learns its enrollment, not its record: a serial is no secret,
        // and the record (name, tags, address) belongs to the organization
        if (known) {
          fleet.touchPrinter(o.db, known.serial)
          return {organizationId: known.org_id, serialNumber: known.serial}
        }
        const pre = getPreenrollment(o.db, p.serial)
        if (!pre) throw new HttpError(404, 'not_preenrolled', `Printer ${p.serial} is not pre-enrolled`)
        const out = enrollInto(o, pre.org_id, p)
        consumePreenrollment(o.db, p.serial)
        return out
      }
      const c = fleet.getCode(o.db, code)
      if (!c || c.kind !== 'org') throw new HttpError(400, 'invalid_code', INVALID_CODE)
      if (c.expires_at <= Date.now()) throw new HttpError(410, 'expired_code', INVALID_CODE)
      return enrollInto(o, c.org_id!, printerFields(ctx.body))
    },
  },
  {
    // A printer publishes the code it shows on its panel (printer-based enrollment).
    auth: false,
    method: 'POST',
    path: `${FM}/device-codes`,
    handler(ctx, o) {
      const p = printerFields(ctx.body)
      const c = fleet.publishPrinterCode(o.db, {
        agent: p.agent,
        firmware: p.firmware ?? '',
        manufacturer: p.manufacturer,
        modelName: p.modelName,
        serial: p.serial,
      })
      return [201, {code: c.code, expiresAt: c.expires_at}]
    },
  },
  {
    auth: true,
    method: 'POST',
    path: `${FM}/organizations/{orgId}/device-codes/{code}/claim`,
    handler(ctx, o) {
      requireAllRoles(ctx, FLEET_ADMIN, FILE_ADMIN)
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      const c = fleet.getCode(o.db, ctx.params.code)
      if (!c || c.kind !== 'printer') throw new HttpError(404, 'invalid_code', INVALID_CODE)
      if (c.expires_at <= Date.now()) throw new HttpError(410, 'expired_code', INVALID_CODE)
      if (c.claimed_at && c.org_id !== org.id)
        throw new HttpError(409, 'enrolled_elsewhere', 'This code was already used by another organization')
      const out = enrollInto(o, org.id, {
        agent: c.agent!,
        firmware: c.firmware ?? undefined,
        manufacturer: c.manufacturer!,
        modelName: c.model_name!,
        serial: c.serial!,
      })
      fleet.claimCode(o.db, c.code, org.id)
      return out
    },
  },
  {
    anyRole: FLEET_READ,
    auth: true,
    method: 'GET',
    path: `${FM}/organizations/{orgId}/printers`,
    handler(ctx, o) {
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      const p = page(ctx)
      const orgIds = ctx.url.searchParams.get('includeChildren') === 'true' ? store.orgSubtree(o.db, org.id).map((x) => x.id) : [org.id]
      const {rows, total} = fleet.listPrinters(
        o.db,
        orgIds,
        {serial: ctx.url.searchParams.get('serial') ?? undefined, tag: ctx.url.searchParams.get('tag') ?? undefined},
        p.offset,
        p.size,
      )
      return pageOf(
        rows.map((r) => printerJson(r, sandboxNow(o.db))),
        total,
        p,
      )
    },
  },
  {
    anyRole: FLEET_READ,
    auth: true,
    handler: (ctx, o) => printerJson(printerIn(ctx, o), sandboxNow(o.db)),
    method: 'GET',
    path: `${FM}/organizations/{orgId}/printers/{serial}`,
  },
  {
    auth: true,
    method: 'DELETE',
    path: `${FM}/organizations/{orgId}/printers/{serial}`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const p = printerIn(ctx, o)
      if (p.mps_status !== 'none') {
        throw new HttpError(
          409,
          'mps_managed',
          `Printer ${p.serial} is ${p.mps_status === 'managed' ? 'managed by MPS Express' : 'pending MPS Express enrollment'} and cannot be unenrolled: contact your Lexmark Customer Operations Specialist`,
        )
      }
      fleet.unenrollPrinter(o.db, p.org_id, p.serial)
      return [204, undefined]
    },
  },
  {
    // Refresh printer information: a Fleet Agent printer's refresh waits for the agent's next cycle
    auth: true,
    method: 'POST',
    path: `${FM}/organizations/{orgId}/printers/{serial}/refresh`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const p = printerIn(ctx, o)
      const agentId = agentOfPrinter(o.db, p.serial)
      if (agentId) {
        const t = queueTask(o.db, agentId, 'refresh', {address: p.address})
        return [202, {detail: "queued for the Fleet Agent's next cycle", serialNumber: p.serial, status: 'queued', taskId: t.id}]
      }
      const status = communicationStatus(p, Date.now())
      const ok = status === 'Communicating'
      const detail = ok ? 'printer information refreshed' : `the printer did not answer (${status})`
      if (ok) fleet.touchPrinter(o.db, p.serial)
      const taskId = fleet.addTask(o.db, p.org_id, 'refresh', p.serial, ok ? 'succeeded' : 'failed', detail)
      return [202, {detail, serialNumber: p.serial, status: ok ? 'succeeded' : 'failed', taskId}]
    },
  },
  {
    // Apply credentials to printers whose agent needs them; the simulated printers' web service checks them
    auth: true,
    method: 'POST',
    path: `${FM}/organizations/{orgId}/printers/credentials`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      const b = ctx.body as {serialNumbers?: unknown; username?: unknown; password?: unknown}
      const serials = b?.serialNumbers
      if (!Array.isArray(serials) || serials.length === 0 || serials.length > 1000 || !serials.every((x) => typeof x === 'string'))
        throw new HttpError(422, 'validation', 'serialNumbers: 1–1000 serial numbers', {
          details: [{field: 'serialNumbers', rule: '1–1000 strings'}],
        })
      if (typeof b.username !== 'string' || !b.username || typeof b.password !== 'string' || !b.password)
        throw new HttpError(422, 'validation', 'username and password are required', {
          details: [{field: 'username', rule: 'the printer administrator account'}],
        })
      const right = b.username === SANDBOX_EWS.user && b.password === SANDBOX_EWS.password
      const results = (serials as string[]).map((serial) => {
        const p = fleet.getPrinter(o.db, serial)
        if (!p || p.org_id !== org.id) return {outcome: 'not found', reason: `not enrolled in ${org.name}`, serialNumber: serial}
        if (!p.needs_credentials) return {outcome: 'unchanged', serialNumber: p.serial}
        if (!right) {
          fleet.addTask(o.db, org.id, 'apply-credentials', p.serial, 'failed', 'the printer refused the credentials')
          return {outcome: 'refused', reason: 'the printer refused the credentials', serialNumber: p.serial}
        }
        fleet.setNeedsCredentials(o.db, p.serial, false)
        fleet.addTask(o.db, org.id, 'apply-credentials', p.serial, 'succeeded', null)
        return {outcome: 'applied', serialNumber: p.serial}
      })
      return {results}
    },
  },
  {
    auth: true,
    method: 'PUT',
    path: `${FM}/organizations/{orgId}/printers/{serial}/tags`,
    handler(ctx, o) {
      requireRole(ctx, FLEET_ADMIN)
      const p = printerIn(ctx, o)
      const tags = (ctx.body as {tags?: unknown})?.tags
      if (!Array.isArray(tags) || tags.length > 50 || !tags.every((t) => typeof t === 'string' && /^[^<>&]{1,64}$/.test(t))) {
        throw new HttpError(422, 'validation', 'Invalid tags', {
          details: [{field: 'tags', rule: 'up to 50 strings of 1–64 characters, no < > &'}],
        })
      }
      fleet.setTags(o.db, p.serial, [...new Set(tags as string[])])
      return printerJson(fleet.getPrinter(o.db, p.serial)!)
    },
  },
]
