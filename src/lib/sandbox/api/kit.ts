// Shared pieces of the sandbox API handlers: request context, errors, paging, scope and role checks.
import type {IncomingMessage, ServerResponse} from 'node:http'

import {mpsAgentRefusal} from '../../agents/index.js'
import * as store from '../db.js'
import type {BatchItemResult, BatchResponse, Outcome} from '../../cloud/index.js'
import type {Rule} from '../../csv/index.js'
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
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
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
  /** Roles of which the caller needs one, checked before the handler runs (handlers check writes themselves). */
  anyRole?: readonly string[]
  /** Largest accepted request body in bytes (default 1 MB; uploads allow more). */
  maxBody?: number
  /** An unauthenticated route that honours Idempotency-Key (authenticated POSTs always do). */
  idempotent?: boolean
}

/** Who reads the user directory, groups and login settings (the guide: managing user accounts). */
export const USER_ADMIN = ['Organization Administrator', 'User Administrator']
export const FLEET_ADMIN = 'Fleet Management Administrator'
export const FILE_ADMIN = 'File Service Administrator'
/** Who reads printers, their tasks, configurations and files: administrators and reporting analysts. */
export const FLEET_READ = [FLEET_ADMIN, 'Fleet Management Reporting Analyst']

export const IMS = '/ciam/identity-management-service/v1.0'
export const FMS = '/cfm/fleet-management-service/v1.0'

export function page(ctx: Ctx): {offset: number; size: number; number: number} {
  const p = ctx.url.searchParams.get('page') ?? '0'
  const s = ctx.url.searchParams.get('size') ?? '50'
  const number = Number(p)
  const size = Number(s)
  if (!Number.isInteger(number) || number < 0)
    throw new HttpError(400, 'validation', `page must be a whole number ≥ 0, got "${p}"`, {details: [{field: 'page', rule: 'integer ≥ 0'}]})
  if (!Number.isInteger(size) || size < 1 || size > 200)
    throw new HttpError(400, 'validation', `size must be 1–200, got "${s}"`, {details: [{field: 'size', rule: '1 ≤ size ≤ 200'}]})
  return {number, offset: number * size, size}
}

export function pageOf<T>(content: T[], total: number, p: {number: number; size: number}) {
  const totalPages = Math.ceil(total / p.size)
  return {content, last: p.number + 1 >= totalPages, number: p.number, size: p.size, totalElements: total, totalPages}
}

/** The page the request asks for of a list held whole in memory, each item rendered by `view`. */
export function pageOfAll<R, T>(ctx: Ctx, all: R[], view: (r: R) => T) {
  const p = page(ctx)
  return pageOf(all.slice(p.offset, p.offset + p.size).map(view), all.length, p)
}

export function visibleOrg(ctx: Ctx, o: {db: store.Db}, orgId: string): store.OrgRow {
  const inScope = store.orgSubtree(o.db, ctx.principal!.orgId).find((x) => x.id === orgId)
  // Out-of-scope organizations are reported as absent, so ids of other tenants leak nothing.
  if (!inScope) throw new HttpError(404, 'not_found', `Organization ${orgId} not found`)
  return inScope
}

/**
 * A partner's user working in a customer (child) organization has there only the roles of the Child
 * Organization Access Groups they are in; outside every such group, no access at all. Clients keep theirs.
 */
export function scopeToOrg(ctx: Ctx, o: {db: store.Db}): void {
  const p = ctx.principal!
  const orgId = ctx.params.orgId
  if (p.kind !== 'user' || !orgId || orgId === p.orgId) return
  if (!store.orgSubtree(o.db, p.orgId).some((x) => x.id === orgId)) return // visibleOrg answers 404
  const roles = p.childRoles ?? []
  if (!roles.length) {
    throw new HttpError(
      403,
      'forbidden',
      'Permission denied: you are not in a Child Organization Access Group, which customer organizations need',
      {
        match: 'all',
        missingRoles: ['Partner Administrator'],
        requiredRoles: ['Partner Administrator'],
        via: 'access-group',
      },
    )
  }
  ctx.principal = {...p, roles}
}

/** The caller needs one of these roles. */
export function requireRole(ctx: Ctx, ...roles: string[]): void {
  if (!roles.some((r) => ctx.principal!.roles.includes(r)))
    throw new HttpError(403, 'forbidden', 'Permission denied', {match: 'any', missingRoles: roles, requiredRoles: roles})
}

