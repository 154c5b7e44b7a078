// MPS Express eligibility: the statuses and their wording are the portal's (001, "Adding printers").

/** The eligibility statuses, in the order the check applies them (the first that holds wins). */
export const ELIGIBILITY_STATUSES = [
  'Printer already managed',
  'Printer pending management',
  'Printer failed registration',
  'Model not supported',
  'Associated with down-level fleet agent',
  'Lifetime page count missing',
  'Lifetime page count exceeds maximum allowed',
  'No supplies delivery contact assigned',
  'Eligible',
] as const

export type EligibilityStatus = (typeof ELIGIBILITY_STATUSES)[number]

/** What the check needs to know about one printer. */
export interface EligibilityFacts {
  serialNumber: string
  modelName: string
  mpsStatus: 'none' | 'managed' | 'pending'
  registrationFailed: boolean
  modelSupported: boolean
  /** Null when the printer has not reported one. */
  lifetimePageCount: number | null
  /** Null for printers that are not behind a Fleet Agent. */
  fleetAgentUpToDate: boolean | null
  contactAssigned: boolean
}

/** The program's limits. */
export interface EligibilityRules {
  maxLifetimePageCount: number
}

/** The entitlement a child organization needs before its printers can be added (001, Scenario 1). */
export const MPS_EXPRESS = 'MPS Express'

/**
 * The limits the sandbox applies (001 names the checks, not the figures): a lifetime page count above
 * 500,000 pages and a printer not made by Lexmark (a Lexmark consumables program) keep a printer out;
 * the required Fleet Agent version is the current one (the sandbox's catalog).
 */
export const MPS_RULES: EligibilityRules = {maxLifetimePageCount: 500_000}

/** Whether MPS Express supplies this model. */
export function modelSupported(manufacturer: string): boolean {
  return manufacturer.trim().toLowerCase() === 'lexmark'
}

/** A dotted version as agents report it ("3.4.0"). */
export const VERSION_PATTERN = /^\d{1,5}(\.\d{1,5}){1,3}$/

/** Whether a dotted version is at least another ("3.10.0" ≥ "3.2"). */
export function versionAtLeast(version: string, min: string): boolean {
  const a = version.split('.').map(Number)
  const b = min.split('.').map(Number)
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0
    const y = b[i] ?? 0
    if (x !== y) return x > y
  }
  return true
}

/** One printer's status. */
export function eligibilityOf(p: EligibilityFacts, rules: EligibilityRules): EligibilityStatus {
  if (p.mpsStatus === 'managed') return 'Printer already managed'
  if (p.mpsStatus === 'pending') return 'Printer pending management'
  if (p.registrationFailed) return 'Printer failed registration'
  if (!p.modelSupported) return 'Model not supported'
  if (p.fleetAgentUpToDate === false) return 'Associated with down-level fleet agent'
  if (p.lifetimePageCount === null) return 'Lifetime page count missing'
  if (p.lifetimePageCount > rules.maxLifetimePageCount) return 'Lifetime page count exceeds maximum allowed'
  if (!p.contactAssigned) return 'No supplies delivery contact assigned'
  return 'Eligible'
}

/** One status of the report, with the serials and models under it. */
export interface EligibilityGroup {
  status: EligibilityStatus
  printers: {modelName: string; serialNumber: string}[]
}

/** The report: the statuses that hold for at least one printer, in the check's order, serials sorted. */
export function groupByStatus(printers: Array<{status: EligibilityStatus; serialNumber: string; modelName: string}>): EligibilityGroup[] {
  const by = new Map<EligibilityStatus, EligibilityGroup['printers']>()
  for (const p of printers) {
    const list = by.get(p.status) ?? []
    list.push({modelName: p.modelName, serialNumber: p.serialNumber})
    by.set(p.status, list)
  }

  return ELIGIBILITY_STATUSES.filter((s) => by.has(s)).map((status) => ({
    printers: by.get(status)!.sort((a, b) => a.serialNumber.localeCompare(b.serialNumber)),
    status,
  }))
}

/** The portal's "Lexmark Managed" label for a printer's MPS Express state ('' when unmanaged). */
export function mpsLabel(status: EligibilityFacts['mpsStatus']): '' | 'MPS Express' | 'MPS Express (Pending)' {
  return status === 'managed' ? 'MPS Express' : status === 'pending' ? 'MPS Express (Pending)' : ''
}

/** Why such a printer cannot be unenrolled here (001: MPS Express enrollment cannot be undone from the portal). */
export function mpsUnenrollRefusal(status: EligibilityFacts['mpsStatus']): string | undefined {
  return status === 'none' ? undefined : `${mpsLabel(status)}: contact your Lexmark Customer Operations Specialist to unenroll it`
}
