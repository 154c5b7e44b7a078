// The eligibility report as the portal's Add to MPS Express window shows it: a count per status, and the
// serial numbers and models under each.
import type {EligibilityReport, PrinterEligibility} from '../cloud/index.js'
import {ELIGIBILITY_STATUSES, groupByStatus, type EligibilityGroup, type EligibilityStatus} from './eligibility.js'

export interface EligibilitySummary extends EligibilityReport {
  statuses: Array<EligibilityGroup & {count: number}>
}

/** The cloud's report with its printers grouped by status, in the check's order. */
export function summarizeEligibility(r: EligibilityReport): EligibilitySummary {
  const known = r.printers.filter((p): p is PrinterEligibility & {status: EligibilityStatus} =>
    (ELIGIBILITY_STATUSES as readonly string[]).includes(p.status),
  )
  return {...r, statuses: groupByStatus(known).map((g) => ({...g, count: g.printers.length}))}
}

/** Why these printers cannot be added (their statuses), or undefined when all can (Eligible, or already in the program). */
export function addRefusal(printers: PrinterEligibility[]): string | undefined {
  const inProgram = new Set(['Eligible', 'Printer pending management', 'Printer already managed'])
  const refused = printers.filter((p) => !inProgram.has(p.status))
  return refused.length
    ? `Only Eligible printers can be added to MPS Express: ${refused.map((p) => `${p.serialNumber} (${p.status})`).join(', ')}`
    : undefined
}
