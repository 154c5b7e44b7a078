// Which printers a deployment goes to: serial numbers, tags, or every enrolled printer of the
// organization. Everything is checked against the cloud's list before anything is deployed, so a
// serial that is not enrolled here is refused up front (the cloud refuses it too).
import type {CloudClient, EnrolledPrinter} from '../cloud/index.js'
import {LcsError} from '../errors.js'

interface PrinterSelection {
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

/** What a selection names among the enrolled printers: the printers (sorted, each once), the positions of
 * the serials that are not enrolled and the tags nobody has. Deployments and rollout files both select this way. */
export function matchPrinters(
  enrolled: EnrolledPrinter[],
  sel: {serials?: string[]; tags?: string[]; all?: boolean},
): {printers: EnrolledPrinter[]; unknownSerials: number[]; emptyTags: string[]} {
  const bySerial = new Map(enrolled.map((p) => [p.serialNumber.toUpperCase(), p]))
  const chosen = new Map<string, EnrolledPrinter>()
  if (sel.all) for (const p of enrolled) chosen.set(p.serialNumber.toUpperCase(), p)
  const unknownSerials: number[] = []
  for (const [i, s] of (sel.serials ?? []).entries()) {
    const p = bySerial.get(s.toUpperCase())
    if (p) chosen.set(s.toUpperCase(), p)
    else unknownSerials.push(i)
  }
  const emptyTags = (sel.tags ?? []).filter((tag) => !enrolled.some((p) => p.tags.includes(tag)))
  for (const p of enrolled) if ((sel.tags ?? []).some((tag) => p.tags.includes(tag))) chosen.set(p.serialNumber.toUpperCase(), p)
  return {emptyTags, printers: [...chosen.values()].sort((a, b) => a.serialNumber.localeCompare(b.serialNumber)), unknownSerials}
}

/** The enrolled printers a selection names; a serial that is not enrolled or a tag nobody has is an error. */
export async function selectPrinters(client: CloudClient, orgId: string, sel: PrinterSelection): Promise<EnrolledPrinter[]> {
  checkSelection(sel)
  const enrolled: EnrolledPrinter[] = []
  for await (const p of client.printers.list(orgId)) enrolled.push(p)
  if (sel.all && enrolled.length === 0)
    throw new LcsError('notFound', 'No printer is enrolled in this organization.', {hint: 'Enroll printers first: lcs printers enroll …'})
  const serials = splitSerials(sel.printers)
  const m = matchPrinters(enrolled, {all: sel.all, serials, tags: sel.tags})
  if (m.unknownSerials.length) {
    throw new LcsError(
      'notFound',
      `Not enrolled in this organization: ${m.unknownSerials.map((i) => serials[i]).join(', ')}. Nothing was deployed.`,
      {hint: '`lcs printers list` shows the enrolled printers (and --org selects another organization).'},
    )
  }
  if (m.emptyTags.length)
    throw new LcsError('notFound', `No enrolled printer has the tag "${m.emptyTags[0]}". Nothing was deployed.`, {
      hint: 'Tag printers with `lcs printers tag SERIAL --add TAG`.',
    })
  return m.printers
}
