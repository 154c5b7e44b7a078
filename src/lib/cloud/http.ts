// HTTP transport of the cloud SDK: retries with exponential backoff and jitter on 429/5xx/network
// errors (honouring a bounded Retry-After), request ids, an HTTP trace with secrets redacted, and the
// mapping of every failure to a typed LcsError with a message that says what to check. Everything a server
// controls is bounded: the size of an answer (decompressed), the time of one attempt and of the whole call,
// and the retries a client spends in total.
import type {AxiosInstance, AxiosRequestConfig, AxiosResponse, CreateAxiosDefaults} from 'axios'
import {randomUUID} from 'node:crypto'
import {readFileSync} from 'node:fs'

import {LcsError, type ErrorDetail, type ErrorKind} from '../errors.js'
import {redactUrl, redactValue} from '../redact.js'

/** This package's version, for the User-Agent (package.json is as deep from src/lib/cloud as from dist/lib/cloud). */
export const LCS_VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {version: string})
  .version

/** Receives trace lines. */
export type Logger = (line: string) => void

/** How the client retries and times out (the CLI maps its LCS_* variables to these). */
export interface TransportOptions {
  /** Retries after the first attempt for transient failures. */
  maxRetries?: number
  /** Base delay of the exponential backoff, in ms. */
  backoffMs?: number
  /** Upper bound of one backoff delay. */
  maxBackoffMs?: number
  /** Idle time allowed per attempt, in ms (default 30 s). */
  timeoutMs?: number
  /** Total time of one attempt, however slowly the answer trickles in (default 60 s). */
  attemptTimeoutMs?: number
  /** Total time of one call, retries and their waits included (default 120 s). */
  deadlineMs?: number
  /** Retries this client spends in total over all its calls (default 30). */
  retryBudget?: number
  /** The longest Retry-After honoured; a server asking for more fails the call at once (default 30 s). */
  maxRetryAfterMs?: number
  /** The largest request body sent (default 256 MiB). */
  maxUploadBytes?: number
  /** Receives one line per request and answer, secrets redacted. */
  trace?: Logger
  /** Sent as User-Agent. */
  userAgent?: string
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>
  random?: () => number
}

/** One request of the transport. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  url: string
  query?: Record<string, string | number | undefined>
  body?: unknown
  headers?: Record<string, string>
  /** POSTs get one key for all their attempts, so a retried POST is applied once. */
  idempotencyKey?: string
  signal?: AbortSignal
  /** How large the answer may be (decompressed): see RESPONSE_LIMITS. Default 'item'. */
  responseSize?: ResponseSize
}

/** Size classes of answers. */
export type ResponseSize = 'small' | 'item' | 'page'
/** The largest answer accepted per class, decompressed: tokens and identity, one object, one page of a list. */
export const RESPONSE_LIMITS: Readonly<Record<ResponseSize, number>> = {item: 4 * 2 ** 20, page: 16 * 2 ** 20, small: 64 * 2 ** 10}

/** A parsed answer. */
export interface HttpResponse<T> {
  status: number
  data: T
  requestId?: string
}

const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504])
const TRANSIENT_NET = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'EAI_AGAIN'])
// A refused connection is rarely transient (nothing listens): retry it only briefly.
const REFUSED_RETRIES = 2
const TLS_CODE = /^(CERT_|ERR_TLS|ERR_SSL|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|EPROTO$|ERR_OSSL)/

/** What lcs asks of axios: one request at a time. */
export interface Requester {
  request<T>(req: AxiosRequestConfig): Promise<AxiosResponse<T>>
}

/** An axios instance created on first use: axios and its dependencies cost more start-up time than the
 * rest of the CLI, and commands that never reach the network (help, discovery without a login) skip it. */
export function lazyAxios(config: CreateAxiosDefaults): Requester {
  let instance: Promise<AxiosInstance> | undefined
  return {
    async request<T>(req: AxiosRequestConfig) {
      instance ??= import('axios').then((m) => m.default.create(config))
      return (await instance).request<T>(req)
    },
  }
}

