// The sandbox cloud's HTTP server: OAuth2 token endpoint, token info, organizations, users and the
// integration API, following docs/api/openapi.yaml (a test checks SANDBOX_ROUTES against it).
import {randomUUID} from 'node:crypto'
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

import * as store from './db.js'
import {decideFault, NO_FAULTS, type FaultSpec} from './faults.js'

type Db = store.Db
type Principal = store.Principal

export interface SandboxServerOptions {
  db: Db
  host?: string
  port?: number
  faults?: FaultSpec
  rng?: () => number
  /** Lifetime of access tokens, seconds. */
  tokenTtl?: number
  log?: (line: string) => void
}

interface Ctx {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  params: Record<string, string>
  body: unknown
  requestId: string
  principal?: Principal
  /** Expiry of the bearer token (epoch ms). */
  expiresAt?: number
}

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message)
  }
}

type Handler = (ctx: Ctx, o: Required<Omit<SandboxServerOptions, 'log'>>) => unknown

interface Route {
  method: string
  path: string
  auth: boolean
  handler: Handler
}

const IMS = '/ciam/identity-management-service/v1.0'
const INTEGRATION = '/cfm/fleetmgmt-integration-service/v1.0'
const MAX_BODY = 1024 * 1024

// ---- helpers ----

function page(ctx: Ctx): {offset: number; size: number; number: number} {
  const p = ctx.url.searchParams.get('page') ?? '0'
  const s = ctx.url.searchParams.get('size') ?? '50'
  const number = Number(p)
  const size = Number(s)
  if (!Number.isInteger(number) || number < 0) throw new HttpError(400, 'validation', `page must be a whole number ≥ 0, got "${p}"`, {details: [{field: 'page', rule: 'integer ≥ 0'}]})
  if (!Number.isInteger(size) || size < 1 || size > 200) throw new HttpError(400, 'validation', `size must be 1–200, got "${s}"`, {details: [{field: 'size', rule: '1 ≤ size ≤ 200'}]})
  return {number, offset: number * size, size}
}

function pageOf<T>(content: T[], total: number, p: {number: number; size: number}) {
  const totalPages = Math.ceil(total / p.size)
  return {content, last: p.number + 1 >= totalPages, number: p.number, size: p.size, totalElements: total, totalPages}
}

function visibleOrg(ctx: Ctx, o: {db: Db}, orgId: string): store.OrgRow {
  const inScope = store.orgSubtree(o.db, ctx.principal!.orgId).find((x) => x.id === orgId)
  // Out-of-scope organizations are reported as absent, so ids of other tenants leak nothing.
  if (!inScope) throw new HttpError(404, 'not_found', `Organization ${orgId} not found`)
  return inScope
}

function requireRole(ctx: Ctx, role: string): void {
  if (!ctx.principal!.roles.includes(role)) throw new HttpError(403, 'forbidden', 'Permission denied', {requiredRoles: [role]})
}

const orgJson = (r: store.OrgRow) => ({dateCreated: r.created_at, id: r.id, name: r.name, parentId: r.parent_id, type: r.type})

function assetJson(r: store.AssetRow, view: string) {
  const base = {accountId: r.org_id, manufacturer: r.manufacturer, modelName: r.model_name, serialNumber: r.serial}
  if (view === 'supplies') return {...base, supplies: JSON.parse(r.supplies)}
  if (view === 'alerts') return {...base, alerts: JSON.parse(r.alerts)}
  if (view === 'counters') return {...base, counters: JSON.parse(r.counters), dateCollected: r.last_communication}
  if (view === 'diagnostics') return {...base, diagnostics: []}
  return {
    ...base, alerts: JSON.parse(r.alerts), counters: JSON.parse(r.counters), dateCreated: r.created_at, dateModified: r.modified_at,
    description: r.description, lastCommunication: r.last_communication, name: r.name, supplies: JSON.parse(r.supplies),
  }
}

