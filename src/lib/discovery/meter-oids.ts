// Billing meters: the Printer-MIB's marker counters, and the vendors' own counters for what the
// Printer-MIB does not split (mono/colour, print/copy/fax/scan, sheets, duplex). Every meter has one
// name across vendors, so a billing export reads the same column whatever made the printer.
// HP, Konica Minolta, Sharp and Kyocera: OIDs that public recordings of real printers carry, with the
// meaning their MIBs give. Xerox, Canon, Epson, Brother, Ricoh and Lexmark: OIDs that public MIBs and
// monitoring tools name (docs/decisions.md says which tool and which are unverified on a real device).
// Other vendors' printers are read through the Printer-MIB.

import {enterpriseOf} from './oids.js'

/** The names a meter can have: impressions unless `unit` says otherwise. */
export type MeterName =
  | 'total'
  | 'mono'
  | 'color'
  | 'print'
  | 'printMono'
  | 'printColor'
  | 'copy'
  | 'copyMono'
  | 'copyColor'
  | 'fax'
  | 'scan'
  | 'scanMono'
  | 'scanColor'
  | 'sheets'
  | 'duplex'
  | 'sinceLastPowerOn'

export interface MeterSource {
  name: MeterName
  oid: string
  unit: 'impressions' | 'sheets' | 'images'
}

const HP = '1.3.6.1.4.1.11.2.3.9.4.2.1'
const KONICA = '1.3.6.1.4.1.18334.1.1.1.5.7.2'
const SHARP = '1.3.6.1.4.1.2385.1.1.19.2.1.3'
const KYOCERA = '1.3.6.1.4.1.1347.42'
const XEROX = '1.3.6.1.4.1.253.8.53.13.2.1.6.1.20' // xcmHrDevDetailValue, hrDeviceIndex 1, counters(20)
const CANON = '1.3.6.1.4.1.1602.1.11.1.3.1.4' // canPdInfoCounterValue, indexed by Canon's counter number
const EPSON = '1.3.6.1.4.1.1248.1.2.2.27'

