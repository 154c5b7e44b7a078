// The cloud SDK: one client that owns token acquisition/refresh and exposes every call as a method of a
// typed namespace (`client.users.list(orgId)`, `client.configs.create(orgId, …)`).
import {createHash} from 'node:crypto'

import {regionEndpoints} from '../config/index.js'
import {LcsError} from '../errors.js'
import {FleetAgents} from './agents.js'
import {registerSecret} from '../redact.js'
import {AccessGroups} from './access-groups.js'
import {Apps, Configs, Deployments, Firmware, Resources, Tasks} from './deploy.js'
import {EnrollmentCodes, Printers} from './enrollment.js'
import {environmentLogin} from './env.js'
import {Assets, MpsContacts, Preenrollments} from './fleet.js'
import {Groups} from './groups.js'
import {LocalAgents} from './local-agents.js'
import {Mps} from './mps.js'
import {errorKindOf, HttpTransport, text, type ResponseSize, type TransportOptions} from './http.js'
import {Organizations} from './orgs.js'
import {Federation} from './federation.js'
import {Policies} from './policies.js'
import {Badges, LoginConfig, Users} from './people.js'
import {Roles} from './roles.js'
import {ROUTES, fillPath, type RouteName} from './routes.js'
import type {
  BatchItemResult,
  BatchOptions,
  BatchResponse,
  ListOptions,
  Outcome,
  Page,
  RequestOptions,
  TokenInfo,
  TokenResponse,
} from './types.js'

/** The two hosts of a cloud: the identity provider (tokens) and the services. */
export interface Endpoints {
  idp: string
  apis: string
}

/** How the client authenticates. */
export type Credentials =
  | {kind: 'token'; accessToken: string}
  | {kind: 'client'; clientId: string; clientSecret: string}
  | {kind: 'refresh'; clientId: string; refreshToken: string}

/** An access token and when it expires. */
export interface TokenState {
  accessToken: string
  /** Epoch ms. */
  expiresAt: number
  refreshToken?: string
}

/** Everything a client is built from: where, who, and the transport settings. */
export interface CloudClientOptions extends TransportOptions {
  endpoints: Endpoints
  credentials: Credentials
  /** A cached token from a previous run, used while it is valid. */
  token?: TokenState
  /** Called whenever a new token was obtained, so the caller can cache it (and a rotated refresh token). */
  onToken?: (token: TokenState) => void | Promise<void>
}

/** Options of {@link CloudClient.fromLogin}. */
export interface StoredLoginOptions extends TransportOptions {
  /** The CLI profile (default: `LCS_PROFILE`, else "default"). */
  profile?: string
  /** Where the CLI's configuration lives (`LCS_CONFIG_DIR`, `XDG_CONFIG_HOME`, `HOME`). Default: `process.env`. */
  env?: NodeJS.ProcessEnv
}

/** A public cloud region. */
export type Region = 'us' | 'eu'

/** Options of a low-level {@link CloudClient.call}. */
export interface CallOptions extends RequestOptions {
  params?: Record<string, string>
  query?: Record<string, string | number | undefined>
  body?: unknown
  idempotencyKey?: string
  /** How large the answer may be: 'small' (64 KiB), 'item' (4 MiB, the default) or 'page' (16 MiB). */
  responseSize?: ResponseSize
}

/** The public OAuth client of the CLI for the password grant (no secret, like any installed app). */
export const CLI_CLIENT_ID = 'lcs-cli'
/** Refresh this long before expiry so a token never expires mid-request. */
const REFRESH_MARGIN_MS = 60_000
/** The largest page the list endpoints serve. */
export const MAX_PAGE_SIZE = 200
/** Pages one listing reads at most (2 million items of 200): a server that never says "last" ends here. */
export const MAX_PAGES = 10_000

/**
 * A client of the printer cloud. Build one with `new CloudClient({endpoints, credentials})`, or with
 * {@link CloudClient.forRegion}, {@link CloudClient.fromEnv} or {@link CloudClient.fromLogin}; then call
 * the namespaces (`client.orgs.list()`, `client.users.apply(orgId, items)` …). Every call takes an
 * optional `{signal}` last.
 */
