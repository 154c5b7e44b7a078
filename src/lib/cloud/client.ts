// The cloud SDK: one client that owns token acquisition/refresh and exposes typed calls.
import {LcsError} from '../errors.js'
import {registerSecret} from '../redact.js'
import {errorKindOf, HttpTransport, type HttpRequest, type TransportOptions} from './http.js'
import {ROUTES, fillPath, type RouteName} from './routes.js'
import type {Asset, BatchItemResult, BatchResponse, Organization, Outcome, Page, TokenInfo, TokenResponse, User} from './types.js'

export interface Endpoints {
  idp: string
  apis: string
}

/** How the client authenticates. */
export type Credentials =
  | {kind: 'token'; accessToken: string}
  | {kind: 'client'; clientId: string; clientSecret: string}
  | {kind: 'refresh'; clientId: string; refreshToken: string}

export interface TokenState {
  accessToken: string
  /** Epoch ms. */
  expiresAt: number
  refreshToken?: string
}

export interface CloudClientOptions extends TransportOptions {
  endpoints: Endpoints
  credentials: Credentials
  /** A cached token from a previous run, used while it is valid. */
  token?: TokenState
  /** Called whenever a new token was obtained, so the caller can cache it (and a rotated refresh token). */
  onToken?: (token: TokenState) => void | Promise<void>
}

/** The public OAuth client of the CLI for the password grant (no secret, like any installed app). */
export const CLI_CLIENT_ID = 'lcs-cli'
/** Refresh this long before expiry so a token never expires mid-request. */
const REFRESH_MARGIN_MS = 60_000
export const MAX_PAGE_SIZE = 200

type AssetView = 'assets' | 'supplies' | 'alerts' | 'counters' | 'diagnostics'
const ASSET_ROUTES: Record<AssetView, RouteName> = {
  alerts: 'assetAlerts',
  assets: 'assets',
  counters: 'assetCounters',
  diagnostics: 'assetDiagnostics',
  supplies: 'assetSupplies',
}

export class CloudClient {
  readonly endpoints: Endpoints
  private readonly http: HttpTransport
  private credentials: Credentials
  private token?: TokenState
  private tokenPromise?: Promise<TokenState>
  private readonly onToken?: CloudClientOptions['onToken']

  constructor(opts: CloudClientOptions) {
    this.endpoints = opts.endpoints
    this.http = new HttpTransport(opts)
    this.credentials = opts.credentials
    this.onToken = opts.onToken
    if (opts.credentials.kind === 'token') this.token = {accessToken: opts.credentials.accessToken, expiresAt: Number.POSITIVE_INFINITY}
    else if (opts.token) this.token = opts.token
    registerSecret(this.token?.accessToken)
  }

  /** OAuth2 password grant (interactive login): returns the tokens; the caller stores the refresh token. */
  static async passwordGrant(endpoints: Endpoints, email: string, password: string, transport: TransportOptions = {}): Promise<TokenState> {
    const http = new HttpTransport(transport)
    try {
      return await requestToken(http, endpoints, {client_id: CLI_CLIENT_ID, grant_type: 'password', password, username: email})
    } catch (error) {
      throw authFailure(error, 'Wrong e-mail or password.')
    }
  }