/** Vendor counters by IANA enterprise number (scalars: one GET reads them all). */
export const VENDOR_METERS: Readonly<Record<number, readonly MeterSource[]>> = {
  // HP: the PML "total engine page count" family (hp-laserjet MIB) and the scanner's lifetime count.
  11: [
    {name: 'total', oid: `${HP}.4.1.2.5.0`, unit: 'impressions'},
    {name: 'mono', oid: `${HP}.4.1.2.6.0`, unit: 'impressions'},
    {name: 'color', oid: `${HP}.4.1.2.7.0`, unit: 'impressions'},
    {name: 'duplex', oid: `${HP}.4.1.2.22.0`, unit: 'sheets'},
    {name: 'scan', oid: `${HP}.2.2.1.74.0`, unit: 'images'},
  ],
  // Kyocera: function counters (printer, copier, fax), by colour, and sheets fed (one- and two-sided).
  1347: [
    {name: 'print', oid: `${KYOCERA}.3.1.1.1.1.1`, unit: 'impressions'},
    {name: 'copy', oid: `${KYOCERA}.3.1.1.1.1.2`, unit: 'impressions'},
    {name: 'fax', oid: `${KYOCERA}.3.1.1.1.1.3`, unit: 'impressions'},
    {name: 'printMono', oid: `${KYOCERA}.3.1.2.1.1.1.1`, unit: 'impressions'},
    {name: 'printColor', oid: `${KYOCERA}.3.1.2.1.1.1.3`, unit: 'impressions'},
    {name: 'copyMono', oid: `${KYOCERA}.3.1.2.1.1.2.1`, unit: 'impressions'},
    {name: 'copyColor', oid: `${KYOCERA}.3.1.2.1.1.2.3`, unit: 'impressions'},
    {name: 'sheets', oid: `${KYOCERA}.2.5.1.1.3.1`, unit: 'sheets'},
    {name: 'duplex', oid: `${KYOCERA}.2.5.1.1.2.1`, unit: 'sheets'},
  ],
  // Sharp: a matrix of function (1 print, 4 copy, 5 all, 7 scan) by colour (60 all, 61 black & white,
  // 63 full colour; 75 two-sided; scan 51 black & white, 53 colour).
  2385: [
    {name: 'mono', oid: `${SHARP}.5.4.61`, unit: 'impressions'},
    {name: 'color', oid: `${SHARP}.5.4.63`, unit: 'impressions'},
    {name: 'print', oid: `${SHARP}.1.4.60`, unit: 'impressions'},
    {name: 'printMono', oid: `${SHARP}.1.4.61`, unit: 'impressions'},
    {name: 'printColor', oid: `${SHARP}.1.4.63`, unit: 'impressions'},
    {name: 'copy', oid: `${SHARP}.4.4.60`, unit: 'impressions'},
    {name: 'copyMono', oid: `${SHARP}.4.4.61`, unit: 'impressions'},
    {name: 'copyColor', oid: `${SHARP}.4.4.63`, unit: 'impressions'},
    {name: 'duplex', oid: `${SHARP}.1.4.75`, unit: 'sheets'},
    {name: 'scanMono', oid: `${SHARP}.7.4.51`, unit: 'images'},
    {name: 'scanColor', oid: `${SHARP}.7.4.53`, unit: 'images'},
  ],
  // Xerox (XEROX-HOST-RESOURCES-EXT-MIB xcmHrDevDetailTable): impressions by colour, sheets, fax.
  253: [
    {name: 'color', oid: `${XEROX}.33`, unit: 'impressions'}, // Color Impressions
    {name: 'mono', oid: `${XEROX}.34`, unit: 'impressions'}, // Black Impressions
    {name: 'sheets', oid: `${XEROX}.38`, unit: 'sheets'}, // Sheets
    {name: 'duplex', oid: `${XEROX}.39`, unit: 'sheets'}, // 2 Sided Sheets
    {name: 'fax', oid: `${XEROX}.71`, unit: 'impressions'}, // Fax Impressions
  ],
  // Canon (CANON-MIB canPdInfoCounter), by Canon's counter number as its counter screens label them.
  1602: [
    {name: 'total', oid: `${CANON}.101`, unit: 'impressions'}, // 101 Total 1
    {name: 'mono', oid: `${CANON}.108`, unit: 'impressions'}, // 108 Total (Black 1)
    {name: 'color', oid: `${CANON}.106`, unit: 'impressions'}, // 106 colour total (unverified)
    {name: 'print', oid: `${CANON}.301`, unit: 'impressions'}, // 301 Print (Total 1)
    {name: 'scan', oid: `${CANON}.501`, unit: 'images'}, // 501 Scan (Total 1)
  ],
  // Epson (EPSON-CTRL-MIB): page totals by colour, and the function table (print 1, copy 2, fax 3,
  // scan 4) by total (column 4), black & white (3) and colour (5).
  1248: [
    {name: 'total', oid: `${EPSON}.1.1.30.1.1`, unit: 'impressions'},
    {name: 'mono', oid: `${EPSON}.1.1.3.1.1`, unit: 'impressions'},
    {name: 'color', oid: `${EPSON}.1.1.4.1.1`, unit: 'impressions'},
    {name: 'print', oid: `${EPSON}.6.1.4.1.1.1`, unit: 'impressions'},
    {name: 'printMono', oid: `${EPSON}.6.1.3.1.1.1`, unit: 'impressions'},
    {name: 'printColor', oid: `${EPSON}.6.1.5.1.1.1`, unit: 'impressions'},
    {name: 'copy', oid: `${EPSON}.6.1.4.1.1.2`, unit: 'impressions'},
    {name: 'copyMono', oid: `${EPSON}.6.1.3.1.1.2`, unit: 'impressions'},
    {name: 'copyColor', oid: `${EPSON}.6.1.5.1.1.2`, unit: 'impressions'},
    {name: 'fax', oid: `${EPSON}.6.1.4.1.1.3`, unit: 'impressions'},
    {name: 'scan', oid: `${EPSON}.6.1.4.1.1.4`, unit: 'images'},
    {name: 'scanMono', oid: `${EPSON}.6.1.3.1.1.4`, unit: 'images'},
    {name: 'scanColor', oid: `${EPSON}.6.1.5.1.1.4`, unit: 'images'},
  ],
  // Konica Minolta: black/colour by copy (1) and print (2), duplex sheets and scans.
  18334: [
    {name: 'copyMono', oid: `${KONICA}.2.1.5.1.1`, unit: 'impressions'},
    {name: 'printMono', oid: `${KONICA}.2.1.5.1.2`, unit: 'impressions'},
    {name: 'copyColor', oid: `${KONICA}.2.1.5.2.1`, unit: 'impressions'},
    {name: 'printColor', oid: `${KONICA}.2.1.5.2.2`, unit: 'impressions'},
    {name: 'duplex', oid: `${KONICA}.1.3.0`, unit: 'sheets'},
    {name: 'scan', oid: `${KONICA}.1.5.0`, unit: 'images'},
  ],
}

