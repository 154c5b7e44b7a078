export interface Page<T> {
  content: T[]
  number: number
  size: number
  totalElements: number
  totalPages: number
  last: boolean
}

export interface TokenResponse {
  access_token: string
  token_type: string
  expires_in: number
  refresh_token?: string
}

export interface TokenInfo {
  resource_owner_organization_id: string
  resource_owner_id: string
  email?: string
  client_id?: string
  expires_in?: number
}

export interface Organization {
  id: string
  name: string
  parentId: string | null
  type: 'partner' | 'customer' | 'organization'
  dateCreated: number
}

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

export interface Badge {
  badgeId: string
  email: string
  temporary: boolean
  /** Epoch ms; temporary badges last 24 h, permanent ones have none. */
  expiresAt: number | null
  dateCreated: number
}

export interface AssetCounters {
  lifetimeCount?: number
  printSideCount?: number
  colorPrintSideCount?: number
  monoPrintSideCount?: number
  printSheetCount?: number
  [name: string]: number | undefined
}

export interface AssetSupply {
  type: string
  color?: string
  description?: string
  percentRemaining?: number | null
}

export interface AssetAlert {
  issue: string
  status: string
  severity?: string
}

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
