// SDK calls for the fleet-management side of imports: printer pre-enrollments (serial numbers registered
// in advance) and MPS Express contacts. Batch endpoints answer per item.
import type {CloudClient} from './client.js'
import type {BatchItemResult, Preenrollment} from './types.js'

/** Items per request the batch endpoints accept (contacts: the portal's limit per upload). */
export const PREENROLL_BATCH_MAX = 1000
export const MPS_CONTACTS_BATCH_MAX = 300

export interface PreenrollItem {
  /** CREATE (the default) pre-enrolls the serial number, DELETE removes it. */
  operation?: 'CREATE' | 'DELETE'
  serialNumber: string
}

/** The organization's pre-enrolled serial numbers, oldest first. */
export function listPreenrollments(client: CloudClient, orgId: string): AsyncGenerator<Preenrollment> {
  return client.paginate<Preenrollment>('listPreenrollments', {params: {orgId}})
}

export function applyPreenrollments(client: CloudClient, orgId: string, items: PreenrollItem[], dryRun = false): Promise<BatchItemResult[]> {
  return client.batch('preenrollmentsBatch', orgId, items, dryRun)
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

export function listMpsContacts(client: CloudClient, orgId: string): AsyncGenerator<MpsContact> {
  return client.paginate<MpsContact>('listMpsContacts', {params: {orgId}})
}

/** Creates contacts (one identical to an existing contact is unchanged; same name and e-mail with other details: 409). */
export function applyMpsContacts(client: CloudClient, orgId: string, items: MpsContactItem[], dryRun = false): Promise<BatchItemResult[]> {
  return client.batch('mpsContactsBatch', orgId, items, dryRun)
}
