// Every OID discovery reads, with the reason it is read. Sources: RFC 1213, RFC 2790 (Host Resources), RFC 3805
// (Printer MIB) and the vendors' MIBs (Lexmark's LEXMARK-PVT-MIB and LEXMARK-MPS-MIB as Observium CE ships them).
// Constants ending in a column (no instance) are table columns: append `.hrDeviceIndex[.row]`.

// MIB-II system group (RFC 1213)
export const SYS_DESCR = '1.3.6.1.2.1.1.1.0'
export const SYS_OBJECT_ID = '1.3.6.1.2.1.1.2.0'
export const SYS_UPTIME = '1.3.6.1.2.1.1.3.0'
export const SYS_CONTACT = '1.3.6.1.2.1.1.4.0'
export const SYS_NAME = '1.3.6.1.2.1.1.5.0'
export const SYS_LOCATION = '1.3.6.1.2.1.1.6.0'
/** sysObjectID under this prefix carries the vendor's IANA enterprise number as the next arc. */
export const ENTERPRISES = '1.3.6.1.4.1'

// HOST-RESOURCES-MIB (RFC 2790)
export const HR_SYSTEM_DATE = '1.3.6.1.2.1.25.1.2.0'
export const HR_DEVICE_ENTRY = '1.3.6.1.2.1.25.3.2.1'
export const HR_DEVICE_TYPE = '1.3.6.1.2.1.25.3.2.1.2'
export const HR_DEVICE_DESCR = '1.3.6.1.2.1.25.3.2.1.3'
export const HR_DEVICE_STATUS = '1.3.6.1.2.1.25.3.2.1.5'
/** hrDeviceType value of a printer (hrDeviceTypes.5). */
export const HR_DEVICE_PRINTER = '1.3.6.1.2.1.25.3.1.5'
export const HR_PRINTER_ENTRY = '1.3.6.1.2.1.25.3.5.1'
export const HR_PRINTER_STATUS = '1.3.6.1.2.1.25.3.5.1.1'
export const HR_PRINTER_DETECTED_ERROR_STATE = '1.3.6.1.2.1.25.3.5.1.2'

// Printer-MIB v2 (RFC 3805). Any value under it marks the host as a printer.
export const PRINTER_MIB = '1.3.6.1.2.1.43'
export const PRT_GENERAL_SERIAL_NUMBER = '1.3.6.1.2.1.43.5.1.1.17'
export const PRT_MARKER_COUNTER_UNIT = '1.3.6.1.2.1.43.10.2.1.3'
export const PRT_MARKER_LIFE_COUNT = '1.3.6.1.2.1.43.10.2.1.4'
export const PRT_MARKER_POWER_ON_COUNT = '1.3.6.1.2.1.43.10.2.1.5'
export const PRT_MARKER_SUPPLIES_ENTRY = '1.3.6.1.2.1.43.11.1.1'
export const PRT_MARKER_SUPPLIES_COLORANT_INDEX = '1.3.6.1.2.1.43.11.1.1.3'
export const PRT_MARKER_SUPPLIES_CLASS = '1.3.6.1.2.1.43.11.1.1.4'
export const PRT_MARKER_SUPPLIES_TYPE = '1.3.6.1.2.1.43.11.1.1.5'
export const PRT_MARKER_SUPPLIES_DESCRIPTION = '1.3.6.1.2.1.43.11.1.1.6'
export const PRT_MARKER_SUPPLIES_UNIT = '1.3.6.1.2.1.43.11.1.1.7'
export const PRT_MARKER_SUPPLIES_MAX_CAPACITY = '1.3.6.1.2.1.43.11.1.1.8'
export const PRT_MARKER_SUPPLIES_LEVEL = '1.3.6.1.2.1.43.11.1.1.9'
/** Colour names; supplies join it through their colorant index because the order differs by vendor. */
export const PRT_MARKER_COLORANT_VALUE = '1.3.6.1.2.1.43.12.1.1.4'
export const PRT_ALERT_ENTRY = '1.3.6.1.2.1.43.18.1.1'
export const PRT_ALERT_SEVERITY_LEVEL = '1.3.6.1.2.1.43.18.1.1.2'
export const PRT_ALERT_TRAINING_LEVEL = '1.3.6.1.2.1.43.18.1.1.3'
export const PRT_ALERT_GROUP = '1.3.6.1.2.1.43.18.1.1.4'
export const PRT_ALERT_GROUP_INDEX = '1.3.6.1.2.1.43.18.1.1.5'
export const PRT_ALERT_LOCATION = '1.3.6.1.2.1.43.18.1.1.6'
export const PRT_ALERT_CODE = '1.3.6.1.2.1.43.18.1.1.7'
export const PRT_ALERT_DESCRIPTION = '1.3.6.1.2.1.43.18.1.1.8'
export const PRT_ALERT_TIME = '1.3.6.1.2.1.43.18.1.1.9'

