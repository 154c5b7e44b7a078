// HTTP transport of the cloud SDK: retries with exponential backoff and jitter on 429/5xx/network
// errors (honouring Retry-After), request ids, an HTTP trace with secrets redacted, and the mapping of
// every failure to a typed LcsError with a message that says what to check.
import axios, {type AxiosInstance, type AxiosResponse} from 'axios'
import {randomUUID} from 'node:crypto'

import {LcsError, type ErrorDetail, type ErrorKind} from '../errors.js'
import {redactUrl, redactValue} from '../redact.js'

/** Receives trace lines. */
export type Logger = (line: string) => void

/** How the client retries and times out (the CLI maps its LCS_* variables to these). */
export interface TransportOptions {
  /** Retries after the first attempt for transient failures. */
  maxRetries?: number
  /** Base delay of the exponential backoff, in ms. */
  backoffMs?: number
  /** Upper bound of one backoff delay (Retry-After may ask for more, up to 60 s). */
  maxBackoffMs?: number
  /** Idle time allowed per attempt, in ms. */
  timeoutMs?: number
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
}

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

export class HttpTransport {
  private readonly ax: AxiosInstance
  private readonly opts: Required<Omit<TransportOptions, 'trace'>> & {trace?: Logger}

  /** Undefined options take the documented defaults. */
  constructor(opts: TransportOptions = {}) {
    this.opts = {
      backoffMs: 200,
      maxBackoffMs: 3000,
      maxRetries: 8,
      random: Math.random,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      timeoutMs: 30_000,
      userAgent: 'lcs',
      ...definedOnly(opts),
    }
    this.ax = axios.create({
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
    for (let attempt = 0; ; attempt++) {
      req.signal?.throwIfAborted()
      const started = Date.now()
      this.trace(`→ ${req.method} ${redactUrl(url)}${attempt ? ` (retry ${attempt})` : ''} headers=${JSON.stringify(redactValue(headers))}${req.body === undefined ? '' : ` body=${JSON.stringify(shorten(redactValue(req.body)))}`}`)
      let res: AxiosResponse<string>
      try {
        res = await this.ax.request<string>({data: req.body === undefined ? undefined : JSON.stringify(req.body), headers, method: req.method, signal: req.signal, url})
      } catch (error) {
        req.signal?.throwIfAborted()
        const code = netCode(error)
        this.trace(`← network error ${code} after ${Date.now() - started} ms`)
        const retriable = TRANSIENT_NET.has(code) || (code === 'ECONNREFUSED' && attempt < REFUSED_RETRIES)
        if (retriable && attempt < this.opts.maxRetries) {
          await this.wait(this.backoff(attempt), req.signal)
          continue
        }
        throw networkError(error, code, req.url)
      }
      const rid = header(res, 'x-request-id') ?? requestId
      this.trace(`← ${res.status} in ${Date.now() - started} ms request-id=${rid}${res.status >= 400 ? ` body=${JSON.stringify(redactValue(safeJson(res.data) ?? truncate(res.data)))}` : ''}`)
      if (TRANSIENT_STATUS.has(res.status) && attempt < this.opts.maxRetries) {
        await this.wait(this.retryDelay(res, attempt), req.signal)
        continue
      }
      if (res.status >= 400) throw httpError(res, req.url, rid, attempt + 1)
      if (res.status === 204 || res.data === '' || res.data === undefined) return {data: undefined as T, requestId: rid, status: res.status}
      const data = safeJson(res.data)
      if (data === undefined) throw notJson(res, req.url)
      return {data: data as T, requestId: rid, status: res.status}
    }
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

  private retryDelay(res: AxiosResponse, attempt: number): number {
    const ra = header(res, 'retry-after')
    if (ra !== undefined) {
      const secs = Number(ra)
      const ms = Number.isFinite(secs) ? secs * 1000 : Date.parse(ra) - Date.now()
      if (Number.isFinite(ms) && ms >= 0) return Math.min(ms, 60_000)
    }
    return this.backoff(attempt)
  }
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

function networkError(error: unknown, code: string, url: string): LcsError {
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
    ETIMEDOUT: 'the request timed out',
  }
  return new LcsError('unavailable', `Cannot reach the printer cloud at ${where}: ${what[code] ?? code}.`, {
    cause: error,
    hint: 'Check --api-url / LCS_API_URL / --region and your network. For the local sandbox: `lcs sandbox start`.',
  })
}

function notJson(res: AxiosResponse<string>, url: string): LcsError {
  const ct = header(res, 'content-type') ?? 'no content type'
  const looksHtml = /html/i.test(ct) || /^\s*</.test(res.data ?? '')
  return new LcsError('unavailable', `${origin(url)} answered ${looksHtml ? 'with an HTML page' : 'with something that is not JSON'} (HTTP ${res.status}, ${ct}) where the printer cloud API was expected.`, {
    hint: 'Check --api-url / LCS_API_URL: it must point at the API, not at a web portal or proxy login page.',
  })
}

interface ApiErrorBody {
  error?: {code?: string; message?: string; details?: ErrorDetail[]; requestId?: string; requiredRoles?: string[]} | string
  error_description?: string
  message?: string
}

/** The error kind (and so the exit code) of an HTTP status: of a response, or of one item of a batch. */
export function errorKindOf(status: number): ErrorKind {
  return status === 401 ? 'auth'
    : status === 403 ? 'forbidden'
    : status === 404 || status === 410 ? 'notFound'
    : status === 409 ? 'conflict'
    : status === 400 || status === 422 ? 'badData'
    : status === 429 || status >= 500 ? 'unavailable'
    : 'error'
}

function httpError(res: AxiosResponse<string>, url: string, requestId: string, attempts: number): LcsError {
  const body = (safeJson(res.data) ?? {}) as ApiErrorBody
  const err = typeof body.error === 'object' ? body.error : undefined
  const rid = err?.requestId ?? requestId
  const serverMsg = err?.message ?? body.error_description ?? body.message ?? (typeof body.error === 'string' ? body.error : undefined)
  const kind = errorKindOf(res.status)
  let message = serverMsg ?? `HTTP ${res.status}`
  let hint: string | undefined
  if (kind === 'forbidden' && err?.requiredRoles?.length) {
    message = `${serverMsg ?? 'Permission denied'}: this needs the role ${err.requiredRoles.join(' or ')}.`
    hint = 'Ask an Organization Administrator to assign the role, or log in as a user who has it.'
  } else if (kind === 'auth') {
    hint = 'Run `lcs login` (or set LCS_CLIENT_ID and LCS_CLIENT_SECRET) and try again.'
  } else if (kind === 'unavailable') {
    message = `The printer cloud at ${origin(url)} is unavailable (HTTP ${res.status}${serverMsg ? `: ${serverMsg}` : ''}) after ${attempts} attempt${attempts === 1 ? '' : 's'}.`
    hint = 'Try again later; check the service status.'
  }
  return new LcsError(kind, message, {details: err?.details, hint, requestId: rid})
}