/** The caller needs every one of these roles (enrolling: Fleet Management Administrator and File Service Administrator). */
export function requireAllRoles(ctx: Ctx, ...roles: string[]): void {
  const missing = roles.filter((r) => !ctx.principal!.roles.includes(r))
  if (missing.length)
    throw new HttpError(403, 'forbidden', 'Permission denied', {match: 'all', missingRoles: missing, requiredRoles: roles})
}

/** 001: "You cannot delete or deactivate these agents" (Fleet or Local Agents that enrolled MPS Express printers). */
export function refuseMpsAgent(agent: string, mpsPrinters: number, action: 'deleted' | 'deactivated'): void {
  const refusal = mpsAgentRefusal(mpsPrinters)
  if (refusal) throw new HttpError(409, 'mps_managed', `${agent} cannot be ${action}: ${refusal}`)
}

/** The bearer token of a request (an access token, or an activated agent's token). */
export function bearerToken(ctx: Ctx): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(ctx.req.headers.authorization ?? '')?.[1]
}

export function str(body: unknown, key: string): string | undefined {
  const v = (body as Record<string, unknown> | undefined)?.[key]
  return typeof v === 'string' ? v : undefined
}

/** A 422 naming the field and the rule it breaks. */
export function invalid(field: string, rule: string): HttpError {
  return new HttpError(422, 'validation', rule, {details: [{field, rule}]})
}

/** A 422 listing every problem of a request, each with its field and rule. */
export function invalidAll(problems: Array<{field: string; rule: string}>): HttpError {
  return new HttpError(422, 'validation', problems.map((p) => p.rule).join('; '), {details: problems})
}

export type Item = Record<string, unknown>

/** An optional string field of a batch item, checked against its rule. */
export function text(item: Item, field: string, rule?: Rule): string | undefined {
  const v = item[field]
  if (v === undefined || v === null || v === '') return undefined
  if (typeof v !== 'string') throw invalid(field, `${field} must be a string`)
  const broken = rule?.(v)
  if (broken) throw invalid(field, broken)
  return v
}

export function bool(item: Item, field: string): boolean | undefined {
  const v = item[field]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'boolean') throw invalid(field, `${field} must be true or false`)
  return v
}

/** The stronger of two outcomes of one item (a badge created and a PIN unchanged: created). */
export function stronger(a: Outcome, b: Outcome): Outcome {
  const rank: Record<Outcome, number> = {created: 3, deleted: 3, unchanged: 0, updated: 2}
  return rank[b] > rank[a] ? b : a
}

class Rollback extends Error {
  constructor(readonly results: BatchItemResult[]) {
    super('dry run')
  }
}

/**
 * A batch endpoint: `{"items": [...]}` of at most `max` items, each applied in its own savepoint and
 * answered on its own (a rejected item never fails the others). `?dryRun=true` runs the same code and
 * rolls everything back, so a plan is exactly what applying would do.
 */
export function batch(ctx: Ctx, o: HandlerOptions, max: number, apply: (item: Item) => Outcome): BatchResponse {
  const items = (ctx.body as {items?: unknown} | undefined)?.items
  if (!Array.isArray(items) || items.length === 0 || items.length > max) throw invalid('items', `items: an array of 1–${max} items`)
  const dryRun = ctx.url.searchParams.get('dryRun') === 'true'
  const one = o.db.transaction((item: unknown): Outcome => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw invalid('items', 'each item is an object')
    return apply(item as Item)
  })
  const all = o.db.transaction((): BatchItemResult[] => {
    const results = items.map((item): BatchItemResult => {
      try {
        const outcome = one(item)
        return {outcome, status: outcome === 'created' ? 201 : 200}
      } catch (error) {
        if (!(error instanceof HttpError) || error.status >= 500) throw error
        return {
          error: {
            code: error.code,
            details: error.extra.details as NonNullable<BatchItemResult['error']>['details'],
            message: error.message,
          },
          status: error.status,
        }
      }
    })
    if (dryRun) throw new Rollback(results)
    return results
  })
  try {
    return {dryRun, results: all()}
  } catch (error) {
    if (error instanceof Rollback) return {dryRun, results: error.results}
    throw error
  }
}