// Lexmark (enterprise 641). LEXMARK-MPS-MIB (newer devices) and LEXMARK-PVT-MIB (older); note GLPI's
// `641.21.…` PVT OIDs are a typo, the real prefix is 641.2.1.2.1.
export const LEXMARK = '1.3.6.1.4.1.641'
export const LEXMARK_MPS_DEVICE_MODEL = '1.3.6.1.4.1.641.6.2.3.1.4.1'
export const LEXMARK_MPS_DEVICE_SERIAL = '1.3.6.1.4.1.641.6.2.3.1.5.1'
export const LEXMARK_MPS_SW_INVENTORY_ENTRY = '1.3.6.1.4.1.641.6.3.3.1'
export const LEXMARK_MPS_SW_INVENTORY_TYPE = '1.3.6.1.4.1.641.6.3.3.1.3'
export const LEXMARK_MPS_SW_INVENTORY_NAME = '1.3.6.1.4.1.641.6.3.3.1.6'
export const LEXMARK_MPS_SW_INVENTORY_REVISION = '1.3.6.1.4.1.641.6.3.3.1.7'
/** swInventoryRevision.1.1: the firmware level (GLPI reads this row). */
export const LEXMARK_MPS_FIRMWARE = '1.3.6.1.4.1.641.6.3.3.1.7.1.1'
export const LEXMARK_PVT_MODEL = '1.3.6.1.4.1.641.2.1.2.1.2.1'
export const LEXMARK_PVT_DEVICE_ID = '1.3.6.1.4.1.641.2.1.2.1.3.1'
export const LEXMARK_PVT_FIRMWARE = '1.3.6.1.4.1.641.2.1.2.1.4.1'
export const LEXMARK_PVT_SERIAL = '1.3.6.1.4.1.641.2.1.2.1.6.1'

// Dell (674) Lexmark-built models: the Lexmark PVT tree re-rooted under 674.10898.100 (CUPS LexmarkProductOID2).
export const DELL_LEXMARK = '1.3.6.1.4.1.674.10898.100'
export const DELL_PVT_MODEL = '1.3.6.1.4.1.674.10898.100.2.1.2.1.2.1'
export const DELL_PVT_DEVICE_ID = '1.3.6.1.4.1.674.10898.100.2.1.2.1.3.1'
export const DELL_PVT_FIRMWARE = '1.3.6.1.4.1.674.10898.100.2.1.2.1.4.1'
export const DELL_PVT_SERIAL = '1.3.6.1.4.1.674.10898.100.2.1.2.1.6.1'
/** Seen on the Dell S5830dn recording: the same level as sysDescr's `version …`. */
export const DELL_FIRMWARE = '1.3.6.1.4.1.674.10898.100.1.1.1.0'

// HP (11). The IEEE 1284 device ID under HP's tree is answered by many other vendors' agents too.
export const HP_DEVICE_ID = '1.3.6.1.4.1.11.2.3.9.1.1.7.0'
/** HP PML strings: a 2-byte symbol-set prefix (0x01 0x15), then text. */
export const HP_PML_SERIAL = '1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.3.0'
export const HP_PML_FIRMWARE_DATE = '1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.5.0'

// Other vendors: fallbacks only (as LibreNMS, GLPI and PrinterInfoMIB_Def.h read them).
export const BROTHER_SERIAL = '1.3.6.1.4.1.2435.2.3.9.4.2.1.5.5.1.0'
export const BROTHER_FIRMWARE = '1.3.6.1.4.1.2435.2.4.3.1240.6.5.0'
export const CANON_MODEL = '1.3.6.1.4.1.1602.1.1.1.1.0'
export const CANON_FIRMWARE = '1.3.6.1.4.1.1602.1.1.1.4.0'
export const CANON_SERIAL = '1.3.6.1.4.1.1602.1.2.1.4.0'
export const EPSON_MODEL = '1.3.6.1.4.1.1248.1.2.2.1.1.1.2.1'
export const EPSON_SERIAL = '1.3.6.1.4.1.1248.1.2.2.1.1.1.5.1'
export const KONICA_MODEL = '1.3.6.1.4.1.18334.1.1.1.1.6.2.1.0'
export const KONICA_FIRMWARE = '1.3.6.1.4.1.18334.1.1.1.1.6.1.0'
export const KYOCERA_MODEL = '1.3.6.1.4.1.1347.43.5.1.1.1.1'
export const KYOCERA_SERIAL = '1.3.6.1.4.1.1347.43.5.1.1.28.1'
export const KYOCERA_FIRMWARE = '1.3.6.1.4.1.1347.43.5.4.1.5.1.1'
export const OKI_SERIAL = '1.3.6.1.4.1.2001.1.1.1.1.11.1.10.45.0'
export const RICOH_SERIAL = '1.3.6.1.4.1.367.3.2.1.2.1.4.0'
export const XEROX_DEVICE_ID = '1.3.6.1.4.1.253.8.51.1.2.1.20.1'
export const ZEBRA_MODEL = '1.3.6.1.4.1.10642.1.1.0'
export const ZEBRA_FIRMWARE = '1.3.6.1.4.1.10642.1.2.0'