export class HttpTransport {
  private readonly ax: Requester
  private readonly opts: Required<Omit<TransportOptions, 'trace'>> & {trace?: Logger}
  private retriesLeft: number

  /** Undefined options take the documented defaults. */
  constructor(opts: TransportOptions = {}) {
    this.opts = {
      attemptTimeoutMs: 60_000,
      backoffMs: 200,
      deadlineMs: 120_000,
      maxBackoffMs: 3000,
      maxRetries: 8,
      maxRetryAfterMs: 30_000,
      maxUploadBytes: 256 * 2 ** 20,
      random: Math.random,
      retryBudget: 30,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      timeoutMs: 30_000,
      userAgent: `lcs/${LCS_VERSION}`,
      ...definedOnly(opts),
    }
    this.retriesLeft = this.opts.retryBudget
    this.ax = lazyAxios({
      maxRedirects: 0,
      // We parse ourselves so that HTML or garbage is reported, not silently returned as a string.
      responseType: 'text',
      timeout: this.opts.timeoutMs,
      transformResponse: [(d) => d],
      validateStatus: () => true,
    })
  }

  /** Sends a request with retries; answers the parsed JSON or throws an LcsError. */
  async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    const requestId = randomUUID()
    const idempotencyKey = req.idempotencyKey ?? (req.method === 'POST' ? randomUUID() : undefined)
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': this.opts.userAgent,
      'X-Request-Id': requestId,
      ...(idempotencyKey ? {'Idempotency-Key': idempotencyKey} : {}),
      ...(req.body === undefined ? {} : {'Content-Type': 'application/json'}),
      ...req.headers,
    }
    const url = withQuery(req.url, req.query)
    const payload = req.body === undefined ? undefined : JSON.stringify(req.body)
    if (payload !== undefined && Buffer.byteLength(payload) > this.opts.maxUploadBytes) {
      throw new LcsError(
        'badData',
        `The request to ${origin(req.url)} would be ${mib(Buffer.byteLength(payload))}, more than the ${mib(this.opts.maxUploadBytes)} lcs sends in one request.`,
      )
    }
    const limit = RESPONSE_LIMITS[req.responseSize ?? 'item']
    const started = Date.now()
    const deadline = started + this.opts.deadlineMs
    let waited = 0
    // Says how the call ended: attempts, time, waits, and why no further attempt was made.
    const spent = (attempts: number, why = ''): string =>
      `${attempts} attempt${attempts === 1 ? '' : 's'} in ${secs(Date.now() - started)}${waited >= 100 ? `, ${secs(waited)} of it waiting to retry` : ''}${why}`
    for (let attempt = 0; ; attempt++) {
      req.signal?.throwIfAborted()
      const attemptStarted = Date.now()
      const attemptMs = Math.max(1, Math.min(this.opts.attemptTimeoutMs, deadline - attemptStarted))
      const timer = new AbortController()
      const cut = setTimeout(() => timer.abort(), attemptMs)
      const signal = req.signal ? AbortSignal.any([req.signal, timer.signal]) : timer.signal
      this.trace(
        `→ ${req.method} ${redactUrl(url)}${attempt ? ` (retry ${attempt})` : ''} headers=${JSON.stringify(redactValue(headers))}${req.body === undefined ? '' : ` body=${JSON.stringify(shorten(redactValue(req.body)))}`}`,
      )
      let res: AxiosResponse<string>
      try {
        res = await this.ax.request<string>({data: payload, headers, maxContentLength: limit, method: req.method, signal, url})
      } catch (error) {
        req.signal?.throwIfAborted()
        if (/maxContentLength/.test((error as Error).message ?? '')) {
          this.trace(`← answer over ${bytes(limit)} after ${Date.now() - attemptStarted} ms`)
          throw new LcsError(
            'unavailable',
            `${origin(req.url)} sent an answer larger than ${bytes(limit)} (decompressed), more than this call ever needs: refused.`,
            {
              hint: 'The server is broken or hostile; check --api-url / LCS_API_URL.',
            },
          )
        }
        const code = timer.signal.aborted ? 'EDEADLINE' : netCode(error)
        this.trace(`← network error ${code} after ${Date.now() - attemptStarted} ms`)
        const retriable = TRANSIENT_NET.has(code) || code === 'EDEADLINE' || (code === 'ECONNREFUSED' && attempt < REFUSED_RETRIES)
        const delay = this.backoff(attempt)
        const stop = retriable ? this.noRetry(attempt, deadline, delay) : ''
        if (stop === undefined) {
          await this.wait(delay, req.signal)
          waited += delay
          continue
        }
        throw networkError(error, code, req.url, spent(attempt + 1, stop))
      } finally {
        clearTimeout(cut)
      }
      const rid = header(res, 'x-request-id') ?? requestId
      this.trace(
        `← ${res.status} in ${Date.now() - attemptStarted} ms request-id=${rid}${res.status >= 400 ? ` body=${JSON.stringify(redactValue(safeJson(res.data) ?? truncate(res.data)))}` : ''}`,
      )
      if (TRANSIENT_STATUS.has(res.status)) {
        const {ms, asked} = this.retryDelay(res, attempt)
        if (asked !== undefined)
          throw httpError(
            res,
            req.url,
            rid,
            spent(attempt + 1, `; it asked to retry after ${secs(asked)}, longer than the ${secs(this.opts.maxRetryAfterMs)} lcs waits`),
          )
        const stop = this.noRetry(attempt, deadline, ms)
        if (stop === undefined) {
          await this.wait(ms, req.signal)
          waited += ms
          continue
        }
        throw httpError(res, req.url, rid, spent(attempt + 1, stop))
      }
      if (res.status >= 400) throw httpError(res, req.url, rid, spent(attempt + 1))
      if (res.status >= 300 || res.status < 200) throw unexpectedStatus(res, req.url, rid)
      if (res.status === 204 || res.data === '' || res.data === undefined) return {data: undefined as T, requestId: rid, status: res.status}
      const data = safeJson(res.data)
      if (data === undefined) throw notJson(res, req.url)
      return {data: data as T, requestId: rid, status: res.status}
    }
  }

  /** Why no retry is made now (undefined when one may be): the attempt count, the client's budget or the call's deadline. */
  private noRetry(attempt: number, deadline: number, delay: number): string | undefined {
    if (attempt >= this.opts.maxRetries) return ''
    if (this.retriesLeft <= 0) return `; the client's budget of ${this.opts.retryBudget} retries is spent`
    if (Date.now() + delay >= deadline) return `; the ${secs(this.opts.deadlineMs)} deadline of a call was reached`
    this.retriesLeft--
    return undefined
  }

  /** A backoff wait that an abort cuts short. */
  private async wait(ms: number, signal?: AbortSignal): Promise<void> {
    if (!signal) return this.opts.sleep(ms)
    let onAbort!: () => void
    const aborted = new Promise<void>((resolve) => {
      onAbort = resolve
      signal.addEventListener('abort', onAbort, {once: true})
    })
    try {
      await Promise.race([this.opts.sleep(ms), aborted])
    } finally {
      signal.removeEventListener('abort', onAbort)
    }
    signal.throwIfAborted()
  }

  private trace(line: string): void {
    this.opts.trace?.(line)
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.opts.maxBackoffMs, this.opts.backoffMs * 2 ** attempt)
    // "Equal jitter": at least half the ceiling, so retries never collapse to a burst.
    return Math.round(ceiling / 2 + (this.opts.random() * ceiling) / 2)
  }

  /** The wait before the next attempt; `asked` when the server's Retry-After is longer than we wait. */
  private retryDelay(res: AxiosResponse, attempt: number): {ms: number; asked?: number} {
    const ra = header(res, 'retry-after')
    if (ra !== undefined) {
      const secs = Number(ra)
      const ms = Number.isFinite(secs) ? secs * 1000 : Date.parse(ra) - Date.now()
      if (Number.isFinite(ms) && ms >= 0) return ms > this.opts.maxRetryAfterMs ? {asked: ms, ms} : {ms}
    }
    return {ms: this.backoff(attempt)}
  }
}

