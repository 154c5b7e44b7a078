// SDK namespace for notification policies (our contract): supplies and printer information policies,
// and the notification history of the last 30 days.
import type {Policy, PolicyCategory, PolicyInput, PolicyType} from '../policies/index.js'
import type {CloudClient} from './client.js'

/** One notification of the history ("Notification History (Last 30 Days)"). */
export interface NotificationRecord {
  id: string
  /** When it was generated (epoch ms, the cloud's clock). */
  date: number
  category: PolicyCategory
  policyId: string
  policyName: string
  policyType: PolicyType
  /** "Toner level", "Last data refresh" … as the history's Policy Type column reads. */
  problem: string
  serialNumber: string
  model: string
  assetTag: string
  ipAddress: string | null
  /** The policy's recipients when it fired. */
  emails: string[]
  /** "95%" or "3 days". */
  notifyAt: string
  /** Supplies notifications. */
  color?: string
  supplyName?: string
  supplySerialNumber?: string
  supplyLevel?: number
  /** Printer information notifications (epoch ms). */
  lastCommunicated?: number | null
  lastDataRefresh?: number | null
}

/** The history page's filters: tab, Policy Type, Model, Color, serial number search; and one policy. */
export interface HistoryFilter {
  category?: PolicyCategory
  serial?: string
  policyId?: string
  type?: PolicyType
  /** Part of the model name, any case. */
  model?: string
  color?: string
}

export class Policies {
  /** @internal */
  constructor(private readonly c: CloudClient) {}

  list(orgId: string, category?: PolicyCategory): AsyncGenerator<Policy> {
    return this.c.paginate<Policy>('listPolicies', {params: {orgId}, query: {category}})
  }

  get(orgId: string, policyId: string): Promise<Policy> {
    return this.c.call<Policy>('getPolicy', {params: {orgId, policyId}})
  }

  /** At most 50 supplies policies and 50 printer information policies (409 past that). */
  create(orgId: string, input: PolicyInput): Promise<Policy> {
    return this.c.call<Policy>('createPolicy', {body: input, params: {orgId}})
  }

  update(orgId: string, policyId: string, input: PolicyInput): Promise<Policy> {
    return this.c.call<Policy>('updatePolicy', {body: input, params: {orgId, policyId}})
  }

  /** A new policy prefilled from this one; the changes must give it a new, unique name. */
  duplicate(orgId: string, policyId: string, changes: Partial<PolicyInput> & {name: string}): Promise<Policy> {
    return this.c.call<Policy>('duplicatePolicy', {body: changes, params: {orgId, policyId}})
  }

  delete(orgId: string, policyId: string): Promise<void> {
    return this.c.call<void>('deletePolicy', {params: {orgId, policyId}})
  }

  /** The notifications generated in the last 30 days, newest first. */
  history(orgId: string, filter: HistoryFilter = {}): AsyncGenerator<NotificationRecord> {
    return this.c.paginate<NotificationRecord>('notificationHistory', {
      params: {orgId},
      query: {...filter},
    })
  }
}