function str(body: unknown, key: string): string | undefined {
  const v = (body as Record<string, unknown> | undefined)?.[key]
  return typeof v === 'string' ? v : undefined
}

// ---- handlers ----

function tokenEndpoint(ctx: Ctx, o: {db: Db; tokenTtl: number}) {
  const grant = str(ctx.body, 'grant_type')
  const clientId = str(ctx.body, 'client_id') ?? ''
  const oauthError = (status: number, error: string, description: string) => new HttpError(status, error, description, {oauth: true})
  const client = store.clientById(o.db, clientId)
  const issue = (p: {kind: Principal['kind']; id: string}, withRefresh: boolean) => ({
    access_token: store.issueToken(o.db, 'access', {...p, clientId}, o.tokenTtl),
    expires_in: o.tokenTtl,
    token_type: 'Bearer',
    ...(withRefresh ? {refresh_token: store.issueToken(o.db, 'refresh', {...p, clientId}, 30 * 86_400)} : {}),
  })
  switch (grant) {
    case 'client_credentials': {
      const secret = str(ctx.body, 'client_secret') ?? ''
      if (!client || !client.secret_hash || !client.org_id || !store.verifyPassword(secret, client.secret_hash)) throw oauthError(401, 'invalid_client', 'Client authentication failed')
      return issue({id: client.client_id, kind: 'client'}, false)
    }
    case 'password': {
      if (!client) throw oauthError(401, 'invalid_client', 'Unknown client')
      const user = store.userByEmail(o.db, str(ctx.body, 'username') ?? '')
      if (!user || !store.verifyPassword(str(ctx.body, 'password') ?? '', user.password_hash)) throw oauthError(400, 'invalid_grant', 'Invalid username or password')
      return issue({id: user.id, kind: 'user'}, true)
    }
    case 'refresh_token': {
      const rt = str(ctx.body, 'refresh_token') ?? ''
      const found = store.lookupToken(o.db, rt, 'refresh')
      if (!found.principal) throw oauthError(400, 'invalid_grant', found.expired ? 'Refresh token expired' : 'Invalid refresh token')
      store.revokeToken(o.db, rt) // rotation: a refresh token works once
      return issue({id: found.principal.id, kind: found.principal.kind}, true)
    }
    default:
      throw oauthError(400, 'unsupported_grant_type', `grant_type must be client_credentials, password or refresh_token`)
  }
}

function tokenInfo(ctx: Ctx) {
  const p = ctx.principal!
  const expiresAt = ctx.expiresAt ?? Date.now()
  return {
    client_id: p.clientId, email: p.email ?? null, expires_in: Math.max(0, Math.round((expiresAt - Date.now()) / 1000)),
    resource_owner_id: p.id, resource_owner_organization_id: p.orgId,
  }
}

function createChild(ctx: Ctx, o: {db: Db}) {
  requireRole(ctx, 'Partner Administrator')
  const parent = visibleOrg(ctx, o, ctx.params.orgId)
  const name = str(ctx.body, 'name')?.trim()
  if (!name || name.length > 100 || /[<>]/.test(name) || [...name].some((c) => c.charCodeAt(0) < 32)) {
    throw new HttpError(422, 'validation', 'Invalid organization name', {details: [{field: 'name', rule: '1–100 characters, no control characters or < >'}]})
  }
  if (parent.type !== 'partner') throw new HttpError(422, 'validation', `${parent.name} is not a partner organization: only partners have child organizations`)
  const dup = store.findChildByName(o.db, parent.id, name)
  if (dup) throw new HttpError(409, 'conflict', `A child organization named "${dup.name}" already exists (${dup.id})`, {existingId: dup.id})
  return [201, orgJson(store.createOrg(o.db, {name, parentId: parent.id, type: 'customer'}))]
}

function assets(view: string): Handler {
  return (ctx, o) => {
    const p = page(ctx)
    const orgIds = store.orgSubtree(o.db, ctx.principal!.orgId).map((x) => x.id)
    const {rows, total} = store.listAssets(o.db, orgIds, p.offset, p.size)
    return pageOf(rows.map((r) => assetJson(r, view)), total, p)
  }
}

