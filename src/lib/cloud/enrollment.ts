// Enrollment calls of the SDK (our contract): enrollment codes and enrolled printers.
import type {CloudClient} from './client.js'
import type {ListOptions, RequestOptions} from './types.js'

/** The guide's four communication statuses of an enrolled printer, as the Printers page shows them. */
export const COMMUNICATION_STATUSES = ['Communicating', 'Not communicating', 'Agent needs credentials', 'Agent not communicating'] as const
export type CommunicationStatus = (typeof COMMUNICATION_STATUSES)[number]

/** A printer enrolled in an organization. */
export interface EnrolledPrinter {
  serialNumber: string
  organizationId: string
  manufacturer: string
  modelName: string
  name: string | null
  agent: 'native' | 'printer' | 'fleet' | 'local'
  /** Same as agent (the name `printers discover` uses). */
  agentType: 'native' | 'printer' | 'fleet' | 'local'
  /** The Fleet Agent's name, or the computer of the Local Agent, it is enrolled through (null for the others). */
  agentName: string | null
  /** Lifetime page count last reported (null when never reported). */
  pageCount?: number | null
  firmware: string | null
  address: string | null
  communicationStatus: CommunicationStatus
  lastCommunication: number | null
  enrolledAt: number
  tags: string[]
  mpsStatus: 'none' | 'managed' | 'pending'
}

/** An organization's enrollment code for Native Agent printers. */
export interface EnrollmentCode {
  code: string
  expiresAt: number
  organizationId: string | null
  sentTo?: string
}

/** Which enrolled printers to list. */
export interface PrinterFilter extends ListOptions {
  serial?: string
  tag?: string
  /** Also the printers of the child organizations. */
  includeChildren?: boolean
  /** Only printers with one of these communication statuses (filtered as the pages arrive). */
  status?: CommunicationStatus[]
  /** Only printers whose manufacturer and model name contain this text, any case (filtered here too). */
  model?: string
}

/** Refresh printer information: a task (for a Fleet Agent printer, queued on its agent's next cycle). */
export interface RefreshTask {
  serialNumber: string
  taskId: string
  status: 'queued' | 'succeeded' | 'failed'
  detail: string | null
}

/** What applying printer credentials did to one printer. */
export interface CredentialsResult {
  serialNumber: string
  /** applied: the agent can manage it again; unchanged: it did not need credentials; refused: the printer rejected them. */
  outcome: 'applied' | 'unchanged' | 'refused' | 'not found'
  reason?: string
}

/** `client.enrollmentCodes`: the organization's enrollment code. */
export class EnrollmentCodes {
  /** @internal */
  constructor(private readonly c: CloudClient) {}

  /** The current code (a new one when the last has expired). */
  get(orgId: string, opts: RequestOptions = {}): Promise<EnrollmentCode> {
    return this.c.call<EnrollmentCode>('enrollmentCode', {params: {orgId}, signal: opts.signal})
  }

  /** E-mails the current code to an address. */
  email(orgId: string, email: string, opts: RequestOptions = {}): Promise<EnrollmentCode> {
    return this.c.call<EnrollmentCode>('emailEnrollmentCode', {body: {email}, params: {orgId}, signal: opts.signal})
  }
}

/** `client.printers`: enrolled printers. */
export class Printers {
  /** @internal */
  constructor(private readonly c: CloudClient) {}

  /** The enrolled printers, filtered. */
  list(orgId: string, filter: PrinterFilter = {}): AsyncGenerator<EnrolledPrinter> {
    const {model, status, ...rest} = filter
    const filtered = Boolean(status || model)
    const pages = this.c.paginate<EnrolledPrinter>('listPrinters', {
      ...rest,
      limit: filtered ? undefined : filter.limit,
      params: {orgId},
      query: {includeChildren: filter.includeChildren ? 'true' : undefined, serial: filter.serial, tag: filter.tag},
    })
    return filtered ? matching(pages, {model: model?.toLowerCase(), status: status && new Set(status)}, filter.limit) : pages
  }

  /** Refresh printer information (the Printer Details page's button); the task lands in the task history. */
  refresh(orgId: string, serial: string, opts: RequestOptions = {}): Promise<RefreshTask> {
    return this.c.call<RefreshTask>('refreshPrinter', {params: {orgId, serial}, signal: opts.signal})
  }

  /** Applies printer administrator credentials to printers whose agent needs them. */
  applyCredentials(
    orgId: string,
    serialNumbers: string[],
    credentials: {username: string; password: string},
    opts: RequestOptions = {},
  ): Promise<CredentialsResult[]> {
    return this.c
      .call<{
        results: CredentialsResult[]
      }>('applyPrinterCredentials', {body: {...credentials, serialNumbers}, params: {orgId}, signal: opts.signal})
      .then((r) => r.results)
  }

  /** One printer by serial number (404 when it is not enrolled). */
  get(orgId: string, serial: string, opts: RequestOptions = {}): Promise<EnrolledPrinter> {
    return this.c.call<EnrolledPrinter>('getPrinter', {params: {orgId, serial}, signal: opts.signal})
  }

  /** Removes a printer from the organization. */
  unenroll(orgId: string, serial: string, opts: RequestOptions = {}): Promise<void> {
    return this.c.call<void>('unenrollPrinter', {params: {orgId, serial}, signal: opts.signal})
  }

  /** Replaces a printer's tags. */
  setTags(orgId: string, serial: string, tags: string[], opts: RequestOptions = {}): Promise<EnrolledPrinter> {
    return this.c.call<EnrolledPrinter>('setPrinterTags', {body: {tags}, params: {orgId, serial}, signal: opts.signal})
  }

  /** Enrolls the printer showing this code on its panel. */
  claim(orgId: string, code: string, opts: RequestOptions = {}): Promise<EnrolledPrinter> {
    return this.c.call<EnrolledPrinter>('claimDeviceCode', {params: {code, orgId}, signal: opts.signal})
  }
}

async function* matching(
  pages: AsyncGenerator<EnrolledPrinter>,
  only: {status?: Set<string>; model?: string},
  limit = Number.POSITIVE_INFINITY,
): AsyncGenerator<EnrolledPrinter> {
  let n = 0
  for await (const p of pages) {
    if (n >= limit) return
    if (only.status && !only.status.has(p.communicationStatus)) continue
    if (only.model !== undefined && !`${p.manufacturer} ${p.modelName}`.toLowerCase().includes(only.model)) continue
    n++
    yield p
  }
}
