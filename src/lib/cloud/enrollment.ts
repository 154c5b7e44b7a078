// Enrollment calls of the SDK (our contract): enrollment codes and enrolled printers.
import type {CloudClient} from './client.js'

export interface EnrolledPrinter {
  serialNumber: string
  organizationId: string
  manufacturer: string
  modelName: string
  name: string | null
  agent: 'native' | 'printer' | 'fleet' | 'local'
  firmware: string | null
  address: string | null
  communicationStatus: 'communicating' | 'not communicating' | 'agent needs credentials' | 'agent not communicating'
  lastCommunication: number | null
  enrolledAt: number
  tags: string[]
  mpsStatus: 'none' | 'managed' | 'pending'
}

export interface EnrollmentCode {
  code: string
  expiresAt: number
  organizationId: string | null
  sentTo?: string
}

export const getEnrollmentCode = (c: CloudClient, orgId: string) => c.call<EnrollmentCode>('enrollmentCode', {params: {orgId}})

export const emailEnrollmentCode = (c: CloudClient, orgId: string, email: string) => c.call<EnrollmentCode>('emailEnrollmentCode', {body: {email}, params: {orgId}})

export const claimDeviceCode = (c: CloudClient, orgId: string, code: string) => c.call<EnrolledPrinter>('claimDeviceCode', {params: {code, orgId}})

export function listPrinters(c: CloudClient, orgId: string, filter: {serial?: string; tag?: string; includeChildren?: boolean; limit?: number} = {}): AsyncGenerator<EnrolledPrinter> {
  return c.paginate<EnrolledPrinter>('listPrinters', {
    limit: filter.limit, params: {orgId}, query: {includeChildren: filter.includeChildren ? 'true' : undefined, serial: filter.serial, tag: filter.tag},
  })
}

/** The enrolled printer with this serial, or undefined (a 404 is an answer here, not an error). */
export async function findPrinter(c: CloudClient, orgId: string, serial: string): Promise<EnrolledPrinter | undefined> {
  for await (const p of listPrinters(c, orgId, {serial})) return p
  return undefined
}

export const getPrinter = (c: CloudClient, orgId: string, serial: string) => c.call<EnrolledPrinter>('getPrinter', {params: {orgId, serial}})

export const unenrollPrinter = (c: CloudClient, orgId: string, serial: string) => c.call<void>('unenrollPrinter', {params: {orgId, serial}})

export const setPrinterTags = (c: CloudClient, orgId: string, serial: string, tags: string[]) => c.call<EnrolledPrinter>('setPrinterTags', {body: {tags}, params: {orgId, serial}})
