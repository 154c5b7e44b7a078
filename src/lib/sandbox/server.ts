// The sandbox cloud's HTTP server: OAuth2 token endpoint, token info, organizations, users and the
// integration API, following docs/api/openapi.yaml (a test checks SANDBOX_ROUTES against it).
import {createHash, randomUUID} from 'node:crypto'
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

import {agentRoutes} from './api/agents.js'
import {accessGroupRoutes} from './api/access-groups.js'
import {enrollmentRoutes} from './api/enrollment.js'
import {deployRoutes} from './api/deploy.js'
import {federationRoutes} from './api/federation.js'
import {fleetRoutes} from './api/fleet.js'
import {groupRoutes} from './api/groups.js'
import {identityRoutes} from './api/identity.js'
import {integrationRoutes} from './api/integration.js'
import {localAgentRoutes} from './api/local-agents.js'
import {mpsRoutes} from './api/mps.js'
import {bearerToken, HttpError, requireRole, scopeToOrg, type Ctx, type Route} from './api/kit.js'
import {peopleRoutes} from './api/people.js'
import {policyRoutes} from './api/policies.js'
import {roleRoutes} from './api/roles.js'
import * as store from './db.js'
import type {DeployEngine} from './deployer.js'
import {decideFault, NO_FAULTS, type FaultSpec} from './faults.js'

type Db = store.Db

export interface SandboxServerOptions {
  db: Db
  host?: string
  port?: number
  faults?: FaultSpec
  rng?: () => number
  /** Lifetime of access tokens, seconds. */
  tokenTtl?: number
  log?: (line: string) => void
  deploy?: DeployEngine
}

const MAX_BODY = 1024 * 1024

export const SANDBOX_ROUTES: Route[] = [
  {auth: false, handler: () => ({status: 'ok'}), method: 'GET', path: '/health'},
  ...identityRoutes,
  ...peopleRoutes,
  ...roleRoutes,
  ...groupRoutes,
  ...accessGroupRoutes,
  ...federationRoutes,
  ...fleetRoutes,
  ...integrationRoutes,
  ...enrollmentRoutes,
  ...deployRoutes,
  ...agentRoutes,
  ...policyRoutes,
  ...mpsRoutes,
  ...localAgentRoutes,
]

const compiled = SANDBOX_ROUTES.map((r) => ({...r, regex: new RegExp('^' + r.path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)') + '$')}))

// ---- plumbing ----

async function readBody(req: IncomingMessage, max = MAX_BODY): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length
    if (size > max) throw new HttpError(413, 'payload_too_large', `Request body exceeds ${Math.round(max / 1024 / 1024)} MB`)
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
  const token = bearerToken(ctx)
  if (!token) throw new HttpError(401, 'unauthorized', 'Missing bearer token')
  const found = store.lookupToken(db, token, 'access')
  if (!found.principal)
    throw new HttpError(
      401,
      found.expired ? 'token_expired' : 'invalid_token',
      found.expired ? 'Access token expired' : 'Invalid access token',
    )
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
    db: options.db,
    deploy: options.deploy,
    faults: options.faults ?? NO_FAULTS,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    rng: options.rng ?? Math.random,
    tokenTtl: options.tokenTtl ?? 3600,
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
      if (fault.kind === '429')
        throw new HttpError(429, 'rate_limited', 'Too many requests (sandbox --faults)', {retryAfter: o.faults.retryAfterSeconds})
      if (!route) {
        const other = compiled.some((r) => r.regex.test(url.pathname))
        throw new HttpError(
          other ? 405 : 404,
          other ? 'method_not_allowed' : 'not_found',
          other ? `${req.method} is not allowed on ${url.pathname}` : `No route ${url.pathname}`,
        )
      }
      const ctx: Ctx = {body: undefined, params: {...route.regex.exec(url.pathname)!.groups}, req, requestId, res, url}
      ctx.body = await readBody(req, route.maxBody)
      if (route.auth) {
        authenticate(ctx, o.db)
        scopeToOrg(ctx, o)
      }
      if (route.anyRole) requireRole(ctx, ...route.anyRole)
      const key = req.method === 'POST' && (ctx.principal || route.idempotent) ? String(req.headers['idempotency-key'] ?? '') : ''
      const principalKey = ctx.principal ? `${ctx.principal.kind}:${ctx.principal.id}` : `anonymous:${url.pathname}`
      const replay = key ? store.idempotentReplay(o.db, key, principalKey) : undefined
      let status: number
      let text: string
      const requestHash = createHash('sha256')
        .update(JSON.stringify(ctx.body ?? null))
        .digest('hex')
      if (replay) {
        if (replay.method !== req.method || replay.path !== url.pathname)
          throw new HttpError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for another request')
        // as Stripe does: the same key with another body is a client bug, never a silent replay
        if (replay.request_hash && replay.request_hash !== requestHash)
          throw new HttpError(422, 'idempotency_key_reused', 'This Idempotency-Key was used with another request body')
        status = replay.status
        text = replay.body
      } else {
        const out = await route.handler(ctx, o)
        const [s, body] = Array.isArray(out) && typeof out[0] === 'number' ? (out as [number, unknown]) : [200, out]
        status = s
        text = body === undefined ? '' : JSON.stringify(body)
        if (key) store.rememberResponse(o.db, key, principalKey, {hash: requestHash, method: req.method!, path: url.pathname}, status, text)
      }
      if (fault.kind === 'drop') {
        // The work is done but the answer is lost: the client must retry with the same Idempotency-Key.
        req.socket.destroy()
        return
      }
      res.writeHead(status, {
        'Content-Type': 'application/json',
        'X-Request-Id': requestId,
        ...(replay ? {'Idempotent-Replayed': 'true'} : {}),
      })
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
  store.purgeIdempotency(o.db)
  const purge = setInterval(() => {
    store.purgeExpiredTokens(o.db)
    store.purgeIdempotency(o.db)
  }, 3_600_000)
  purge.unref()
  return {
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(purge)
        server.closeAllConnections()
        server.close(() => resolve())
      }),
    port,
    server,
    url: `http://${o.host}:${port}`,
  }
}