/**
 * Brother packs its counters into one OctetString, brInfoCounter (BROTHER-MIB): records of a code byte,
 * 0x01, a length byte and a big-endian value, padded with 0xFF. The codes that are billing meters:
 */
export const BROTHER_COUNTER = '1.3.6.1.4.1.2435.2.3.9.4.2.1.5.5.10.0'
export const BROTHER_COUNTER_CODES: Readonly<Record<number, {name: MeterName; unit: MeterSource['unit']}>> = {
  0x00: {name: 'total', unit: 'impressions'}, // page counter
  0x01: {name: 'mono', unit: 'impressions'}, // black & white count
  0x02: {name: 'color', unit: 'impressions'}, // colour count
  0x06: {name: 'duplex', unit: 'impressions'}, // pages through the duplex unit
}

/** Vendor counters kept in a table whose rows say what they count: a label column beside the value column. */
export interface MeterTable {
  /** The column whose value (a name or a type number) says what the row counts. */
  label: string
  value: string
  meters: ReadonlyMap<string, {name: MeterName; unit: MeterSource['unit']}>
}

const imp = (name: MeterName) => ({name, unit: 'impressions' as const})

export const VENDOR_METER_TABLES: Readonly<Record<number, MeterTable>> = {
  // Ricoh (RICOH-PRIVATE-MIB ricohEngCounterTable): ricohEngCounterName beside ricohEngCounterValue.
  // Names are compared lower-case with the spaces around ':' removed.
  367: {
    label: '1.3.6.1.4.1.367.3.2.1.2.19.5.1.5',
    value: '1.3.6.1.4.1.367.3.2.1.2.19.5.1.9',
    meters: new Map([
      ['counter:machine total', imp('total')],
      ['total prints:black & white', imp('mono')],
      ['total prints:color', imp('color')],
      ['total prints:full color', imp('color')],
      ['counter:print:total', imp('print')],
      ['counter:print:black & white', imp('printMono')],
      ['counter:print:full color', imp('printColor')],
      ['counter:copy:total', imp('copy')],
      ['counter:copy:black & white', imp('copyMono')],
      ['counter:copy:full color', imp('copyColor')],
      ['counter:fax:total', imp('fax')],
    ]),
  },
  // Lexmark (LEXMARK-MPS-MIB paperGeneralCountTable): paperGeneralCountType beside paperGeneralCountValue.
  641: {
    label: '1.3.6.1.4.1.641.6.4.2.1.1.2',
    value: '1.3.6.1.4.1.641.6.4.2.1.1.4',
    meters: new Map([
      ['16', imp('print')], // printTotal
      ['17', imp('printMono')], // printMono
      ['18', imp('printColor')], // printColor
      ['32', imp('copy')], // copyTotal
      ['48', imp('fax')], // faxTotal
    ]),
  },
}

/** The vendor meter OIDs to add to the identity GET of an agent with this sysObjectID (none if unknown). */
export function meterOids(sysObjectID: string | undefined): string[] {
  const pen = enterpriseOf(sysObjectID)
  if (pen === 2435) return [BROTHER_COUNTER]
  return (pen === undefined ? [] : (VENDOR_METERS[pen] ?? [])).map((m) => m.oid)
}

/** The vendor meter columns to walk for an agent with this sysObjectID (none if unknown). */
export function meterTables(sysObjectID: string | undefined): string[] {
  const pen = enterpriseOf(sysObjectID)
  const t = pen === undefined ? undefined : VENDOR_METER_TABLES[pen]
  return t ? [t.label, t.value] : []
}
