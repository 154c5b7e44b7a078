// SDK calls for the fleet-management side of imports: printer pre-enrollments (serial numbers registered
// in advance) and MPS Express contacts. Batch endpoints answer per item.
import type {CloudClient} from './client.js'
import type {BatchItemResult, Preenrollment} from './types.js'

/** Items per request the batch endpoints accept. */
export const PREENROLL_BATCH_MAX = 1000

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