export class CloudClient {
  readonly endpoints: Endpoints
  /** Organizations: list, get, children, create a child. */
  readonly orgs = new Organizations(this)
  /** Users of an organization. */
  readonly users = new Users(this)
  /** User groups and their members. */
  readonly groups = new Groups(this)
  /** Badges and PINs for printer login. */
  readonly badges = new Badges(this)
  /** The organization's printer-login configuration: login methods and PINs. */
  readonly loginConfig = new LoginConfig(this)
  /** The organization's authentication provider (identity federation). */
  readonly federation = new Federation(this)
  /** Printers pre-enrolled by serial number. */
  readonly preenrollments = new Preenrollments(this)
  /** MPS Express (supplies delivery) contacts. */
  readonly mpsContacts = new MpsContacts(this)
  /** The read-only integration API: assets, supplies, alerts, counters, diagnostics. */
  readonly assets = new Assets(this)
  /** The organization's enrollment code. */
  readonly enrollmentCodes = new EnrollmentCodes(this)
  /** Enrolled printers. */
  readonly printers = new Printers(this)
  /** The firmware catalog. */
  readonly firmware = new Firmware(this)
  /** The standard eSF application catalog. */
  readonly apps = new Apps(this)
  /** The resource library (firmware, apps, UCF files, settings bundles). */
  readonly resources = new Resources(this)
  /** Configurations. */
  readonly configs = new Configs(this)
  /** Deployments (configurations, files, firmware updates). */
  readonly deployments = new Deployments(this)
  /** The task history. */
  readonly tasks = new Tasks(this)

  /** Fleet Agent definitions and activation codes. */
  readonly fleetAgents = new FleetAgents(this)
  /** Local Agents, their settings and the organization's activation code. */
  readonly localAgents = new LocalAgents(this)
  /** MPS Express: entitlement, supplies delivery contact assignments, eligibility, adding printers. */
  readonly mps = new Mps(this)

  /** Notification policies (supplies, printer information) and the notification history. */
  readonly policies = new Policies(this)

  /** Roles of users, groups and organizations. */
  readonly roles = new Roles(this)
  /** Child Organization Access Groups of a partner organization. */
  readonly accessGroups = new AccessGroups(this)
  private readonly http: HttpTransport
  private credentials: Credentials
  private token?: TokenState
  private tokenPromise?: Promise<TokenState>
  private readonly onToken?: CloudClientOptions['onToken']

  /** A client for these endpoints and credentials; nothing is sent until the first call. */
  constructor(opts: CloudClientOptions) {
    this.endpoints = opts.endpoints
    this.http = new HttpTransport(opts)
    this.credentials = opts.credentials
    this.onToken = opts.onToken
    if (opts.credentials.kind === 'token') this.token = {accessToken: opts.credentials.accessToken, expiresAt: Number.POSITIVE_INFINITY}
    else if (opts.token) this.token = opts.token
    registerSecret(this.token?.accessToken)
  }

  /** A client of a public region's cloud (`us` or `eu`). */
  static forRegion(region: Region, credentials: Credentials, options: TransportOptions = {}): CloudClient {
    return new CloudClient({...options, credentials, endpoints: regionEndpoints(region)})
  }

  /**
   * A client from the environment, as the CLI reads it: `LCS_API_URL` (else `LCS_REGION`, else `us`) and
   * `LCS_TOKEN`, or `LCS_CLIENT_ID` with `LCS_CLIENT_SECRET`. Throws a usage error when neither is set.
   */
  static fromEnv(env: NodeJS.ProcessEnv = process.env, options: TransportOptions = {}): CloudClient {
    return new CloudClient({...options, ...environmentLogin(env)})
  }

