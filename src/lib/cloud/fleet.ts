// SDK calls for the fleet-management side of imports: printer pre-enrollments (serial numbers registered
// in advance) and MPS Express contacts (batch endpoints answer per item), and the read-only integration
// API's assets.
import type {CloudClient} from './client.js'
import type {RouteName} from './routes.js'
import type {Asset, BatchItemResult, BatchOptions, ListOptions, Preenrollment, RequestOptions} from './types.js'

/** Serial numbers per request the pre-enrollment batch endpoint accepts. */
export const PREENROLL_BATCH_MAX = 1000
/** Contacts per request (the portal's limit per upload). */
export const MPS_CONTACTS_BATCH_MAX = 300

/** One pre-enrollment change. */
export interface PreenrollItem {
  /** CREATE (the default) pre-enrolls the serial number, DELETE removes it. */
  operation?: 'CREATE' | 'DELETE'
  serialNumber: string
}

/** An MPS Express (supplies delivery) contact, as on the contact form. */
export interface MpsContactItem {
  firstName: string
  lastName: string
  email: string
  /** Telephone country code, digits only. */
  countryCode: string
  phone: string
  businessName: string
  addressLine1: string
  addressLine2?: string
  city: string
  stateProvince?: string
  postalCode: string
  /** ISO 3166-1 alpha-2. */
  country: string
}

/** A contact as the cloud holds it. */
export type MpsContact = MpsContactItem & {id: string; dateCreated: number}

/** `client.preenrollments`: printers pre-enrolled by serial number. */
export class Preenrollments {
  /** @internal */
  constructor(private readonly c: CloudClient) {}

  /** The organization's pre-enrolled serial numbers, oldest first. */
  list(orgId: string, opts: ListOptions = {}): AsyncGenerator<Preenrollment> {
    return this.c.paginate<Preenrollment>('listPreenrollments', {...opts, params: {orgId}})
  }

  /** Adds or removes up to {@link PREENROLL_BATCH_MAX} serial numbers: one result per item, in order. */
  apply(orgId: string, items: PreenrollItem[], opts: BatchOptions = {}): Promise<BatchItemResult[]> {
    return this.c.batch('preenrollmentsBatch', orgId, items, opts)
  }
}

/** `client.mpsContacts`: MPS Express contacts. */
export class MpsContacts {
  /** @internal */
  constructor(private readonly c: CloudClient) {}

  /** Every contact of the organization. */
  list(orgId: string, opts: ListOptions = {}): AsyncGenerator<MpsContact> {
    return this.c.paginate<MpsContact>('listMpsContacts', {...opts, params: {orgId}})
  }

  /** Creates up to {@link MPS_CONTACTS_BATCH_MAX} contacts (an identical one is unchanged; same name and e-mail with other details: 409). */
  apply(orgId: string, items: MpsContactItem[], opts: BatchOptions = {}): Promise<BatchItemResult[]> {
    return this.c.batch('mpsContactsBatch', orgId, items, opts)
  }

  /** Creates one contact (409 when one with the same first name, last name and e-mail exists). */
  create(orgId: string, contact: MpsContactItem, opts: RequestOptions = {}): Promise<MpsContact> {
    return this.c.call<MpsContact>('createMpsContact', {body: contact, params: {orgId}, signal: opts.signal})
  }

  /** One contact by id. */
  get(orgId: string, contactId: string, opts: RequestOptions = {}): Promise<MpsContact> {
    return this.c.call<MpsContact>('getMpsContact', {params: {contactId, orgId}, signal: opts.signal})
  }

  /** Replaces a contact's details. */
  update(orgId: string, contactId: string, contact: MpsContactItem, opts: RequestOptions = {}): Promise<MpsContact> {
    return this.c.call<MpsContact>('updateMpsContact', {body: contact, params: {contactId, orgId}, signal: opts.signal})
  }

  /** A new contact from an existing one's details with some changed (the portal's Duplicate). */
  async duplicate(orgId: string, contactId: string, changes: Partial<MpsContactItem>, opts: RequestOptions = {}): Promise<MpsContact> {
    const {id: _id, dateCreated: _created, ...fields} = await this.get(orgId, contactId, opts)
    return this.create(orgId, {...fields, ...changes}, opts)
  }

  /** Deletes a contact (409 while it is assigned to a printer). */
  delete(orgId: string, contactId: string, opts: RequestOptions = {}): Promise<void> {
    return this.c.call<void>('deleteMpsContact', {params: {contactId, orgId}, signal: opts.signal})
  }
}

/** What the integration API lists about assets. */
export type AssetView = 'assets' | 'supplies' | 'alerts' | 'counters' | 'diagnostics'
const ASSET_ROUTES: Record<AssetView, RouteName> = {
  alerts: 'assetAlerts',
  assets: 'assets',
  counters: 'assetCounters',
  diagnostics: 'assetDiagnostics',
  supplies: 'assetSupplies',
}

/** `client.assets`: the public integration API (read-only), over the token's organization and its children. */
export class Assets {
  /** @internal */
  constructor(private readonly c: CloudClient) {}

  /** Every asset, with the fields of one view. */
  list(view: AssetView = 'assets', opts: ListOptions = {}): AsyncGenerator<Asset> {
    return this.c.paginate<Asset>(ASSET_ROUTES[view], opts)
  }
}
