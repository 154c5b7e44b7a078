// SDK calls for MPS Express (our contract, 001): a child organization's entitlement (asked of its parent,
// cannot be undone), supplies delivery contacts and their assignment to printers, the eligibility of
// printers and adding them to the program (cannot be undone).
import type {CloudClient} from './client.js'
import type {MpsContact, MpsContactItem} from './fleet.js'
import type {ListOptions, Outcome, RequestOptions} from './types.js'

/** A child organization's entitlements, as its parent sees them. */
export interface Entitlements {
  organizationId: string
  entitlements: string[]
}

/** One printer's eligibility (statuses worded as in the portal: see src/lib/mps). */
export interface PrinterEligibility {
  serialNumber: string
  manufacturer: string
  modelName: string
  status: string
  lifetimePageCount: number | null
  /** The supplies delivery contact assigned to it. */
  contactId: string | null
}

/** The eligibility report of an organization's printers. */
export interface EligibilityReport {
  organizationId: string
  /** Whether the organization has the MPS Express entitlement (needed to add printers). */
  entitled: boolean
  maxLifetimePageCount: number
  printers: PrinterEligibility[]
}

/** A printer's supplies delivery contact. */
export interface ContactAssignment {
  serialNumber: string
  contactId: string
}

/** What an assignment did to each printer, and the contact (created by a create-and-assign). */
export interface AssignResult {
  contact: MpsContact
  results: Array<{serialNumber: string; outcome: Outcome}>
}

/** `client.mps`: MPS Express entitlement, assignments, eligibility and enrollment. */
export class Mps {
  /** @internal */
  constructor(private readonly c: CloudClient) {}

  /** A child organization's entitlements (asked of its parent). */
  entitlements(parentId: string, childId: string, opts: RequestOptions = {}): Promise<Entitlements> {
    return this.c.call<Entitlements>('getChildEntitlements', {params: {childId, orgId: parentId}, signal: opts.signal})
  }

  /** Entitles a child organization to MPS Express. Cannot be undone (the Customer Operations Specialist removes it). */
  entitle(parentId: string, childId: string, opts: RequestOptions = {}): Promise<Entitlements & {outcome: Outcome}> {
    return this.c.call('addChildEntitlement', {body: {name: 'MPS Express'}, params: {childId, orgId: parentId}, signal: opts.signal})
  }

  /** Each printer's eligibility (every enrolled printer of the organization, or these serials). */
  eligibility(orgId: string, serials: string[] = [], opts: RequestOptions = {}): Promise<EligibilityReport> {
    return this.c.call<EligibilityReport>('mpsEligibility', {
      params: {orgId},
      query: {serials: serials.length ? serials.join(',') : undefined},
      responseSize: 'page',
      signal: opts.signal,
    })
  }

  /** The printers that have a supplies delivery contact. */
  assignments(orgId: string, opts: ListOptions = {}): AsyncGenerator<ContactAssignment> {
    return this.c.paginate<ContactAssignment>('listMpsAssignments', {...opts, params: {orgId}})
  }

  /**
   * Makes a contact the supplies delivery contact of printers: an existing one (`contactId`), or a new one
   * created with the assignment (`contact`: "Create and assign"). All or nothing: an unknown contact or
   * printer changes nothing.
   */
  assign(
    orgId: string,
    who: {contactId: string} | {contact: MpsContactItem},
    serialNumbers: string[],
    opts: RequestOptions = {},
  ): Promise<AssignResult> {
    return this.c.call<AssignResult>('assignMpsContact', {body: {...who, serialNumbers}, params: {orgId}, signal: opts.signal})
  }

  /**
   * Adds printers to MPS Express; every one must be Eligible (else nothing is added) and the terms of
   * service accepted. Cannot be undone: the printers are "MPS Express (Pending)" until Lexmark takes them.
   */
  add(
    orgId: string,
    serialNumbers: string[],
    acceptTermsOfService: boolean,
    opts: RequestOptions = {},
  ): Promise<{added: string[]; unchanged: string[]}> {
    return this.c.call('addMpsPrinters', {body: {acceptTermsOfService, serialNumbers}, params: {orgId}, signal: opts.signal})
  }
}