export const SANDBOX_ROUTES: Route[] = [
  {auth: false, handler: () => ({status: 'ok'}), method: 'GET', path: '/health'},
  {auth: false, handler: tokenEndpoint, method: 'POST', path: '/oauth/token'},
  {auth: true, handler: tokenInfo, method: 'GET', path: '/ciam/identity-authorization-service/oauth/token/info'},
  {
    auth: true, method: 'GET', path: `${IMS}/organizations`,
    handler(ctx, o) {
      const p = page(ctx)
      const all = store.orgSubtree(o.db, ctx.principal!.orgId)
      return pageOf(all.slice(p.offset, p.offset + p.size).map(orgJson), all.length, p)
    },
  },
  {auth: true, handler: (ctx, o) => orgJson(visibleOrg(ctx, o, ctx.params.orgId)), method: 'GET', path: `${IMS}/organizations/{orgId}`},
  {
    auth: true, method: 'GET', path: `${IMS}/organizations/{orgId}/children`,
    handler(ctx, o) {
      visibleOrg(ctx, o, ctx.params.orgId)
      const p = page(ctx)
      const all = store.childOrgs(o.db, ctx.params.orgId)
      return pageOf(all.slice(p.offset, p.offset + p.size).map(orgJson), all.length, p)
    },
  },
  {auth: true, handler: createChild, method: 'POST', path: `${IMS}/organizations/{orgId}/children`},
  {
    auth: true, method: 'GET', path: `${IMS}/organizations/{orgId}/users`,
    handler(ctx, o) {
      visibleOrg(ctx, o, ctx.params.orgId)
      const p = page(ctx)
      const {rows, total} = store.listUsers(o.db, ctx.params.orgId, p.offset, p.size)
      const users = rows.map((u) => ({email: u.email, firstName: u.first_name, id: u.id, lastName: u.last_name, organizationId: u.org_id, roles: JSON.parse(String(u.roles))}))
      return pageOf(users, total, p)
    },
  },
  {auth: true, handler: assets('assets'), method: 'GET', path: `${INTEGRATION}/assets`},
  ...['supplies', 'alerts', 'counters', 'diagnostics'].map((v) => ({auth: true, handler: assets(v), method: 'GET', path: `${INTEGRATION}/assets/${v}`})),
]

