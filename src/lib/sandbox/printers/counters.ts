// Vendor billing counters of the simulated printers, in each vendor's own layout (scalars, Brother's
// packed brInfoCounter, Ricoh's and Lexmark's named rows), so `printers meters` finds in training what it
// finds on real devices. The split of the life count is fixed per model class (a colour share on colour
// models, copies and fax on MFPs) so the counters add up; the wear grows them all in proportion as pages print.
import type {SnmpRecord} from '../snmprec.js'

/** The life count split as a billing contract reads it. */
export interface PageSplit {
  total: number
  mono: number
  color: number
  print: number
  printMono: number
  printColor: number
  copy: number
  copyMono: number
  copyColor: number
  fax: number
  scan: number
  duplexSheets: number
  sheets: number
}

export function splitPages(total: number, color: boolean, mfp: boolean): PageSplit {
  const share = (n: number, f: number) => Math.floor(n * f)
  const fax = mfp ? share(total, 0.01) : 0
  const copy = mfp ? share(total, 0.2) : 0
  const print = total - copy - fax
  const printColor = color ? share(print, 0.4) : 0
  const copyColor = color ? share(copy, 0.25) : 0
  const duplexSheets = share(total, 0.15) // 30 % of the impressions are two-sided
  return {
    color: printColor + copyColor,
    copy,
    copyColor,
    copyMono: copy - copyColor,
    duplexSheets,
    fax,
    mono: total - printColor - copyColor,
    print,
    printColor,
    printMono: print - printColor,
    scan: mfp ? share(total, 0.12) : 0,
    sheets: total - duplexSheets,
    total,
  }
}

const XEROX = '1.3.6.1.4.1.253.8.53.13.2.1.6.1.20'
const CANON = '1.3.6.1.4.1.1602.1.11.1.3.1.4'
const BROTHER = '1.3.6.1.4.1.2435.2.3.9.4.2.1.5.5.10.0'
const RICOH_NAME = '1.3.6.1.4.1.367.3.2.1.2.19.5.1.5'
const RICOH_VALUE = '1.3.6.1.4.1.367.3.2.1.2.19.5.1.9'
/** LEXMARK-MPS-MIB paperGeneralCountValue, written by models.ts. */
const LEXMARK_VALUE = '1.3.6.1.4.1.641.6.4.2.1.1.4'

/** Counter columns whose every cell grows with the pages printed. */
const GROWING = [XEROX, CANON, RICOH_VALUE, LEXMARK_VALUE].map((p) => p + '.')

const counter = (oid: string, value: number): SnmpRecord => ({oid, type: 65, value: value >>> 0})

/** Brother's brInfoCounter: code, 0x01, length 4, the value big-endian; 0xFF padding at the end. */
function brotherBlob(codes: [number, number][]): Buffer {
  const b = Buffer.alloc(codes.length * 7 + 4, 0xff)
  codes.forEach(([code, v], k) => {
    b[k * 7] = code
    b[k * 7 + 1] = 0x01
    b[k * 7 + 2] = 0x04
    b.writeUInt32BE(v >>> 0, k * 7 + 3)
  })
  return b
}

function brotherCodes(blob: Buffer): [number, number][] {
  const out: [number, number][] = []
  for (let i = 0; i + 7 <= blob.length && blob[i] !== 0xff; i += 7) out.push([blob[i], blob.readUInt32BE(i + 3)])
  return out
}

/** The counters a printer of this vendor (IANA enterprise number) carries besides the Printer-MIB's. */
export function vendorCounters(pen: number, s: PageSplit, color: boolean, mfp: boolean): SnmpRecord[] {
  switch (pen) {
    case 253: // Xerox: impressions by colour, sheets, two-sided sheets, fax
      return [
        ...(color ? [counter(`${XEROX}.33`, s.color)] : []),
        counter(`${XEROX}.34`, s.mono),
        counter(`${XEROX}.38`, s.sheets),
        counter(`${XEROX}.39`, s.duplexSheets),
        ...(mfp ? [counter(`${XEROX}.71`, s.fax)] : []),
      ]
    case 1602: // Canon: counters 101 total, 106 colour, 108 black, 301 print, 501 scan
      return [
        counter(`${CANON}.101`, s.total),
        ...(color ? [counter(`${CANON}.106`, s.color)] : []),
        counter(`${CANON}.108`, s.mono),
        counter(`${CANON}.301`, s.print),
        ...(mfp ? [counter(`${CANON}.501`, s.scan)] : []),
      ]
    case 2435: {
      // Brother: total 0x00, black & white 0x01, colour 0x02, duplex-unit pages 0x06
      const codes: [number, number][] = [
        [0x00, s.total],
        [0x01, s.mono],
      ]
      if (color) codes.push([0x02, s.color])
      codes.push([0x06, s.duplexSheets * 2])
      return [{oid: BROTHER, type: 4, value: brotherBlob(codes)}]
    }
    case 367: {
      // Ricoh: ricohEngCounterTable rows, a name beside each value
      const rows: [string, number][] = [
        ['Counter: Machine Total', s.total],
        ['Counter:Print:Total', s.print],
        ['Counter:Print:Black & White', s.printMono],
        ...(color ? ([['Counter:Print:Full Color', s.printColor]] as [string, number][]) : []),
        ...(mfp
          ? ([
              ['Counter:Copy:Total', s.copy],
              ['Counter:Copy:Black & White', s.copyMono],
              ...(color ? [['Counter:Copy:Full Color', s.copyColor]] : []),
              ['Counter:FAX:Total', s.fax],
            ] as [string, number][])
          : []),
      ]
      return rows.flatMap(([name, v], k) => [
        {oid: `${RICOH_NAME}.${k + 1}`, type: 4, value: name},
        {oid: `${RICOH_VALUE}.${k + 1}`, type: 2, value: v},
      ])
    }
    default:
      return []
  }
}

/**
 * The vendor counters of `records` grown by `printed` pages over a life count of `base`: every counter in
 * proportion to its share, so the split holds as the printer ages.
 */
export function grownCounters(records: readonly SnmpRecord[], base: number, printed: number): SnmpRecord[] {
  if (base <= 0 || printed <= 0) return []
  const grow = (v: number) => v + Math.floor((printed * v) / base)
  const out: SnmpRecord[] = []
  for (const r of records)
    if (r.oid === BROTHER && Buffer.isBuffer(r.value))
      out.push({...r, value: brotherBlob(brotherCodes(r.value).map(([c, v]) => [c, grow(v)]))})
    else if (GROWING.some((p) => r.oid.startsWith(p)) && typeof r.value === 'number') out.push({...r, value: grow(r.value)})
  return out
}
