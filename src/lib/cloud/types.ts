// Types of the cloud API's answers (docs/api/openapi.yaml), shared by the SDK's calls.

/** Options every SDK call takes. */
export interface RequestOptions {
  /** Aborts the call (and any retry waiting): the promise rejects with the signal's reason. */
  signal?: AbortSignal
}

/** Options of a call to a batch endpoint. */
export interface BatchOptions extends RequestOptions {
  /** Validate only: the answer says what each item would do, nothing changes. */
  dryRun?: boolean
}

/** Options of a paged list call. */
export interface ListOptions extends RequestOptions {
  /** Items per request (1–200, default 200). */
  pageSize?: number
  /** Stop after this many items. */
  limit?: number
}

/** One page of a Spring-style paged list. */
export interface Page<T> {
  content: T[]
  number: number
  size: number
  totalElements: number
  totalPages: number
  last: boolean
}

/** The OAuth2 token endpoint's answer. */
export interface TokenResponse {
  access_token: string
  token_type: string
  expires_in: number
  refresh_token?: string
}

/** What the cloud says about the current access token: whose it is and which organization it acts for. */
export interface TokenInfo {
  resource_owner_organization_id: string
  resource_owner_id: string
  email?: string
  client_id?: string
  expires_in?: number
}

/** An organization (a partner, a customer, or one of their child organizations). */
export interface Organization {
  id: string
  name: string
  parentId: string | null
  type: 'partner' | 'customer' | 'organization'
  dateCreated: number
}

/** A user of an organization. */
export interface User {
  id: string
  email: string
  firstName?: string | null
  lastName?: string | null
  displayName?: string | null
  department?: string | null
  costCenter?: string | null
  groups?: string[]
  /** Whether the user has a PIN for printer login (the PIN itself is never returned). */
  pinSet?: boolean
  organizationId: string
  roles: string[]
}

/** A group of users (printer-login and print policies are given to groups). */
export interface Group {
  id: string
  name: string
  memberCount: number
  dateCreated: number
}

/** A badge registered to a user for printer login. */
export interface Badge {
  badgeId: string
  email: string
  temporary: boolean
  description: string | null
  /** Epoch ms; temporary badges last 24 h, permanent ones have none. */
  expiresAt: number | null
  dateCreated: number
}

/** Page counters of an asset (integration API). */
export interface AssetCounters {
  lifetimeCount?: number
  printSideCount?: number
  colorPrintSideCount?: number
  monoPrintSideCount?: number
  printSheetCount?: number
  [name: string]: number | undefined
}

/** One supply of an asset (toner, drum …). */
export interface AssetSupply {
  type: string
  color?: string
  description?: string
  percentRemaining?: number | null
}

/** An active alert of an asset. */
export interface AssetAlert {
  issue: string
  status: string
  severity?: string
}

/** A printer as the read-only integration API describes it. */
export interface Asset {
  manufacturer: string
  modelName: string
  serialNumber: string
  accountId: string
  name: string | null
  description: string | null
  dateCreated: number
  dateModified: number
  lastCommunication: number | null
  counters?: AssetCounters
  supplies?: AssetSupply[]
  alerts?: AssetAlert[]
}

/** What applying one item did (or, in a dry run, would do). */
export type Outcome = 'created' | 'updated' | 'deleted' | 'unchanged'

/** One item's answer from a batch endpoint: applied (2xx, with its outcome) or rejected (404/409/422 …). */
export interface BatchItemResult {
  status: number
  outcome?: Outcome
  error?: {code: string; message: string; details?: Array<{field?: string; rule?: string}>}
}

/** A batch endpoint's whole answer. */
export interface BatchResponse {
  dryRun: boolean
  results: BatchItemResult[]
}

/** Who sets PINs in an organization: the administrator, the cloud (generated and e-mailed), or each user. */
export type PinGeneration = 'admin' | 'auto' | 'user'

/** The PIN part of an organization's printer-login configuration; pinLength null: any of 4–12 digits. */
export interface PinPolicy {
  pinGeneration: PinGeneration
  pinLength: number | null
}

/** A printer serial number registered in advance: the printer enrolls with the organization's enrollment code. */
export interface Preenrollment {
  /** Upper case, 7–20 letters and digits. */
  serialNumber: string
  organizationId: string
  /** Epoch ms. */
  createdAt: number
}