/** The system group, the usual Host Resources and Printer-MIB rows (instance `.1`): asked of every printer. */
const BASE_SCALARS: string[] = [
  SYS_DESCR,
  SYS_OBJECT_ID,
  SYS_UPTIME,
  SYS_CONTACT,
  SYS_NAME,
  SYS_LOCATION,
  HR_SYSTEM_DATE,
  `${HR_DEVICE_TYPE}.1`,
  `${HR_DEVICE_DESCR}.1`,
  `${HR_DEVICE_STATUS}.1`,
  `${HR_PRINTER_STATUS}.1`,
  `${HR_PRINTER_DETECTED_ERROR_STATE}.1`,
  `${PRT_GENERAL_SERIAL_NUMBER}.1`,
  `${PRT_MARKER_COUNTER_UNIT}.1.1`,
  `${PRT_MARKER_LIFE_COUNT}.1.1`,
]

/**
 * One multi-varbind SNMPv2c GET per host (v2c: a missing OID comes back as noSuchObject instead of failing the
 * whole PDU as in v1). Instance `.1` of the Host Resources and Printer-MIB rows is the usual printer;
 * PRINTER_TABLES covers the rest. About 45 varbinds: the request fits one datagram; if an agent answers
 * tooBig, split the list in halves and merge.
 */
export const IDENTIFY_SCALARS: string[] = [
  ...BASE_SCALARS,
  LEXMARK_MPS_DEVICE_MODEL,
  LEXMARK_MPS_DEVICE_SERIAL,
  LEXMARK_MPS_FIRMWARE,
  LEXMARK_PVT_MODEL,
  LEXMARK_PVT_DEVICE_ID,
  LEXMARK_PVT_FIRMWARE,
  LEXMARK_PVT_SERIAL,
  DELL_PVT_MODEL,
  DELL_PVT_DEVICE_ID,
  DELL_PVT_FIRMWARE,
  DELL_PVT_SERIAL,
  DELL_FIRMWARE,
  HP_DEVICE_ID,
  HP_PML_SERIAL,
  HP_PML_FIRMWARE_DATE,
  BROTHER_SERIAL,
  BROTHER_FIRMWARE,
  CANON_MODEL,
  CANON_FIRMWARE,
  CANON_SERIAL,
  EPSON_MODEL,
  EPSON_SERIAL,
  KONICA_MODEL,
  KONICA_FIRMWARE,
  KYOCERA_MODEL,
  KYOCERA_SERIAL,
  KYOCERA_FIRMWARE,
  OKI_SERIAL,
  RICOH_SERIAL,
  XEROX_DEVICE_ID,
  ZEBRA_MODEL,
  ZEBRA_FIRMWARE,
]

/** What every agent is asked in phase 2, whatever its vendor (the IEEE 1284 ID is answered by many). */
const COMMON_SCALARS: string[] = [...BASE_SCALARS, HP_DEVICE_ID]

const LEXMARK_SCALARS = [
  LEXMARK_MPS_DEVICE_MODEL,
  LEXMARK_MPS_DEVICE_SERIAL,
  LEXMARK_MPS_FIRMWARE,
  LEXMARK_PVT_MODEL,
  LEXMARK_PVT_DEVICE_ID,
  LEXMARK_PVT_FIRMWARE,
  LEXMARK_PVT_SERIAL,
]

/**
 * The vendor OIDs by IANA enterprise number (the arc after 1.3.6.1.4.1 in sysObjectID). OEM brands answer
 * under their maker's number (Savin, Lanier → Ricoh 367; Copystar, Utax → Kyocera 1347); Dell and Toshiba
 * sell Lexmark-built models that answer Lexmark's tree as well.
 */
