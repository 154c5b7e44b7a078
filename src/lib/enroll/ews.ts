// The printer driver: one module against our small printer web-service contract (docs/printer-web-service.md),
// which the sandbox's simulated printers implement. Lexmark's own EWS endpoints are not public.

import {lazyAxios, type Requester, text} from '../cloud/index.js'

/** The contract's default port (the sandbox's printers listen there). */
export const DEFAULT_EWS_PORT = 16180
/** The largest answer read from a printer (decompressed): every answer of the contract is a few hundred bytes. */
export const EWS_MAX_ANSWER_BYTES = 256 * 1024

export interface PrinterStatus {
  serialNumber: string
  manufacturer: string
  modelName: string
  firmware: string
  agentCapability: 'native' | 'printer' | 'none'
  enrollment:
    | {state: 'none'}
    | {state: 'pending'; since: number}
    | {state: 'enrolled'; organizationId: string}
    | {state: 'failed'; reason: string}
  clock: string
  ntp: boolean
  /** The NTP server address; blank (or absent) means NTP cannot keep the clock right. */
  ntpServer?: string
  printerAgentInstalled: boolean | null
}

export interface EwsCredentials {
  user: string
  password: string
}

export class EwsError extends Error {
  constructor(
    readonly kind: 'auth' | 'unreachable' | 'refused' | 'bad-answer',
    message: string,
  ) {
    super(message)
    this.name = 'EwsError'
  }
}

export class PrinterWebService {
  private readonly ax: Requester

  /** `timeoutMs` bounds each call as a whole, however slowly the printer answers. */
  constructor(
    readonly address: string,
    port = DEFAULT_EWS_PORT,
    credentials?: EwsCredentials,
    private readonly timeoutMs = 10_000,
  ) {
    this.ax = lazyAxios({
      auth: credentials ? {password: credentials.password, username: credentials.user} : undefined,
      baseURL: `http://${address}:${port}/lcs/v1`,
      maxContentLength: EWS_MAX_ANSWER_BYTES,
      maxRedirects: 0,
      // parsed here, so that garbage is reported rather than returned as a string
      responseType: 'text',
      timeout: timeoutMs,
      transformResponse: [(d) => d],
      validateStatus: () => true,
    })
  }

  private async call<T>(method: 'GET' | 'PUT' | 'POST', path: string, data?: unknown): Promise<T> {
    let res
    try {
      res = await this.ax.request<string>({data, method, signal: AbortSignal.timeout(this.timeoutMs), url: path})
    } catch (error) {
      if (/maxContentLength/.test((error as Error).message ?? ''))
        throw new EwsError('bad-answer', `the printer web service sent more than ${EWS_MAX_ANSWER_BYTES / 1024} KiB for ${path}`)
      const e = error as {code?: string; name?: string}
      const code =
        e.name === 'CanceledError' || e.code === 'ERR_CANCELED'
          ? `no complete answer within ${this.timeoutMs / 1000} s`
          : (e.code ?? 'network error')
      throw new EwsError('unreachable', `printer web service unreachable (${code})`)
    }
    let body: unknown
    try {
      body = res.data ? JSON.parse(res.data) : undefined
    } catch {
      body = undefined
    }
    if (res.status === 401) throw new EwsError('auth', 'the printer web service needs credentials')
    if (res.status >= 400) {
      const reason = text((body as {error?: unknown} | undefined)?.error, 200)
      throw new EwsError('refused', reason ?? `the printer web service refused (HTTP ${res.status}) without a readable reason`)
    }
    if (res.status >= 300 || res.status < 200)
      throw new EwsError('bad-answer', `the printer web service answered HTTP ${res.status} where the contract answers directly`)
    if (typeof body !== 'object' || body === null) throw new EwsError('bad-answer', 'the printer answered something that is not JSON')
    return body as T
  }

  /** The printer's identity, agent capability, enrollment state and clock (checked against the contract). */
  async status(): Promise<PrinterStatus> {
    const s = await this.call<Record<string, unknown>>('GET', '/status')
    const e = s.enrollment as {state?: unknown; reason?: unknown} | undefined
    const wrong =
      typeof s.serialNumber !== 'string'
        ? 'serialNumber'
        : !['native', 'printer', 'none'].includes(s.agentCapability as string)
          ? 'agentCapability'
          : typeof s.clock !== 'string'
            ? 'clock'
            : !e || typeof e !== 'object' || !['none', 'pending', 'enrolled', 'failed'].includes(e.state as string)
              ? 'enrollment.state'
              : e.state === 'failed' && typeof e.reason !== 'string'
                ? 'enrollment.reason'
                : undefined
    if (wrong) throw new EwsError('bad-answer', `the printer's status answer has no valid ${wrong}`)
    return s as unknown as PrinterStatus
  }

  setClock(time: Date): Promise<{clock: string}> {
    return this.call('PUT', '/clock', {time: time.toISOString()})
  }

  /** Native Agent: hand the printer the organization's enrollment code. */
  applyEnrollmentCode(code: string, cloudUrl: string): Promise<unknown> {
    return this.call('POST', '/enrollment', {cloudUrl, code})
  }

  /** Printer Agent: install the Printer Configuration Agent app, which then registers with the code. */
  installPrinterAgent(code: string, cloudUrl: string): Promise<unknown> {
    return this.call('POST', '/apps/printer-configuration-agent', {cloudUrl, code})
  }

  /** Printer-based enrollment: the printer shows a code to be entered in the cloud. */
  generateCode(cloudUrl: string): Promise<{code: string; expiresAt: number}> {
    return this.call('POST', '/enrollment-code', {cloudUrl})
  }
}