const compiled = SANDBOX_ROUTES.map((r) => ({...r, regex: new RegExp('^' + r.path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)') + '$')}))

// ---- plumbing ----

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length
    if (size > MAX_BODY) throw new HttpError(413, 'payload_too_large', 'Request body exceeds 1 MB')
    chunks.push(c)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (!text) return undefined
  if (/application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) return Object.fromEntries(new URLSearchParams(text))
  try {
    return JSON.parse(text)
  } catch {
    throw new HttpError(400, 'bad_json', 'Request body is not valid JSON')
  }
}

function send(res: ServerResponse, status: number, body: unknown, requestId: string, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body)
  res.writeHead(status, {'Content-Type': 'application/json', 'X-Request-Id': requestId, ...headers})
  res.end(text)
}

function authenticate(ctx: Ctx, db: Db): void {
  const m = /^Bearer\s+(\S+)$/i.exec(ctx.req.headers.authorization ?? '')
  if (!m) throw new HttpError(401, 'unauthorized', 'Missing bearer token')
  const found = store.lookupToken(db, m[1], 'access')
  if (!found.principal) throw new HttpError(401, found.expired ? 'token_expired' : 'invalid_token', found.expired ? 'Access token expired' : 'Invalid access token')
  ctx.principal = found.principal
  ctx.expiresAt = found.expiresAt
}

export interface RunningServer {
  server: Server
  url: string
  port: number
  close(): Promise<void>
}

export async function startSandboxServer(options: SandboxServerOptions): Promise<RunningServer> {
  const o = {
    db: options.db, faults: options.faults ?? NO_FAULTS, host: options.host ?? '127.0.0.1', port: options.port ?? 0,
    rng: options.rng ?? Math.random, tokenTtl: options.tokenTtl ?? 3600,
  }
  const log = options.log ?? (() => {})
  const server = createServer((req, res) => {
    void handle(req, res)
  })
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = String(req.headers['x-request-id'] ?? randomUUID()).slice(0, 100)
    const url = new URL(req.url ?? '/', 'http://sandbox')
    const started = Date.now()
    const route = compiled.find((r) => r.method === req.method && r.regex.test(url.pathname))
    const fault = url.pathname === '/health' ? {kind: 'none' as const, latencyMs: 0} : decideFault(o.faults, o.rng)
    try {
      if (fault.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs))
      if (fault.kind === 'error') throw new HttpError(fault.status!, 'injected_fault', 'Injected server error (sandbox --faults)')
      if (fault.kind === '429') throw new HttpError(429, 'rate_limited', 'Too many requests (sandbox --faults)', {retryAfter: o.faults.retryAfterSeconds})
      if (!route) {
        const other = compiled.some((r) => r.regex.test(url.pathname))
        throw new HttpError(other ? 405 : 404, other ? 'method_not_allowed' : 'not_found', other ? `${req.method} is not allowed on ${url.pathname}` : `No route ${url.pathname}`)
      }
      const ctx: Ctx = {body: undefined, params: {...route.regex.exec(url.pathname)!.groups}, req, requestId, res, url}
      ctx.body = await readBody(req)
      if (route.auth) authenticate(ctx, o.db)
      const key = req.method === 'POST' && ctx.principal ? String(req.headers['idempotency-key'] ?? '') : ''
      const principalKey = ctx.principal ? `${ctx.principal.kind}:${ctx.principal.id}` : ''
      const replay = key ? store.idempotentReplay(o.db, key, principalKey) : undefined
      let status: number
      let text: string
      if (replay) {
        if (replay.method !== req.method || replay.path !== url.pathname) throw new HttpError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for another request')
        status = replay.status
        text = replay.body
      } else {
        const out = await route.handler(ctx, o)
        const [s, body] = Array.isArray(out) && typeof out[0] === 'number' ? (out as [number, unknown]) : [200, out]
        status = s
        text = JSON.stringify(body)
        if (key) store.rememberResponse(o.db, key, principalKey, req.method!, url.pathname, status, text)
      }
      if (fault.kind === 'drop') {
        // The work is done but the answer is lost: the client must retry with the same Idempotency-Key.
        req.socket.destroy()
        return
      }
      res.writeHead(status, {'Content-Type': 'application/json', 'X-Request-Id': requestId, ...(replay ? {'Idempotent-Replayed': 'true'} : {})})
      res.end(text)
    } catch (error) {
      const e = error instanceof HttpError ? error : new HttpError(500, 'internal', 'Internal sandbox error')
      if (!(error instanceof HttpError)) log(`internal error on ${req.method} ${url.pathname}: ${(error as Error).stack}`)
      const {oauth, retryAfter, ...extra} = e.extra
      const body = oauth ? {error: e.code, error_description: e.message} : {error: {code: e.code, message: e.message, requestId, ...extra}}
      send(res, e.status, body, requestId, retryAfter === undefined ? {} : {'Retry-After': String(retryAfter)})
    } finally {
      log(`${req.method} ${url.pathname} ${res.statusCode} ${Date.now() - started}ms${fault.kind === 'none' ? '' : ` fault=${fault.kind}`}`)
    }
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(o.port, o.host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const purge = setInterval(() => store.purgeExpiredTokens(o.db), 3_600_000)
  purge.unref()
  return {
    close: () => new Promise<void>((resolve) => {
      clearInterval(purge)
      server.closeAllConnections()
      server.close(() => resolve())
    }),
    port,
    server,
    url: `http://${o.host}:${port}`,
  }
}
