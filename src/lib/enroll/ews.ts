// The printer driver: one module against our small printer web-service contract (docs/printer-web-service.md),
// which the sandbox's simulated printers implement. Lexmark's own EWS endpoints are not public.
import axios, {type AxiosInstance} from 'axios'

/** The contract's default port (the sandbox's printers listen there). */
export const DEFAULT_EWS_PORT = 16180

export interface PrinterStatus {
  serialNumber: string
  manufacturer: string
  modelName: string
  firmware: string
  agentCapability: 'native' | 'printer' | 'none'
  enrollment: {state: 'none'} | {state: 'pending'; since: number} | {state: 'enrolled'; organizationId: string} | {state: 'failed'; reason: string}
  clock: string
  ntp: boolean
  printerAgentInstalled: boolean | null
}

export interface EwsCredentials {
  user: string
  password: string
}

export class EwsError extends Error {
  constructor(readonly kind: 'auth' | 'unreachable' | 'refused' | 'bad-answer', message: string) {
    super(message)
    this.name = 'EwsError'
  }
}

export class PrinterWebService {
  private readonly ax: AxiosInstance

  constructor(readonly address: string, port = DEFAULT_EWS_PORT, credentials?: EwsCredentials, timeoutMs = 10_000) {
    this.ax = axios.create({
      auth: credentials ? {password: credentials.password, username: credentials.user} : undefined,
      baseURL: `http://${address}:${port}/lcs/v1`,
      maxRedirects: 0,
      timeout: timeoutMs,
      validateStatus: () => true,
    })
  }

  private async call<T>(method: 'GET' | 'PUT' | 'POST', path: string, data?: unknown): Promise<T> {
    let res
    try {
      res = await this.ax.request({data, method, url: path})
    } catch (error) {
      const code = (error as {code?: string}).code ?? 'network error'
      throw new EwsError('unreachable', `printer web service unreachable (${code})`)
    }
    if (res.status === 401) throw new EwsError('auth', 'the printer web service needs credentials')
    if (res.status >= 400) throw new EwsError('refused', String((res.data as {error?: string})?.error ?? `HTTP ${res.status}`))
    if (typeof res.data !== 'object' || res.data === null) throw new EwsError('bad-answer', 'the printer answered something that is not JSON')
    return res.data as T
  }

  status(): Promise<PrinterStatus> {
    return this.call<PrinterStatus>('GET', '/status')
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
