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
export function eligibilityReport(printers: EligibilityFacts[], rules: EligibilityRules): EligibilityGroup[] {
  const by = new Map<EligibilityStatus, EligibilityGroup['printers']>()
  for (const p of printers) {
    const status = eligibilityOf(p, rules)
    by.set(status, [...(by.get(status) ?? []), {modelName: p.modelName, serialNumber: p.serialNumber}])
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