function secs(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`
}

function bytes(n: number): string {
  return n >= 2 ** 20 ? mib(n) : `${Math.round(n / 1024)} KiB`
}

function mib(n: number): string {
  return `${(n / 2 ** 20).toFixed(n % 2 ** 20 ? 1 : 0)} MiB`
}

/** Options given as undefined take the defaults (a spread would override them with undefined). */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}

function withQuery(url: string, query?: HttpRequest['query']): string {
  if (!query) return url
  const u = new URL(url)
  for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, String(v))
  return u.toString()
}

function header(res: AxiosResponse, name: string): string | undefined {
  const v = res.headers?.[name]
  return v === undefined || v === null ? undefined : String(v)
}

function safeJson(text: unknown): unknown {
  if (typeof text !== 'string') return text
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Long strings (a base64 upload) are abbreviated in the trace. */
function shorten(v: unknown): unknown {
  if (typeof v === 'string') return v.length > 200 ? `${v.slice(0, 60)}…(${v.length} characters)` : v
  if (Array.isArray(v)) return v.map(shorten)
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shorten(x)]))
  return v
}

function truncate(text: unknown): string {
  const s = String(text ?? '')
  return s.length > 200 ? s.slice(0, 200) + '…' : s
}

function netCode(error: unknown): string {
  const e = error as {code?: string; cause?: {code?: string}; message?: string}
  return e.code ?? e.cause?.code ?? (/socket hang up/i.test(e.message ?? '') ? 'ECONNRESET' : 'ENETWORK')
}

function origin(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}

function networkError(error: unknown, code: string, url: string, spent: string): LcsError {
  const where = origin(url)
  if (TLS_CODE.test(code)) {
    return new LcsError('unavailable', `TLS failure talking to ${where} (${code}).`, {
      cause: error,
      hint: 'Check the URL (http vs https), any proxy in between, and NODE_EXTRA_CA_CERTS for a private CA.',
    })
  }
  const what: Record<string, string> = {
    EAI_AGAIN: 'the host name could not be resolved (DNS is unavailable)',
    ECONNREFUSED: 'the connection was refused: nothing listens there',
    ECONNRESET: 'the connection was dropped',
    ENOTFOUND: 'the host name could not be resolved',
    ECONNABORTED: 'the server went silent',
    EDEADLINE: 'no complete answer in time',
    ETIMEDOUT: 'the request timed out',
  }
  return new LcsError('unavailable', `Cannot reach the printer cloud at ${where}: ${what[code] ?? code} (${spent}).`, {
    cause: error,
    hint: 'Check --api-url / LCS_API_URL / --region and your network. For the local sandbox: `lcs sandbox start`.',
  })
}

function notJson(res: AxiosResponse<string>, url: string): LcsError {
  const ct = header(res, 'content-type') ?? 'no content type'
  const looksHtml = /html/i.test(ct) || /^\s*</.test(res.data ?? '')
  return new LcsError(
    'unavailable',
    `${origin(url)} answered ${looksHtml ? 'with an HTML page' : 'with something that is not JSON'} (HTTP ${res.status}, ${ct}) where the printer cloud API was expected.`,
    {
      hint: 'Check --api-url / LCS_API_URL: it must point at the API, not at a web portal or proxy login page.',
    },
  )
}

interface ApiErrorBody {
  error?:
    | {
        code?: string
        message?: string
        details?: ErrorDetail[]
        requestId?: string
        requiredRoles?: string[]
        missingRoles?: string[]
        match?: 'any' | 'all'
        via?: string
      }
    | string
  error_description?: string
  message?: string
}

/** The error kind (and so the exit code) of an HTTP status: of a response, or of one item of a batch. */
export function errorKindOf(status: number): ErrorKind {
  return status === 401
    ? 'auth'
    : status === 403
      ? 'forbidden'
      : status === 404 || status === 410
        ? 'notFound'
        : status === 409
          ? 'conflict'
          : status === 400 || status === 422
            ? 'badData'
            : status === 429 || status >= 500
              ? 'unavailable'
              : 'error'
}

/** A value the server sent where text was expected: the text, or undefined (never "[object Object]"). */
export function text(v: unknown, max = 500): string | undefined {
  return typeof v === 'string' && v.trim() ? (v.length > max ? `${v.slice(0, max)}…` : v) : undefined
}

/** One line naming the missing role(s) and the command that grants them (`lcs roles list` lists them all). */
function missingRolesLine(required: string[], missing: string[], match: 'any' | 'all'): string {
  const quoted = (roles: string[]) => roles.map((r) => `"${r}"`).join(' ')
  if (match === 'all') {
    const s = missing.length === 1 ? '' : 's'
    return `this needs ${required.join(' and ')}; missing the role${s} ${missing.join(' and ')}. Grant with: lcs users roles assign EMAIL ${quoted(missing)}`
  }
  return `this needs the role ${required.join(' or ')}. Grant with: lcs users roles assign EMAIL ${quoted(required.slice(0, 1))}`
}

function httpError(res: AxiosResponse<string>, url: string, requestId: string, spent: string): LcsError {
  const parsed = safeJson(res.data)
  const body = (parsed && typeof parsed === 'object' ? parsed : {}) as ApiErrorBody
  const err = body.error && typeof body.error === 'object' ? body.error : undefined
  const rid = text(err?.requestId, 100) ?? requestId
  const serverMsg = text(err?.message) ?? text(body.error_description) ?? text(body.message) ?? text(body.error)
  const kind = errorKindOf(res.status)
  let message = serverMsg ?? `HTTP ${res.status}`
  let hint: string | undefined
  if (kind === 'forbidden' && err?.requiredRoles?.length) {
    message =
      err.via === 'access-group'
        ? `${serverMsg ?? 'Permission denied'} (they carry the role ${err.requiredRoles.join(', ')}). Grant with: lcs access-groups members add GROUP EMAIL`
        : `${serverMsg ?? 'Permission denied'}: ${missingRolesLine(err.requiredRoles, err.missingRoles ?? err.requiredRoles, err.match ?? 'any')}`
    hint = 'Ask an Organization or User Administrator to run that command, or log in as a user who has the role.'
  } else if (kind === 'auth') {
    hint = 'Run `lcs login` (or set LCS_CLIENT_ID and LCS_CLIENT_SECRET) and try again.'
  } else if (kind === 'unavailable') {
    message = `The printer cloud at ${origin(url)} is unavailable (HTTP ${res.status}${serverMsg ? `: ${serverMsg}` : ''}) after ${spent}.`
    hint = 'Try again later; check the service status.'
  }
  return new LcsError(kind, message, {details: Array.isArray(err?.details) ? err.details : undefined, hint, requestId: rid})
}

/** A redirect (never followed: credentials must not travel elsewhere) or another status the API does not answer. */
function unexpectedStatus(res: AxiosResponse<string>, url: string, requestId: string): LcsError {
  const location = header(res, 'location')
  const redirect = res.status >= 300 && res.status < 400
  return new LcsError(
    'unavailable',
    `${origin(url)} answered HTTP ${res.status}${redirect ? ` (a redirect${location ? ` to ${origin(new URL(location, url).toString())}` : ''})` : ''} where the printer cloud API answers directly: lcs does not follow it.`,
    {
      hint: 'Check --api-url / LCS_API_URL: it must point at the API itself, not at a proxy or portal in front of it.',
      requestId,
    },
  )
}