  // ---- token management ----

  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - Date.now() > REFRESH_MARGIN_MS) return this.token.accessToken
    this.tokenPromise ??= this.fetchToken().finally(() => {
      this.tokenPromise = undefined
    })
    return (await this.tokenPromise).accessToken
  }

  private async fetchToken(): Promise<TokenState> {
    const c = this.credentials
    if (c.kind === 'token') throw new LcsError('auth', 'The access token (LCS_TOKEN) was rejected or has expired.', {hint: 'Get a new token, or log in with client credentials.'})
    let token: TokenState
    try {
      token =
        c.kind === 'client'
          ? await requestToken(this.http, this.endpoints, {client_id: c.clientId, client_secret: c.clientSecret, grant_type: 'client_credentials'})
          : await requestToken(this.http, this.endpoints, {client_id: c.clientId, grant_type: 'refresh_token', refresh_token: c.refreshToken})
    } catch (error) {
      throw authFailure(error, c.kind === 'client' ? 'Wrong client ID or client secret.' : 'The stored session has expired or was revoked.')
    }
    if (c.kind === 'refresh' && token.refreshToken) this.credentials = {...c, refreshToken: token.refreshToken}
    this.token = token
    await this.onToken?.(token)
    return token
  }

  /** An authenticated call; on a 401 the token is renewed once and the call repeated. */
  async call<T>(route: RouteName, opts: {params?: Record<string, string>; query?: HttpRequest['query']; body?: unknown; idempotencyKey?: string} = {}): Promise<T> {
    const r = ROUTES[route]
    const url = this.endpoints[r.base] + fillPath(r.path, opts.params)
    for (let attempt = 0; ; attempt++) {
      const bearer = await this.accessToken()
      try {
        const res = await this.http.request<T>({body: opts.body, headers: {Authorization: `Bearer ${bearer}`}, idempotencyKey: opts.idempotencyKey, method: r.method, query: opts.query, url})
        return res.data
      } catch (error) {
        if (error instanceof LcsError && error.kind === 'auth' && attempt === 0 && this.credentials.kind !== 'token') {
          this.token = undefined
          continue
        }
        throw error
      }
    }
  }

  /** Async iteration over every item of a paged list (Spring-style pages, size ≤ 200). */
  async *paginate<T>(route: RouteName, opts: {params?: Record<string, string>; query?: Record<string, string | number | undefined>; pageSize?: number; limit?: number} = {}): AsyncGenerator<T> {
    const size = Math.min(Math.max(1, opts.pageSize ?? MAX_PAGE_SIZE), MAX_PAGE_SIZE)
    let yielded = 0
    for (let page = 0; ; page++) {
      const p = await this.call<Page<T>>(route, {params: opts.params, query: {...opts.query, page, size}})
      for (const item of p.content ?? []) {
        if (opts.limit !== undefined && yielded >= opts.limit) return
        yielded++
        yield item
      }
      if (p.last || !p.content?.length || (p.totalPages !== undefined && page + 1 >= p.totalPages)) return
    }
  }

  // ---- API ----

  tokenInfo(): Promise<TokenInfo> {
    return this.call<TokenInfo>('tokenInfo')
  }

  listOrganizations(): AsyncGenerator<Organization> {
    return this.paginate<Organization>('listOrganizations')
  }

  getOrganization(orgId: string): Promise<Organization> {
    return this.call<Organization>('getOrganization', {params: {orgId}})
  }

  listChildren(orgId: string): AsyncGenerator<Organization> {
    return this.paginate<Organization>('listChildren', {params: {orgId}})
  }

  createChildOrganization(parentId: string, input: {name: string}, idempotencyKey?: string): Promise<Organization> {
    return this.call<Organization>('createChild', {body: input, idempotencyKey, params: {orgId: parentId}})
  }

  listUsers(orgId: string): AsyncGenerator<User> {
    return this.paginate<User>('listUsers', {params: {orgId}})
  }

  /** Sends items to a batch endpoint of an organization; the answer has one result per item, in order. */
  async batch<Item>(route: RouteName, orgId: string, items: Item[], dryRun = false): Promise<BatchItemResult[]> {
    const res = await this.call<BatchResponse>(route, {body: {items}, params: {orgId}, query: dryRun ? {dryRun: 'true'} : undefined})
    return res.results
  }

  /** One item through a batch endpoint (single-item commands): its outcome, or its rejection as an error. */
  async batchOne<Item>(route: RouteName, orgId: string, item: Item): Promise<Outcome> {
    const [r] = await this.batch(route, orgId, [item])
    if (r?.outcome && r.status < 300) return r.outcome
    throw new LcsError(errorKindOf(r?.status ?? 500), r?.error?.message ?? `HTTP ${r?.status}`, {details: r?.error?.details})
  }

  /** The public integration API (read-only): assets of the token's organization and its children. */
  listAssets(view: AssetView = 'assets', opts: {pageSize?: number; limit?: number} = {}): AsyncGenerator<Asset> {
    return this.paginate<Asset>(ASSET_ROUTES[view], opts)
  }
}

async function requestToken(http: HttpTransport, endpoints: Endpoints, body: Record<string, string>): Promise<TokenState> {
  const res = await http.request<TokenResponse>({body, method: 'POST', url: endpoints.idp + ROUTES.token.path})
  const t = res.data
  if (!t || typeof t.access_token !== 'string' || typeof t.expires_in !== 'number') {
    throw new LcsError('unavailable', 'The token endpoint answered without an access token.', {requestId: res.requestId})
  }
  registerSecret(t.access_token)
  registerSecret(t.refresh_token)
  return {accessToken: t.access_token, expiresAt: Date.now() + t.expires_in * 1000, refreshToken: t.refresh_token}
}

function authFailure(error: unknown, message: string): unknown {
  // The token endpoint answers 400/401 (invalid_grant, invalid_client) for bad credentials.
  if (error instanceof LcsError && (error.kind === 'auth' || error.kind === 'badData')) {
    return new LcsError('auth', message, {hint: 'Nothing was stored. Check the credentials and try again.', requestId: error.requestId})
  }
  return error
}