  /**
   * A client from the CLI's stored login (`lcs login`): the profile's endpoints and its secrets from the OS
   * keychain or the CLI's credentials file. Renewed tokens are stored back, as the CLI does.
   */
  static async fromLogin(opts: StoredLoginOptions = {}): Promise<CloudClient> {
    const {profile, env = process.env, ...transport} = opts
    // Lazy: the profile store and the keychain are loaded only by those who use a stored login.
    const {storedLogin} = await import('../auth/index.js')
    return new CloudClient({...transport, ...(await storedLogin(profile, env))})
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

  /** A valid access token, obtained or renewed when needed (concurrent callers share one request). */
  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - Date.now() > REFRESH_MARGIN_MS) return this.token.accessToken
    this.tokenPromise ??= this.fetchToken().finally(() => {
      this.tokenPromise = undefined
    })
    return (await this.tokenPromise).accessToken
  }

  private async fetchToken(): Promise<TokenState> {
    const c = this.credentials
    if (c.kind === 'token')
      throw new LcsError('auth', 'The access token (LCS_TOKEN) was rejected or has expired.', {
        hint: 'Get a new token, or log in with client credentials.',
      })
    let token: TokenState
    try {
      token =
        c.kind === 'client'
          ? await requestToken(this.http, this.endpoints, {
              client_id: c.clientId,
              client_secret: c.clientSecret,
              grant_type: 'client_credentials',
            })
          : await requestToken(this.http, this.endpoints, {
              client_id: c.clientId,
              grant_type: 'refresh_token',
              refresh_token: c.refreshToken,
            })
    } catch (error) {
      throw authFailure(error, c.kind === 'client' ? 'Wrong client ID or client secret.' : 'The stored session has expired or was revoked.')
    }
    if (c.kind === 'refresh' && token.refreshToken) this.credentials = {...c, refreshToken: token.refreshToken}
    this.token = token
    await this.onToken?.(token)
    return token
  }

  // ---- low level: any route of docs/api/openapi.yaml ----

  /** An authenticated call of one route; on a 401 the token is renewed once and the call repeated. */
  async call<T>(route: RouteName, opts: CallOptions = {}): Promise<T> {
    const r = ROUTES[route]
    const url = this.endpoints[r.base] + fillPath(r.path, opts.params)
    for (let attempt = 0; ; attempt++) {
      const bearer = await this.accessToken()
      try {
        const res = await this.http.request<T>({
          body: opts.body,
          headers: {Authorization: `Bearer ${bearer}`},
          idempotencyKey: opts.idempotencyKey,
          method: r.method,
          query: opts.query,
          responseSize: opts.responseSize ?? (route === 'tokenInfo' ? 'small' : 'item'),
          signal: opts.signal,
          url,
        })
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

  /**
   * Async iteration over every item of a paged list route (Spring-style pages, size ≤ 200). A server whose
   * paging makes no progress (the same page twice, a page number that does not advance, more items than
   * it announced, more than {@link MAX_PAGES} pages) fails the listing with an "unavailable" error.
   */
  async *paginate<T>(
    route: RouteName,
    opts: ListOptions & {params?: Record<string, string>; query?: Record<string, string | number | undefined>} = {},
  ): AsyncGenerator<T> {
    const size = Math.min(Math.max(1, opts.pageSize ?? MAX_PAGE_SIZE), MAX_PAGE_SIZE)
    const broken = (what: string) =>
      new LcsError('unavailable', `The printer cloud's paging of ${route} makes no progress: ${what}.`, {
        hint: 'The server is broken or hostile; nothing more was read.',
      })
    let yielded = 0
    let seen = 0
    let previous: string | undefined
    for (let page = 0; ; page++) {
      if (page >= MAX_PAGES) throw broken(`more than ${MAX_PAGES} pages`)
      const p = await this.call<Page<T>>(route, {
        params: opts.params,
        query: {...opts.query, page, size},
        responseSize: 'page',
        signal: opts.signal,
      })
      if (!p || typeof p !== 'object' || !Array.isArray(p.content)) throw broken(`page ${page} has no list of items ("content")`)
      if (typeof p.number === 'number' && p.number !== page) throw broken(`page ${page} was asked for and page ${p.number} answered`)
      const fingerprint = createHash('sha256').update(JSON.stringify(p.content)).digest('hex')
      if (p.content.length && fingerprint === previous) throw broken(`page ${page} repeats page ${page - 1}`)
      previous = fingerprint
      seen += p.content.length
      if (typeof p.totalElements === 'number' && seen > p.totalElements)
        throw broken(`${seen} items so far, more than the ${p.totalElements} announced`)
      for (const item of p.content) {
        if (opts.limit !== undefined && yielded >= opts.limit) return
        yielded++
        yield item
      }
      if (p.last || !p.content.length || (p.totalPages !== undefined && page + 1 >= p.totalPages)) return
    }
  }

  /** Sends items to a batch route of an organization; the answer has one result per item, in order. */
  async batch<Item>(route: RouteName, orgId: string, items: Item[], opts: BatchOptions = {}): Promise<BatchItemResult[]> {
    const res = await this.call<BatchResponse>(route, {
      body: {items},
      params: {orgId},
      query: opts.dryRun ? {dryRun: 'true'} : undefined,
      signal: opts.signal,
    })
    if (
      !Array.isArray(res?.results) ||
      res.results.length !== items.length ||
      !res.results.every((r) => r && typeof r.status === 'number')
    ) {
      throw new LcsError('unavailable', `The printer cloud answered ${route} without one result per item (${items.length} sent).`, {
        hint: 'Nothing tells which items were applied: list them before retrying.',
      })
    }
    return res.results
  }

  /** One item through a batch route (single-item commands): its outcome, or its rejection as an error. */
  async batchOne<Item>(route: RouteName, orgId: string, item: Item, opts: RequestOptions = {}): Promise<Outcome> {
    const [r] = await this.batch(route, orgId, [item], opts)
    if (r?.outcome && r.status < 300) return r.outcome
    throw new LcsError(errorKindOf(r.status), text(r.error?.message) ?? `HTTP ${r.status}`, {
      details: Array.isArray(r.error?.details) ? r.error.details : undefined,
    })
  }

  // ---- identity ----

  /** Who the token is for and which organization it acts for. */
  tokenInfo(opts: RequestOptions = {}): Promise<TokenInfo> {
    return this.call<TokenInfo>('tokenInfo', opts)
  }
}

async function requestToken(http: HttpTransport, endpoints: Endpoints, body: Record<string, string>): Promise<TokenState> {
  const res = await http.request<TokenResponse>({body, method: 'POST', responseSize: 'small', url: endpoints.idp + ROUTES.token.path})
  const t = res.data as Partial<Record<keyof TokenResponse, unknown>> | undefined
  const wrong = (what: string) =>
    new LcsError('unavailable', `The token endpoint at ${new URL(endpoints.idp).origin} answered ${what}.`, {
      hint: 'The identity provider is broken or it is not one: check --api-url / LCS_API_URL.',
      requestId: res.requestId,
    })
  if (!t || typeof t !== 'object') throw wrong('without a JSON object')
  if (typeof t.access_token !== 'string' || !t.access_token)
    throw wrong(`without an access token (access_token is ${describe(t.access_token)})`)
  if (typeof t.expires_in !== 'number' || !Number.isFinite(t.expires_in) || t.expires_in <= 0)
    throw wrong(`an expires_in that is not a number of seconds (${describe(t.expires_in)})`)
  if (t.refresh_token !== undefined && typeof t.refresh_token !== 'string')
    throw wrong(`a refresh_token that is not text (${describe(t.refresh_token)})`)
  registerSecret(t.access_token)
  registerSecret(t.refresh_token)
  return {accessToken: t.access_token, expiresAt: Date.now() + t.expires_in * 1000, refreshToken: t.refresh_token}
}

/** What a wrong value is, without echoing it (it may be a secret). */
function describe(v: unknown): string {
  return v === undefined
    ? 'missing'
    : v === null
      ? 'null'
      : typeof v === 'string'
        ? v
          ? 'a string'
          : 'empty'
        : Array.isArray(v)
          ? 'a list'
          : `a ${typeof v}`
}

function authFailure(error: unknown, message: string): unknown {
  // The token endpoint answers 400/401 (invalid_grant, invalid_client) for bad credentials.
  if (error instanceof LcsError && (error.kind === 'auth' || error.kind === 'badData')) {
    return new LcsError('auth', message, {hint: 'Nothing was stored. Check the credentials and try again.', requestId: error.requestId})
  }
  return error
}
