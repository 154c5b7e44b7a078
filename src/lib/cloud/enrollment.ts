// Enrollment calls of the SDK (our contract): enrollment codes and enrolled printers.
import type {CloudClient} from './client.js'
import type {ListOptions, RequestOptions} from './types.js'

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
  firmware: string | null
  address: string | null
  communicationStatus: 'communicating' | 'not communicating' | 'agent needs credentials' | 'agent not communicating'
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
    return this.c.paginate<EnrolledPrinter>('listPrinters', {
      ...filter,
      params: {orgId},
      query: {includeChildren: filter.includeChildren ? 'true' : undefined, serial: filter.serial, tag: filter.tag},
    })
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
