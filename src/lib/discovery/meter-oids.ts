// Billing meters: the Printer-MIB's marker counters, and the vendors' own counters for what the
// Printer-MIB does not split (mono/colour, print/copy/fax/scan, sheets, duplex). Every meter has one
// name across vendors, so a billing export reads the same column whatever made the printer.
// The vendor OIDs are the ones public recordings of real printers carry (HP LaserJet, Konica Minolta
// bizhub, Sharp MX, Kyocera ECOSYS) with the meaning their own MIBs give; other vendors' printers are read
// through the Printer-MIB.

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

/** The vendor meter OIDs to add to the identity GET of an agent with this sysObjectID (none if unknown). */
export function meterOids(sysObjectID: string | undefined): string[] {
  const pen = enterpriseOf(sysObjectID)
  return (pen === undefined ? [] : (VENDOR_METERS[pen] ?? [])).map((m) => m.oid)
}