const VENDOR_SCALARS: Readonly<Record<number, string[]>> = {
  11: [HP_PML_SERIAL, HP_PML_FIRMWARE_DATE],
  253: [XEROX_DEVICE_ID],
  297: [XEROX_DEVICE_ID],
  367: [RICOH_SERIAL],
  641: LEXMARK_SCALARS,
  674: [DELL_PVT_MODEL, DELL_PVT_DEVICE_ID, DELL_PVT_FIRMWARE, DELL_PVT_SERIAL, DELL_FIRMWARE, ...LEXMARK_SCALARS],
  1129: LEXMARK_SCALARS,
  1248: [EPSON_MODEL, EPSON_SERIAL],
  1347: [KYOCERA_MODEL, KYOCERA_SERIAL, KYOCERA_FIRMWARE],
  1602: [CANON_MODEL, CANON_FIRMWARE, CANON_SERIAL],
  2001: [OKI_SERIAL],
  2435: [BROTHER_SERIAL, BROTHER_FIRMWARE],
  10642: [ZEBRA_MODEL, ZEBRA_FIRMWARE],
  18334: [KONICA_MODEL, KONICA_FIRMWARE],
}

export function enterpriseOf(sysObjectID: string | undefined): number | undefined {
  return sysObjectID?.startsWith(ENTERPRISES + '.') ? Number(sysObjectID.split('.')[6]) : undefined
}

/**
 * The identity GET for an agent whose sysObjectID is known: the common scalars plus its vendor's. An
 * unknown or missing sysObjectID (print servers, OS agents, a v3 agent before its first answer) gets the
 * whole list, as no vendor can be ruled out.
 */
export function identityOids(sysObjectID: string | undefined): string[] {
  const pen = enterpriseOf(sysObjectID)
  const own = pen === undefined ? undefined : VENDOR_SCALARS[pen]
  return own ? [...COMMON_SCALARS, ...own] : IDENTIFY_SCALARS
}

/**
 * Subtrees to walk only once the GET says "printer": the columns identification reads, not whole entries
 * (the supplies table alone is half of what a printer answers). The Host Resources columns find a printer
 * that is not hrDeviceIndex 1.
 */
export const PRINTER_TABLES: string[] = [
  HR_DEVICE_TYPE,
  HR_DEVICE_DESCR,
  HR_DEVICE_STATUS,
  HR_PRINTER_ENTRY,
  PRT_MARKER_COUNTER_UNIT,
  PRT_MARKER_LIFE_COUNT,
  PRT_MARKER_SUPPLIES_COLORANT_INDEX,
  PRT_MARKER_SUPPLIES_CLASS,
  PRT_MARKER_SUPPLIES_TYPE,
  PRT_MARKER_SUPPLIES_DESCRIPTION,
  PRT_MARKER_SUPPLIES_UNIT,
  PRT_MARKER_SUPPLIES_MAX_CAPACITY,
  PRT_MARKER_SUPPLIES_LEVEL,
  PRT_MARKER_COLORANT_VALUE,
  PRT_ALERT_SEVERITY_LEVEL,
  PRT_ALERT_GROUP,
  PRT_ALERT_CODE,
  PRT_ALERT_DESCRIPTION,
  PRT_ALERT_TIME,
  LEXMARK_MPS_SW_INVENTORY_TYPE,
  LEXMARK_MPS_SW_INVENTORY_NAME,
  LEXMARK_MPS_SW_INVENTORY_REVISION,
]

const LEXMARK_TABLES = new Set([LEXMARK_MPS_SW_INVENTORY_TYPE, LEXMARK_MPS_SW_INVENTORY_NAME, LEXMARK_MPS_SW_INVENTORY_REVISION])

/** The walks for a printer: Lexmark's software inventory only where Lexmark firmware can answer it. */
export function printerTables(sysObjectID: string | undefined): string[] {
  const pen = enterpriseOf(sysObjectID)
  return pen === undefined || pen === 641 || pen === 674 || pen === 1129 || !VENDOR_SCALARS[pen]
    ? PRINTER_TABLES
    : PRINTER_TABLES.filter((t) => !LEXMARK_TABLES.has(t))
}

/**
 * Dotted numbers (OIDs, table index suffixes) in numeric order, arc by arc, a leading dot ignored. Read in
 * place, with no arrays: walks and sorts call it for every varbind.
 */
export function compareDotted(a: string, b: string): number {
  let i = a.startsWith('.') ? 1 : 0
  let j = b.startsWith('.') ? 1 : 0
  while (i < a.length && j < b.length) {
    let x = 0
    let y = 0
    for (; i < a.length && a.charCodeAt(i) !== 46; i++) x = x * 10 + a.charCodeAt(i) - 48
    for (; j < b.length && b.charCodeAt(j) !== 46; j++) y = y * 10 + b.charCodeAt(j) - 48
    if (x !== y) return x - y
    i++
    j++
  }
  return a.length - i - (b.length - j)
}
