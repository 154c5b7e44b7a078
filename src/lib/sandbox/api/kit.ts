// Shared pieces of the sandbox API handlers: request context, errors, paging, scope and role checks.
import type {IncomingMessage, ServerResponse} from 'node:http'

import * as store from '../db.js'
import type {DeployEngine} from '../deployer.js'
import type {FaultSpec} from '../faults.js'

export interface HandlerOptions {
  db: store.Db
  faults: FaultSpec
  rng: () => number
  tokenTtl: number
  /** Moves deployments forward on the simulated printers (absent: deployments are stored but never run). */
  deploy?: DeployEngine
}

export interface Ctx {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  params: Record<string, string>
  body: unknown
  requestId: string
  principal?: store.Principal
  /** Expiry of the bearer token (epoch ms). */
  expiresAt?: number
}

export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message)
  }
}

/** A handler returns the body (200) or [status, body]. */
export type Handler = (ctx: Ctx, o: HandlerOptions) => unknown

export interface Route {
  method: string
  path: string
  auth: boolean
  handler: Handler
  /** Largest accepted request body in bytes (default 1 MB; uploads allow more). */
  maxBody?: number
}

export const IMS = '/ciam/identity-management-service/v1.0'

export function page(ctx: Ctx): {offset: number; size: number; number: number} {
  const p = ctx.url.searchParams.get('page') ?? '0'
  const s = ctx.url.searchParams.get('size') ?? '50'
  const number = Number(p)
  const size = Number(s)
  if (!Number.isInteger(number) || number < 0) throw new HttpError(400, 'validation', `page must be a whole number ≥ 0, got "${p}"`, {details: [{field: 'page', rule: 'integer ≥ 0'}]})
  if (!Number.isInteger(size) || size < 1 || size > 200) throw new HttpError(400, 'validation', `size must be 1–200, got "${s}"`, {details: [{field: 'size', rule: '1 ≤ size ≤ 200'}]})
  return {number, offset: number * size, size}
}

export function pageOf<T>(content: T[], total: number, p: {number: number; size: number}) {
  const totalPages = Math.ceil(total / p.size)
  return {content, last: p.number + 1 >= totalPages, number: p.number, size: p.size, totalElements: total, totalPages}
}

export function visibleOrg(ctx: Ctx, o: {db: store.Db}, orgId: string): store.OrgRow {
  const inScope = store.orgSubtree(o.db, ctx.principal!.orgId).find((x) => x.id === orgId)
  // Out-of-scope organizations are reported as absent, so ids of other tenants leak nothing.
  if (!inScope) throw new HttpError(404, 'not_found', `Organization ${orgId} not found`)
  return inScope
}

export function requireRole(ctx: Ctx, role: string): void {
  if (!ctx.principal!.roles.includes(role)) throw new HttpError(403, 'forbidden', 'Permission denied', {requiredRoles: [role]})
}

export function str(body: unknown, key: string): string | undefined {
  const v = (body as Record<string, unknown> | undefined)?.[key]
  return typeof v === 'string' ? v : undefined
}

