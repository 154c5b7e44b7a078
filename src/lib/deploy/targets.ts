// Which printers a deployment goes to: serial numbers, tags, or every enrolled printer of the
// organization. Everything is checked against the cloud's list before anything is deployed, so a
// serial that is not enrolled here is refused up front (the cloud refuses it too).
import type {CloudClient, EnrolledPrinter} from '../cloud/index.js'
import {LcsError} from '../errors.js'

export interface PrinterSelection {
  printers?: string[]
  tags?: string[]
  all?: boolean
}

/** "A,B C" and repeated flags → unique serials (first spelling kept). */
export function splitSerials(values: string[] = []): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const s of values
    .flatMap((v) => v.split(/[\s,]+/))
    .map((x) => x.trim())
    .filter(Boolean)) {
    if (seen.has(s.toUpperCase())) continue
    seen.add(s.toUpperCase())
    out.push(s)
  }
  return out
}

export function checkSelection(sel: PrinterSelection): void {
  const given = [sel.printers?.length, sel.tags?.length, sel.all].filter(Boolean).length
  if (given === 0) throw new LcsError('usage', 'Choose the printers: --printers SERIAL…, --tag TAG or --all.')
  if (sel.all && given > 1) throw new LcsError('usage', '--all already selects every enrolled printer: leave out --printers and --tag.')
}

/** The enrolled printers a selection names; a serial that is not enrolled or a tag nobody has is an error. */
export async function selectPrinters(client: CloudClient, orgId: string, sel: PrinterSelection): Promise<EnrolledPrinter[]> {
  checkSelection(sel)
  const enrolled = new Map<string, EnrolledPrinter>()
  for await (const p of client.printers.list(orgId)) enrolled.set(p.serialNumber.toUpperCase(), p)
  if (sel.all) {
    if (enrolled.size === 0)
      throw new LcsError('notFound', 'No printer is enrolled in this organization.', {hint: 'Enroll printers first: lcs printers enroll …'})
    return [...enrolled.values()].sort((a, b) => a.serialNumber.localeCompare(b.serialNumber))
  }
  const chosen = new Map<string, EnrolledPrinter>()
  const serials = splitSerials(sel.printers)
  const missing = serials.filter((s) => !enrolled.has(s.toUpperCase()))
  if (missing.length) {
    throw new LcsError('notFound', `Not enrolled in this organization: ${missing.join(', ')}. Nothing was deployed.`, {
      hint: '`lcs printers list` shows the enrolled printers (and --org selects another organization).',
    })
  }
  for (const s of serials) chosen.set(s.toUpperCase(), enrolled.get(s.toUpperCase())!)
  for (const tag of sel.tags ?? []) {
    const tagged = [...enrolled.values()].filter((p) => p.tags.includes(tag))
    if (!tagged.length)
      throw new LcsError('notFound', `No enrolled printer has the tag "${tag}". Nothing was deployed.`, {
        hint: 'Tag printers with `lcs printers tag SERIAL --add TAG`.',
      })
    for (const p of tagged) chosen.set(p.serialNumber.toUpperCase(), p)
  }
  return [...chosen.values()].sort((a, b) => a.serialNumber.localeCompare(b.serialNumber))
}
