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
  firstName?: string
  lastName?: string
  organizationId: string
  roles: string[]
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
