// Turns the varbinds of one host (scalar GET + printer table walks) into an Identity. Agents are hostile
// input: wrong types, huge or binary strings and absurd numbers become warnings, never exceptions.
import * as O from './oids.js'
import type {IppAttributes, IppValue} from './ipp.js'
import {sysDescrGrammar} from './sysdescr.js'
import {BROTHER_COUNTER, BROTHER_COUNTER_CODES, VENDOR_METER_TABLES, VENDOR_METERS, type MeterSource} from './meter-oids.js'
import type {Alert, IdentifyOptions, Identity, Meter, SnmpValue, Supply, SupplyStatus, Varbinds} from './types.js'

export type {Identity, IdentifyOptions, SnmpValue, Varbinds} from './types.js'

/** IANA enterprise numbers of printer vendors: the arc after 1.3.6.1.4.1 in sysObjectID. Dell and Toshiba sell Lexmark-built models. */
export const VENDORS: Readonly<Record<number, string>> = {
  641: 'Lexmark',
  11: 'HP',
  253: 'Xerox',
  297: 'Fuji Xerox',
  1602: 'Canon',
  367: 'Ricoh',
  1347: 'Kyocera',
  18334: 'Konica Minolta',
  2385: 'Sharp',
  1248: 'Epson',
  2001: 'OKI',
  236: 'Samsung',
  1129: 'Toshiba',
  674: 'Dell',
  2435: 'Brother',
  10642: 'Zebra',
  128: 'Tektronix',
}

const PEN_BY_NAME = new Map(Object.entries(VENDORS).map(([pen, name]) => [name, Number(pen)]))

// sysDescr keywords when sysObjectID is missing or belongs to a print-server/OS vendor (e.g. 683, the
// ZebraNet print server). Order matters: Fuji Xerox before Xerox; Ricoh's other brands map to Ricoh.
const KEYWORDS: [RegExp, string][] = [
  [/\b(lexmark|marknet)\b/i, 'Lexmark'],
  [/\b(fuji ?xerox|fujifilm)\b/i, 'Fuji Xerox'],
  [/\bxerox\b/i, 'Xerox'],
  [/\b(hewlett[- ]?packard|hp|jetdirect|laserjet)\b/i, 'HP'],
  [/\bcanon\b/i, 'Canon'],
  [/\b(ricoh|savin|lanier|nrg|gestetner|infoprint)\b/i, 'Ricoh'],
  [/\bkyocera\b/i, 'Kyocera'],
  [/\b(konica|minolta|develop ineo)\b/i, 'Konica Minolta'],
  [/\bsharp\b/i, 'Sharp'],
  [/\bepson\b/i, 'Epson'],
  [/\b(oki|okilan|oki ?data)\b/i, 'OKI'],
  [/\bsamsung\b/i, 'Samsung'],
  [/\btoshiba\b/i, 'Toshiba'],
  [/\bdell\b/i, 'Dell'],
  [/\bbrother\b/i, 'Brother'],
  [/\bzebra/i, 'Zebra'],
  [/\btektronix\b/i, 'Tektronix'],
]
// Enterprises that make (almost) nothing but printers: with no Host Resources answer, their agents count as
// printers. 1129 is Toshiba TEC (MFPs, label printers), not Toshiba Corporation.
const PRINTER_ONLY = new Set([641, 253, 297, 367, 1347, 18334, 2435, 2001, 10642, 1129, 128])
const PRINTER_WORDS = new RegExp(
  [
    /\b(printer|printing|laser|laserjet|inkjet|mfp|multifunction|copier|jetdirect|okilan|zebranet)\b/.source,
    /\b(bizhub|ineo|e-studio|ecosys|taskalfa|aficio|imagerunner|imageclass|workcentre|versalink|altalink|phaser|docu)/.source,
    /\b(LBP|MF|MX|AR|CLX|CLP|CLC|ML|SCX|NC|AL|EPL|LP|iR|iPR)-?[A-Z]{0,2}\d/.source,
  ].join('|'),
  'i',
)
const SCANNER_WORDS = /\bscan(ner)?\b/i
// The vendor is its own field, so the model drops a leading brand name.
const BRAND_PREFIX =
  /^(lexmark|hp|hewlett[- ]?packard|xerox|fuji ?xerox|fujifilm|canon|ricoh|kyocera|konica minolta|sharp|epson|oki|samsung|toshiba(?: tec)?|dell|brother|zebra|tektronix)\s+/i
// Lexmark-built firmware banner (also on Dell/Toshiba OEM models): "<model> version <fw> kernel <k> All-N-1".
const LEXMARK_BANNER = /\bversion\s+\S+\s+kernel\s+\S+\s+All-N-\d/i
const INFRA_WORDS = /\b(built-in|ethernet|print(ing)? ?(server|system)|network|interface|scan|wired|wireless|card|adapter|board|usb)\b/i
const PLACEHOLDER = /^(unknown|n\/?a|none|null|0+|x+|-+|\?+|<private>)$/i

const DEVICE_STATUS = ['', 'unknown', 'running', 'warning', 'testing', 'down']
const PRINTER_STATUS = ['', 'other', 'unknown', 'idle', 'printing', 'warmup']
// hrPrinterDetectedErrorState: bit 0 is the most significant bit of the first octet (RFC 2790, RFC 3805).
const ERROR_BITS = [
  'lowPaper',
  'noPaper',
  'lowToner',
  'noToner',
  'doorOpen',
  'jammed',
  'offline',
  'serviceRequested',
  'inputTrayMissing',
  'outputTrayMissing',
  'markerSupplyMissing',
  'outputNearFull',
  'outputFull',
  'inputTrayEmpty',
  'overduePreventMaint',
]
// IANA-PRINTER-MIB enumerations.
const SUPPLY_TYPES = [
  '',
  'other',
  'unknown',
  'toner',
  'wasteToner',
  'ink',
  'inkCartridge',
  'inkRibbon',
  'wasteInk',
  'opc',
  'developer',
  'fuserOil',
  'solidWax',
  'ribbonWax',
  'wasteWax',
  'fuser',
  'coronaWire',
  'fuserOilWick',
  'cleanerUnit',
  'fuserCleaningPad',
  'transferUnit',
  'tonerCartridge',
  'fuserOiler',
  'water',
  'wasteWater',
  'glueWaterAdditive',
  'wastePaper',
  'bindingSupply',
  'bandingSupply',
  'stitchingWire',
  'shrinkWrap',
  'paperWrap',
  'staples',
  'inserts',
  'covers',
]
const SUPPLY_UNITS: Record<number, string> = {
  1: 'other',
  2: 'unknown',
  3: 'tenThousandthsOfInches',
  4: 'micrometers',
  7: 'impressions',
  8: 'sheets',
  11: 'hours',
  12: 'thousandthsOfOunces',
  13: 'tenthsOfGrams',
  14: 'hundrethsOfFluidOunces',
  15: 'tenthsOfMilliliters',
  16: 'feet',
  17: 'meters',
  18: 'items',
  19: 'percent',
}
const COUNTER_UNITS: Record<number, string> = {
  3: 'tenThousandthsOfInches',
  4: 'micrometers',
  5: 'characters',
  6: 'lines',
  7: 'impressions',
  8: 'sheets',
  9: 'dotRow',
  11: 'hours',
  16: 'feet',
  17: 'meters',
}
const SUPPLY_CLASSES: Record<number, string> = {1: 'other', 3: 'supplyThatIsConsumed', 4: 'receptacleThatIsFilled'}
const SPECIAL_LEVELS: Record<number, SupplyStatus> = {[-1]: 'other', [-2]: 'unknown', [-3]: 'someRemaining'}
const SEVERITIES: Record<number, string> = {1: 'other', 3: 'critical', 4: 'warning', 5: 'warningBinaryChangeEvent'}
const ALERT_GROUPS: Record<number, string> = {
  1: 'other',
  3: 'hostResourcesMIBStorageTable',
  4: 'hostResourcesMIBDeviceTable',
  5: 'generalPrinter',
  6: 'cover',
  7: 'localization',
  8: 'input',
  9: 'output',
  10: 'marker',
  11: 'markerSupplies',
  12: 'markerColorant',
  13: 'mediaPath',
  14: 'channel',
  15: 'interpreter',
  16: 'consoleDisplayBuffer',
  17: 'consoleLights',
  18: 'alert',
  30: 'finDevice',
  31: 'finSupply',
  32: 'finSupplyMediaInput',
  33: 'finAttribute',
}
const ALERT_CODES: Record<number, string> = {
  1: 'other',
  2: 'unknown',
  3: 'coverOpen',
  4: 'coverClosed',
  5: 'interlockOpen',
  6: 'interlockClosed',
  7: 'configurationChange',
  8: 'jam',
  9: 'subunitMissing',
  10: 'subunitLifeAlmostOver',
  11: 'subunitLifeOver',
  12: 'subunitAlmostEmpty',
  13: 'subunitEmpty',
  14: 'subunitAlmostFull',
  15: 'subunitFull',
  16: 'subunitNearLimit',
  17: 'subunitAtLimit',
  18: 'subunitOpened',
  19: 'subunitClosed',
  20: 'subunitTurnedOn',
  21: 'subunitTurnedOff',
  22: 'subunitOffline',
  23: 'subunitPowerSaver',
  24: 'subunitWarmingUp',
  25: 'subunitAdded',
  26: 'subunitRemoved',
  27: 'subunitResourceAdded',
  28: 'subunitResourceRemoved',
  29: 'subunitRecoverableFailure',
  30: 'subunitUnrecoverableFailure',
  31: 'subunitRecoverableStorageError',
  32: 'subunitUnrecoverableStorageError',
  33: 'subunitMotorFailure',
  34: 'subunitMemoryExhausted',
  35: 'subunitUnderTemperature',
  36: 'subunitOverTemperature',
  37: 'subunitTimingFailure',
  38: 'subunitThermistorFailure',
  501: 'doorOpen',
  502: 'doorClosed',
  503: 'powerUp',
  504: 'powerDown',
  505: 'printerNMSReset',
  506: 'printerManualReset',
  507: 'printerReadyToPrint',
  801: 'inputMediaTrayMissing',
  802: 'inputMediaSizeChange',
  803: 'inputMediaWeightChange',
  804: 'inputMediaTypeChange',
  805: 'inputMediaColorChange',
  806: 'inputMediaFormPartsChange',
  807: 'inputMediaSupplyLow',
  808: 'inputMediaSupplyEmpty',
  809: 'inputMediaChangeRequest',
  810: 'inputManualInputRequest',
  811: 'inputTrayPositionFailure',
  812: 'inputTrayElevationFailure',
  813: 'inputCannotFeedSizeSelected',
  901: 'outputMediaTrayMissing',
  902: 'outputMediaTrayAlmostFull',
  903: 'outputMediaTrayFull',
  904: 'outputMailboxSelectFailure',
  1001: 'markerFuserUnderTemperature',
  1002: 'markerFuserOverTemperature',
  1003: 'markerFuserTimingFailure',
  1004: 'markerFuserThermistorFailure',
  1005: 'markerAdjustingPrintQuality',
  1101: 'markerTonerEmpty',
  1102: 'markerInkEmpty',
  1103: 'markerPrintRibbonEmpty',
  1104: 'markerTonerAlmostEmpty',
  1105: 'markerInkAlmostEmpty',
  1106: 'markerPrintRibbonAlmostEmpty',
  1107: 'markerWasteTonerReceptacleAlmostFull',
  1108: 'markerWasteInkReceptacleAlmostFull',
  1109: 'markerWasteTonerReceptacleFull',
  1110: 'markerWasteInkReceptacleFull',
  1111: 'markerOpcLifeAlmostOver',
  1112: 'markerOpcLifeOver',
  1113: 'markerDeveloperAlmostEmpty',
  1114: 'markerDeveloperEmpty',
  1115: 'markerTonerCartridgeMissing',
  1301: 'mediaPathMediaTrayMissing',
  1302: 'mediaPathMediaTrayAlmostFull',
  1303: 'mediaPathMediaTrayFull',
  1304: 'mediaPathCannotDuplexMediaSelected',
  1501: 'interpreterMemoryIncrease',
  1502: 'interpreterMemoryDecrease',
  1503: 'interpreterCartridgeAdded',
  1504: 'interpreterCartridgeDeleted',
  1505: 'interpreterResourceAdded',
  1506: 'interpreterResourceDeleted',
  1507: 'interpreterResourceUnavailable',
  1509: 'interpreterComplexPageEncountered',
  1801: 'alertRemovalOfBinaryChangeEntry',
}

const MAX_ROWS = 256 // per table: a real printer has a few dozen supplies/alerts at most
const MAX_WARNINGS = 50
const UTF8 = new TextDecoder('utf-8', {fatal: true})
// C0/C1 controls and bidirectional overrides: they corrupt terminals and tables.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

function describe(v: unknown): string {
  if (v instanceof Uint8Array) return `${v.length} octets`
  return typeof v
}

/** Reads typed values out of the varbinds, turning every surprise into a warning. */
class Reader {
  private readonly vb = new Map<string, SnmpValue>()
  constructor(
    varbinds: Varbinds,
    private readonly maxLen: number,
    readonly warnings: string[],
  ) {
    for (const [k, v] of varbinds) if (typeof k === 'string') this.vb.set(k.replace(/^\./, ''), v)
  }

  warn(msg: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(msg)
    else if (this.warnings.length === MAX_WARNINGS) this.warnings.push('further warnings suppressed')
  }

  get(oid: string): SnmpValue {
    return this.vb.get(oid)
  }

  /** Rows of one table column: index suffix → value, in numeric index order. */
  column(col: string): [string, SnmpValue][] {
    const prefix = col + '.'
    const keys = this.sortedKeys()
    const rows: [string, SnmpValue][] = []
    for (let i = this.lowerBound(prefix); i < keys.length && keys[i].startsWith(prefix); i++) {
      const v = this.vb.get(keys[i])
      if (v != null) rows.push([keys[i].slice(prefix.length), v])
    }
    return rows.sort((a, b) => O.compareDotted(a[0], b[0]))
  }

  hasUnder(prefix: string): boolean {
    const keys = this.sortedKeys()
    for (let i = this.lowerBound(prefix + '.'); i < keys.length && keys[i].startsWith(prefix + '.'); i++)
      if (this.vb.get(keys[i]) != null) return true
    return false
  }

  // The OIDs in string order, once: a subtree is then a contiguous run found by binary search, instead of
  // a scan of every varbind per table column.
  private sorted: string[] | undefined
  private sortedKeys(): string[] {
    return (this.sorted ??= [...this.vb.keys()].sort())
  }

  private lowerBound(prefix: string): number {
    const keys = this.sortedKeys()
    let lo = 0
    let hi = keys.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (keys[mid] < prefix) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  text(oid: string, label: string, v: SnmpValue = this.get(oid), maxLen = this.maxLen): string | undefined {
    if (v == null) return undefined
    let s: string
    if (typeof v === 'string') s = v
    else if (v instanceof Uint8Array) {
      try {
        s = UTF8.decode(v)
      } catch {
        s = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('latin1')
        this.warn(`${label}: not valid UTF-8, read as Latin-1`)
      }
    } else if (typeof v === 'number' || typeof v === 'bigint') {
      this.warn(`${label}: expected text, got a number`)
      s = String(v)
    } else {
      this.warn(`${label}: expected text, got ${describe(v)}`)
      return undefined
    }
    s = s.replace(/\0+$/, '').replace(/[\t\r\n]+/g, ' ') // NUL padding and line breaks are routine, not worth a warning
    const clean = s.replace(CONTROL, '')
    if (clean !== s) this.warn(`${label}: control characters removed`)
    s = clean.trim()
    if (s.length > maxLen) {
      this.warn(`${label}: ${s.length} characters, cut to ${maxLen}`)
      s = s.slice(0, maxLen)
    }
    return s || undefined
  }

  int(oid: string, label: string, v: SnmpValue = this.get(oid)): number | undefined {
    if (v == null) return undefined
    if (typeof v === 'number') {
      if (Number.isSafeInteger(v)) return v
    } else if (typeof v === 'bigint') {
      if (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(v)
    } else if (typeof v === 'string' || v instanceof Uint8Array) {
      const s = typeof v === 'string' ? v : Buffer.from(v).toString('latin1')
      if (/^\s*-?\d{1,15}\s*$/.test(s)) {
        this.warn(`${label}: number sent as text`)
        return Number(s)
      }
      // net-snmp hands Counter64 over as big-endian bytes; printable bytes are text, not a counter.
      if (v instanceof Uint8Array && v.length > 0 && v.length <= 8 && !/^[\x20-\x7e]+$/.test(s)) {
        const n = BigInt('0x' + Buffer.from(v).toString('hex'))
        if (n <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(n)
      }
    }
    this.warn(`${label}: expected an integer, got ${typeof v === 'number' || typeof v === 'bigint' ? String(v) : describe(v)}`)
    return undefined
  }

  oid(oid: string, label: string): string | undefined {
    const v = this.get(oid)
    if (v == null) return undefined
    if (typeof v !== 'string') this.warn(`${label}: expected an OID, got ${describe(v)}`)
    // OIDs may legitimately be long (128 arcs): no 256-character cut here.
    const s = this.text(oid, label, typeof v === 'string' ? v : v instanceof Uint8Array ? v : null, 2048)?.replace(/^\./, '')
    if (s === undefined) return undefined
    if (/^\d+(\.\d+)*$/.test(s)) return s
    this.warn(`${label}: not an OID`)
    return undefined
  }

  bytes(oid: string, label: string): Uint8Array | undefined {
    const v = this.get(oid)
    if (v == null) return undefined
    if (v instanceof Uint8Array) return v
    if (typeof v === 'string') return Buffer.from(v, 'latin1')
    this.warn(`${label}: expected octets, got ${describe(v)}`)
    return undefined
  }

  /** First usable value of several sources (blank and placeholder answers do not count). */
  first(sources: (string | undefined)[]): string | undefined {
    for (const s of sources) if (s && !PLACEHOLDER.test(s)) return s
    return undefined
  }
}

/** IEEE 1284 device ID ("MFG:HP;MDL:LaserJet;…") → upper-case keys. */
function parse1284(s: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of (s ?? '').split(';')) {
    const i = part.indexOf(':')
    if (i > 0) out[part.slice(0, i).trim().toUpperCase()] = part.slice(i + 1).trim()
  }
  return out
}

/** Model and firmware from sysDescr, for the formats seen in the recordings and in Recog's fingerprints. */
export function parseSysDescr(d: string | undefined): {model?: string; firmware?: string; serial?: string} {
  if (!d) return {}
  const serial = /\bSN:\s*([\w-]+)/.exec(d)?.[1] ?? /\bS\/N:?\s+([\w-]+)/.exec(d)?.[1]
  let m: RegExpExecArray | null
  if ((m = /^(.+?)\s+version\s+(\S+)\s+kernel\b/i.exec(d))) return {model: m[1], firmware: m[2], serial}
  if ((m = /^((?:lexmark|marknet)\b.*?)\s+version\s+v?(\d[\w.]*)/i.exec(d))) return {model: m[1], firmware: m[2], serial}
  if ((m = /\bPID:\s*([^,;]+)/.exec(d))) return {model: m[1], serial}
  if ((m = /\bAttached to\s+(\S+)\s+Rev\.?\s*([\w.]+)/i.exec(d))) return {model: m[1], firmware: m[2], serial}
  if ((m = /^((?:ricoh|savin|lanier|nrg|gestetner)\s+.+?)\s+v?(\d+(?:\.\d+)+)\s*\//i.exec(d))) return {model: m[1], firmware: m[2], serial}
  if ((m = /^([^;,]+);/.exec(d))) {
    // "Model; firmware…" (Samsung, Samsung-built Dell, Xerox, Epson).
    const fw = /;\s*(?:(?:System(?: Software)?|ESS|SS|OS)\s+)?V?(\d+(?:\.\d+)+)/i.exec(d)?.[1]
    return {model: INFRA_WORDS.test(m[1]) ? undefined : m[1], firmware: fw, serial}
  }
  // A short "<Brand> <model> [version]" with nothing else ("SHARP MX-3570N", "Canon LBP6670 /P", "EPSON LP-9600 01.00").
  const plain = d.replace(/\s+\/P\b.*$/, '').replace(/\s*\([^)]*\)$/, '')
  if (
    !/[,;]/.test(plain) &&
    plain.split(/\s+/).length <= 5 &&
    !INFRA_WORDS.test(plain) &&
    KEYWORDS.some(([re]) => re.test(plain.split(/\s+/).slice(0, 2).join(' ')))
  ) {
    const v = /^(.+?)\s+v?(\d+(?:\.\d+)+)$/i.exec(plain)
    return v ? {model: v[1], firmware: v[2], serial} : {model: plain, serial}
  }
  return {serial}
}

function cleanModel(s: string | undefined): string | undefined {
  if (!s) return undefined
  const m = s
    .replace(/\s+/g, ' ')
    .replace(BRAND_PREFIX, '')
    .replace(/\s+\/P$/, '')
    .replace(/\s+series$/i, '')
    .trim()
  return m && !PLACEHOLDER.test(m) ? m : undefined
}

/** HP PML strings start with a 2-byte symbol set (0x01 0x15); keep the first line of what follows. */
function pml(r: Reader, oid: string, label: string): string | undefined {
  let b = r.bytes(oid, label)
  if (!b) return undefined
  if (b.length >= 2 && b[0] === 0x01) b = b.subarray(2)
  const nl = b.indexOf(0x0a)
  return r.text(oid, label, nl >= 0 ? b.subarray(0, nl) : b)
}

/** hrSystemDate (DateAndTime, 8 or 11 octets) → ISO 8601. */
function decodeDate(r: Reader): string | undefined {
  const b = r.bytes(O.HR_SYSTEM_DATE, 'hrSystemDate')
  if (!b || b.length === 0) return undefined
  if (b.length !== 8 && b.length !== 11) {
    r.warn(`hrSystemDate: ${b.length} octets is not a DateAndTime`)
    return undefined
  }
  const [year, mo, d, h, mi, s, ds] = [b[0] * 256 + b[1], b[2], b[3], b[4], b[5], b[6], b[7]]
  const t = new Date(0)
  t.setUTCFullYear(year, mo - 1, d)
  t.setUTCHours(h, mi, Math.min(s, 59), ds * 100) // a leap second (60) is shown as :59
  const valid = year >= 1900 && year <= 9999 && mo >= 1 && mo <= 12 && t.getUTCDate() === d && h <= 23 && mi <= 59 && s <= 60 && ds <= 9
  const zoned = b.length === 11
  if (!valid || (zoned && ((b[8] !== 0x2b && b[8] !== 0x2d) || b[9] > 14 || b[10] > 59))) {
    r.warn(`hrSystemDate: invalid date ${Buffer.from(b).toString('hex')}`)
    return undefined
  }
  if (!zoned) return t.toISOString().slice(0, -1) // device-local time; the zone is unknown
  const offset = (b[8] === 0x2d ? -1 : 1) * (b[9] * 60 + b[10])
  return new Date(t.getTime() - offset * 60_000).toISOString()
}

function enumName(r: Reader, names: readonly string[] | Record<number, string>, n: number | undefined, label: string): string | undefined {
  if (n === undefined) return undefined
  const name = (names as Record<number, string>)[n]
  if (name) return name
  r.warn(`${label}: unknown value ${n}`)
  return undefined
}

function detectedErrors(r: Reader, idx: string): string[] {
  const label = `hrPrinterDetectedErrorState.${idx}`
  const b = r.bytes(`${O.HR_PRINTER_DETECTED_ERROR_STATE}.${idx}`, label)
  if (!b) return []
  if (b.subarray(2).some((x) => x !== 0)) r.warn(`${label}: bits beyond the 16 defined ones ignored`)
  const out: string[] = []
  for (let bit = 0; bit < 16 && bit < b.length * 8; bit++) {
    if (!(b[bit >> 3] & (0x80 >> (bit & 7)))) continue
    if (ERROR_BITS[bit]) out.push(ERROR_BITS[bit])
    else r.warn(`${label}: undefined bit ${bit} set`)
  }
  return out
}

/** Joins table columns into rows keyed by `hrDeviceIndex.row`, in index order, at most MAX_ROWS of them. */
function table<C extends string>(r: Reader, name: string, cols: Record<C, string>): [string, Partial<Record<C, SnmpValue>>][] {
  const rows = new Map<string, Partial<Record<C, SnmpValue>>>()
  for (const [key, col] of Object.entries(cols) as [C, string][]) {
    for (const [k, v] of r.column(col)) {
      if (!/^\d+\.\d+$/.test(k)) continue
      let row = rows.get(k)
      if (!row) rows.set(k, (row = {}))
      row[key] = v
    }
  }
  const keys = [...rows.keys()].sort(O.compareDotted)
  if (keys.length > MAX_ROWS) r.warn(`${name}: ${keys.length} rows, kept ${MAX_ROWS}`)
  return keys.slice(0, MAX_ROWS).map((k) => [k, rows.get(k)!])
}

function supplies(r: Reader): Supply[] {
  const colorants = new Map<string, string>()
  for (const [k, v] of r.column(O.PRT_MARKER_COLORANT_VALUE).slice(0, MAX_ROWS)) {
    const c = r.text('', `prtMarkerColorantValue.${k}`, v)
    if (c) colorants.set(k, c.toLowerCase())
  }
  const rows = table(r, 'prtMarkerSuppliesTable', {
    colorant: O.PRT_MARKER_SUPPLIES_COLORANT_INDEX,
    class: O.PRT_MARKER_SUPPLIES_CLASS,
    type: O.PRT_MARKER_SUPPLIES_TYPE,
    description: O.PRT_MARKER_SUPPLIES_DESCRIPTION,
    unit: O.PRT_MARKER_SUPPLIES_UNIT,
    max: O.PRT_MARKER_SUPPLIES_MAX_CAPACITY,
    level: O.PRT_MARKER_SUPPLIES_LEVEL,
  })
  return rows.map(([k, row]) => {
    const [device, index] = k.split('.').map(Number)
    const at = (what: string) => `${what}.${k}`
    const description = r.text('', at('prtMarkerSuppliesDescription'), row.description)
    const s: Supply = {
      index,
      device,
      type: enumName(r, SUPPLY_TYPES, r.int('', at('prtMarkerSuppliesType'), row.type), at('prtMarkerSuppliesType')) ?? 'unknown',
      ...(description && {description}),
      unit:
        enumName(r, SUPPLY_UNITS, r.int('', at('prtMarkerSuppliesSupplyUnit'), row.unit), at('prtMarkerSuppliesSupplyUnit')) ?? 'unknown',
    }
    const cls = enumName(r, SUPPLY_CLASSES, r.int('', at('prtMarkerSuppliesClass'), row.class), at('prtMarkerSuppliesClass'))
    if (cls) s.class = cls
    const level = r.int('', at('prtMarkerSuppliesLevel'), row.level)
    const max = r.int('', at('prtMarkerSuppliesMaxCapacity'), row.max)
    if (max !== undefined) {
      if (max < -2) r.warn(`${at('prtMarkerSuppliesMaxCapacity')}: invalid value ${max}`)
      else s.max = max
    }
    if (level !== undefined) {
      if (level < -3) r.warn(`${at('prtMarkerSuppliesLevel')}: invalid value ${level}`)
      else {
        s.level = level
        if (level < 0) s.status = SPECIAL_LEVELS[level]
        else if (s.max !== undefined && s.max > 0) {
          if (level > s.max) r.warn(`${at('prtMarkerSuppliesLevel')}: ${level} exceeds the capacity ${s.max}`)
          else s.percent = Math.round((level / s.max) * 100)
        }
      }
    }
    const ci = r.int('', at('prtMarkerSuppliesColorantIndex'), row.colorant)
    const color =
      (ci && ci > 0 ? colorants.get(`${device}.${ci}`) : undefined) ??
      /\b(black|cyan|magenta|yellow)\b/i.exec(description ?? '')?.[1].toLowerCase()
    if (color) s.color = color
    return s
  })
}

function alerts(r: Reader): Alert[] {
  const rows = table(r, 'prtAlertTable', {
    severity: O.PRT_ALERT_SEVERITY_LEVEL,
    group: O.PRT_ALERT_GROUP,
    code: O.PRT_ALERT_CODE,
    description: O.PRT_ALERT_DESCRIPTION,
    time: O.PRT_ALERT_TIME,
  })
  return rows.map(([k, row]) => {
    const at = (what: string) => `${what}.${k}`
    const a: Alert = {index: Number(k.split('.')[1])}
    const sev = r.int('', at('prtAlertSeverityLevel'), row.severity)
    // Some agents fill unused rows with 0 (seen on Brother): no severity rather than a warning.
    const severity = sev ? enumName(r, SEVERITIES, sev, at('prtAlertSeverityLevel')) : undefined
    if (severity) a.severity = severity
    const code = r.int('', at('prtAlertCode'), row.code)
    if (code !== undefined) {
      a.code = code
      if (ALERT_CODES[code]) a.codeName = ALERT_CODES[code]
    }
    const group = r.int('', at('prtAlertGroup'), row.group)
    if (group && ALERT_GROUPS[group]) a.group = ALERT_GROUPS[group]
    const description = r.text('', at('prtAlertDescription'), row.description)
    if (description) a.description = description
    const time = r.int('', at('prtAlertTime'), row.time)
    if (time !== undefined && time >= 0) a.time = time
    return a
  })
}

/**
 * The marker counters of the printer device (lifetime as `total`, since power-on), then the vendor's own
 * meters it answered; a vendor meter never repeats a name the Printer-MIB already gave.
 */
function meters(r: Reader, idx: string, enterprise: number | undefined): Meter[] {
  const out: Meter[] = []
  // The printer device's markers (hrDeviceIndex.prtMarkerIndex), else those of the first device listed.
  const rows = r.column(O.PRT_MARKER_LIFE_COUNT).slice(0, MAX_ROWS)
  const device = rows.some(([k]) => k.startsWith(`${idx}.`)) ? idx : rows[0]?.[0].split('.')[0]
  for (const [suffix] of rows) {
    if (!suffix.startsWith(`${device}.`)) continue
    const marker = Number(suffix.slice(device!.length + 1))
    const unitOid = `${O.PRT_MARKER_COUNTER_UNIT}.${suffix}`
    const unit = enumName(r, COUNTER_UNITS, r.int(unitOid, `prtMarkerCounterUnit.${suffix}`), `prtMarkerCounterUnit.${suffix}`) ?? 'unknown'
    for (const [name, col, label] of [
      ['total', O.PRT_MARKER_LIFE_COUNT, 'prtMarkerLifeCount'],
      ['sinceLastPowerOn', O.PRT_MARKER_POWER_ON_COUNT, 'prtMarkerPowerOnCount'],
    ] as const) {
      const value = r.int(`${col}.${suffix}`, `${label}.${suffix}`)
      if (value !== undefined && value < 0) r.warn(`${label}.${suffix}: negative count ${value}`)
      else if (value !== undefined) out.push({marker, name, oid: `${col}.${suffix}`, unit, value})
    }
  }
  const add = (m: MeterSource, value: number | undefined) => {
    if (value !== undefined && value >= 0 && !out.some((x) => x.name === m.name)) out.push({name: m.name, oid: m.oid, unit: m.unit, value})
  }
  for (const m of enterprise === undefined ? [] : (VENDOR_METERS[enterprise] ?? [])) add(m, r.int(m.oid, m.oid))
  if (enterprise === 2435)
    for (const [code, value] of brotherCounters(r)) add({...BROTHER_COUNTER_CODES[code], oid: BROTHER_COUNTER}, value)
  const table = enterprise === undefined ? undefined : VENDOR_METER_TABLES[enterprise]
  if (table)
    for (const [k, v] of r.column(table.label).slice(0, MAX_ROWS)) {
      // a type number (Lexmark) or a name (Ricoh), the latter compared as meter-oids.ts lists them
      const label =
        typeof v === 'number'
          ? String(v)
          : r
              .text('', `${table.label}.${k}`, v)
              ?.toLowerCase()
              .replace(/\s*:\s*/g, ':')
      const m = label === undefined ? undefined : table.meters.get(label.trim())
      const oid = `${table.value}.${k}`
      if (m) add({...m, oid}, r.int(oid, oid))
    }
  return out
}

/**
 * The billing codes of Brother's brInfoCounter (meter-oids.ts), first record of a code wins. The string
 * is hostile input: a record that runs past the end or is longer than 6 bytes ends the read with a warning.
 */
function brotherCounters(r: Reader): [number, number][] {
  const v = r.get(BROTHER_COUNTER)
  if (v == null) return []
  if (!(v instanceof Uint8Array) && typeof v !== 'string') {
    r.warn('brInfoCounter: expected an octet string')
    return []
  }
  const b = typeof v === 'string' ? Buffer.from(v, 'latin1') : Buffer.from(v.buffer, v.byteOffset, v.byteLength)
  const out: [number, number][] = []
  for (let i = 0; i < b.length && b[i] !== 0xff; ) {
    const len = b[i + 2]
    if (len === undefined || len < 1 || len > 6 || i + 3 + len > b.length) {
      r.warn(`brInfoCounter: malformed record at byte ${i}`)
      break
    }
    if (BROTHER_COUNTER_CODES[b[i]] && !out.some(([c]) => c === b[i])) out.push([b[i], b.readUIntBE(i + 3, len)])
    i += 3 + len
  }
  return out
}

/** eSF version from the Lexmark software inventory. Inference: no public OID documents it; swInventoryTable rows of type application(5) are its only plausible home. */
function esfVersion(r: Reader): string | undefined {
  for (const [k, v] of r.column(O.LEXMARK_MPS_SW_INVENTORY_NAME).slice(0, MAX_ROWS)) {
    const name = r.text('', `swInventoryName.${k}`, v)
    if (!name || !/\b(esf|embedded solutions? framework)\b/i.test(name)) continue
    const type = r.int(`${O.LEXMARK_MPS_SW_INVENTORY_TYPE}.${k}`, `swInventoryType.${k}`)
    if (type !== undefined && type !== 5) continue // 5 = application
    return r.text(`${O.LEXMARK_MPS_SW_INVENTORY_REVISION}.${k}`, `swInventoryRevision.${k}`)
  }
  return undefined
}

function run(r: Reader): Identity {
  const sysDescr = r.text(O.SYS_DESCR, 'sysDescr')
  const sysObjectID = r.oid(O.SYS_OBJECT_ID, 'sysObjectID')
  const pen = sysObjectID?.startsWith(O.ENTERPRISES + '.') ? Number(sysObjectID.split('.')[6]) : undefined
  const enterprise = pen !== undefined && Number.isSafeInteger(pen) ? pen : undefined

  // The printer's hrDeviceIndex: the lowest row typed hrDevicePrinter, else 1.
  const types = r.column(O.HR_DEVICE_TYPE).map(([k]) => [k, r.oid(`${O.HR_DEVICE_TYPE}.${k}`, `hrDeviceType.${k}`)] as const)
  const printerRow = types.find(([, t]) => t === O.HR_DEVICE_PRINTER)
  const idx = printerRow?.[0] ?? '1'
  const hrDeviceDescr = r.text(`${O.HR_DEVICE_DESCR}.${idx}`, `hrDeviceDescr.${idx}`)
  const ids = [O.HP_DEVICE_ID, O.XEROX_DEVICE_ID, O.LEXMARK_PVT_DEVICE_ID, O.DELL_PVT_DEVICE_ID].map((oid) =>
    parse1284(r.text(oid, `deviceId ${oid}`, undefined, 4 * 1024)),
  ) // routinely > 256; only fields are kept
  const fromIds = (...keys: string[]) => r.first(ids.flatMap((id) => keys.map((k) => id[k])))

  // The per-vendor grammars (sysdescr.ts) name what the keywords miss: print servers, label printers, OEM brands.
  const grammar = sysDescrGrammar(sysDescr)
  // A print server's own model and firmware (Brother NC cards, "Zebra Wired") are not the printer's.
  const ofPrinter = grammar.family !== 'NC Series' && !INFRA_WORDS.test(grammar.product ?? '')
  const vendor =
    (enterprise !== undefined ? VENDORS[enterprise] : undefined) ??
    KEYWORDS.find(([re]) => re.test(`${sysDescr ?? ''} ${hrDeviceDescr ?? ''} ${fromIds('MFG', 'MANUFACTURER') ?? ''}`))?.[1] ??
    grammar.vendor

  // OEM models (Dell, Toshiba, IBM InfoPrint, Unisys…) give themselves away by Lexmark's trees or banner.
  const lexmarkBuilt =
    vendor === 'Lexmark' ||
    r.hasUnder(O.LEXMARK) ||
    LEXMARK_BANNER.test(sysDescr ?? '') ||
    (vendor === 'Dell' && r.hasUnder(O.DELL_LEXMARK))

  const isPrinter =
    printerRow !== undefined ||
    r.hasUnder(O.PRINTER_MIB) ||
    (types.length === 0 &&
      (() => {
        const words = `${sysDescr ?? ''} ${hrDeviceDescr ?? ''}`
        if (/^printer$/i.test(fromIds('CLS', 'CLASS') ?? '')) return true
        if (SCANNER_WORDS.test(words) && !PRINTER_WORDS.test(words.replace(SCANNER_WORDS, ''))) return false
        // By name only when sysObjectID is silent; "Toshiba" alone could be a laptop.
        const pen = enterprise ?? (vendor && vendor !== 'Toshiba' ? PEN_BY_NAME.get(vendor) : undefined)
        return (pen !== undefined && PRINTER_ONLY.has(pen)) || lexmarkBuilt || PRINTER_WORDS.test(words)
      })())

  const fromDescr = parseSysDescr(sysDescr)
  // Lexmark hrDeviceDescr reads "<brand> <model> <serial> <firmware>" (GLPI keeps the first two words).
  const hrModel = lexmarkBuilt ? (/^(\S+\s+\S+)\s+\S+\s+\S+\.\S+\.\S+$/.exec(hrDeviceDescr ?? '')?.[1] ?? hrDeviceDescr) : hrDeviceDescr
  const model = cleanModel(
    r.first([
      r.text(O.LEXMARK_MPS_DEVICE_MODEL, 'deviceModel'),
      r.text(O.LEXMARK_PVT_MODEL, 'prtgenPrinterName'),
      r.text(O.DELL_PVT_MODEL, 'Dell prtgenPrinterName'),
      hrModel,
      r.text(O.KYOCERA_MODEL, 'Kyocera model'),
      r.text(O.CANON_MODEL, 'Canon model'),
      r.text(O.KONICA_MODEL, 'Konica model'),
      r.text(O.EPSON_MODEL, 'Epson model'),
      r.text(O.ZEBRA_MODEL, 'Zebra model'),
      fromIds('MDL', 'MODEL'),
      fromDescr.model,
      ofPrinter ? grammar.model : undefined,
    ]),
  )

  const serialNumber = r.first([
    r.text(`${O.PRT_GENERAL_SERIAL_NUMBER}.${idx}`, `prtGeneralSerialNumber.${idx}`),
    r.text(O.LEXMARK_MPS_DEVICE_SERIAL, 'deviceSerialNumber'),
    r.text(O.LEXMARK_PVT_SERIAL, 'prtgenSerialNo'),
    r.text(O.DELL_PVT_SERIAL, 'Dell prtgenSerialNo'),
    r.text(O.BROTHER_SERIAL, 'Brother serial'),
    r.text(O.CANON_SERIAL, 'Canon serial'),
    r.text(O.KYOCERA_SERIAL, 'Kyocera serial'),
    r.text(O.RICOH_SERIAL, 'Ricoh serial'),
    r.text(O.EPSON_SERIAL, 'Epson serial'),
    r.text(O.OKI_SERIAL, 'OKI serial'),
    pml(r, O.HP_PML_SERIAL, 'HP serial'),
    fromIds('SN', 'SER', 'SERN', 'SERIALNUMBER'),
    fromDescr.serial,
  ])

  const firmware = r.first([
    r.text(O.LEXMARK_MPS_FIRMWARE, 'swInventoryRevision'),
    r.text(O.LEXMARK_PVT_FIRMWARE, 'prtgenCodeRevision'),
    r.text(O.DELL_PVT_FIRMWARE, 'Dell prtgenCodeRevision'),
    r.text(O.DELL_FIRMWARE, 'Dell firmware'),
    r.text(O.CANON_FIRMWARE, 'Canon firmware'),
    r.text(O.KONICA_FIRMWARE, 'Konica firmware'),
    r.text(O.KYOCERA_FIRMWARE, 'Kyocera firmware'),
    r.text(O.ZEBRA_FIRMWARE, 'Zebra firmware'),
    r.text(O.BROTHER_FIRMWARE, 'Brother firmware')?.replace(/^firmware\s+ver\.?\s*/i, ''),
    // HP's PML value is a firmware date code (e.g. 20201023); other vendors answering HP's tree mean other things.
    vendor === 'HP' ? pml(r, O.HP_PML_FIRMWARE_DATE, 'HP firmware') : undefined,
    fromDescr.firmware,
    ofPrinter ? grammar.version : undefined,
  ])

  const id: Identity = {isPrinter, lexmarkBuilt, meters: [], supplies: [], detectedErrors: [], alerts: [], warnings: r.warnings}
  const set = <K extends keyof Identity>(k: K, v: Identity[K] | undefined) => {
    if (v !== undefined) id[k] = v
  }
  set('vendor', vendor)
  set('enterprise', enterprise)
  set('sysObjectID', sysObjectID)
  set('model', model)
  set('serialNumber', serialNumber)
  set('firmware', firmware)
  set('sysDescr', sysDescr)
  set('sysName', r.text(O.SYS_NAME, 'sysName'))
  set('sysLocation', r.text(O.SYS_LOCATION, 'sysLocation'))
  set('sysContact', r.text(O.SYS_CONTACT, 'sysContact'))
  set('uptime', r.int(O.SYS_UPTIME, 'sysUpTime'))
  set('esfVersion', lexmarkBuilt ? esfVersion(r) : undefined)
  set('deviceStatus', enumName(r, DEVICE_STATUS, r.int(`${O.HR_DEVICE_STATUS}.${idx}`, `hrDeviceStatus.${idx}`), `hrDeviceStatus.${idx}`))
  set(
    'printerStatus',
    enumName(r, PRINTER_STATUS, r.int(`${O.HR_PRINTER_STATUS}.${idx}`, `hrPrinterStatus.${idx}`), `hrPrinterStatus.${idx}`),
  )
  set('clock', decodeDate(r))
  if (isPrinter) {
    id.meters = meters(r, idx, enterprise)
    const total = id.meters.find((m) => m.name === 'total')
    if (total) id.pageCount = {unit: total.unit, value: total.value}
    id.supplies = supplies(r)
    id.detectedErrors = detectedErrors(r, idx)
    id.alerts = alerts(r)
  }
  return id
}

/**
 * Identifies one host from its varbinds. Never throws: anything odd in the answer becomes a warning, and the
 * fields that could not be read are left out.
 */
export function identify(varbinds: Varbinds, opts: IdentifyOptions = {}): Identity {
  const warnings: string[] = []
  try {
    const max = opts.maxStringLength && opts.maxStringLength > 0 ? opts.maxStringLength : 256
    return run(new Reader(varbinds, max, warnings))
  } catch (err) {
    // A bug here must not abort a sweep of thousands of hosts: report it on this host and go on.
    warnings.push(`identify failed: ${err instanceof Error ? err.message : String(err)}`)
    return {isPrinter: false, lexmarkBuilt: false, meters: [], supplies: [], detectedErrors: [], alerts: [], warnings}
  }
}

// ------------------------------------------------------------------------------------------------
// IPP (printers with SNMP off): the same Identity from Get-Printer-Attributes

const IPP_STATE: Record<number, string> = {3: 'idle', 4: 'printing', 5: 'other'}
const MARKER_LEVEL: Record<number, SupplyStatus> = {[-1]: 'other', [-2]: 'unknown', [-3]: 'someRemaining'}
// marker-types keywords (PWG 5100.x) → PrtMarkerSuppliesTypeTC names used by the SNMP path
const MARKER_TYPE: Record<string, string> = {
  toner: 'toner',
  'toner-cartridge': 'tonerCartridge',
  ink: 'ink',
  'ink-cartridge': 'inkCartridge',
  opc: 'opc',
  'waste-toner': 'wasteToner',
  'waste-ink': 'wasteInk',
  fuser: 'fuser',
  developer: 'developer',
  'transfer-unit': 'transferUnit',
}

/** Identity from IPP printer attributes (device ID MFG/MDL/SN first, then make-and-model). */
export function identifyIpp(a: IppAttributes, opts: IdentifyOptions = {}): Identity {
  const max = opts.maxStringLength && opts.maxStringLength > 0 ? opts.maxStringLength : 256
  const warnings: string[] = []
  const text = (k: string, v: IppValue | undefined = a.get(k)?.[0]): string | undefined => {
    if (typeof v !== 'string') return undefined
    let s = v
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
    if (s.length > max) {
      warnings.push(`${k} is ${s.length} characters: cut to ${max}`)
      s = s.slice(0, max)
    }
    return s || undefined
  }
  const device = parse1284(text('printer-device-id'))
  const makeModel = text('printer-make-and-model')
  const mfg = device.MFG ?? device.MANUFACTURER
  const vendor = KEYWORDS.find(([re]) => re.test(`${mfg ?? ''} ${makeModel ?? ''}`))?.[1] ?? mfg
  const model = cleanModel(device.MDL ?? device.MODEL ?? makeModel)
  const list = (k: string): IppValue[] => a.get(k) ?? []
  const names = list('marker-names')
  const supplies: Supply[] = names.slice(0, MAX_ROWS).map((n, i) => {
    const level = list('marker-levels')[i]
    const high = list('marker-high-levels')[i]
    const type = text('marker-types', list('marker-types')[i])
    const s: Supply = {
      device: 1,
      index: i + 1,
      type: (type && MARKER_TYPE[type]) ?? type ?? 'other',
      unit: 'percent',
      class: type?.startsWith('waste') ? 'receptacleThatIsFilled' : 'supplyThatIsConsumed',
    }
    const description = text('marker-names', n)
    if (description) s.description = description
    if (typeof level === 'number') {
      if (level >= 0 && level <= 100) {
        s.level = level
        s.max = 100
        s.percent = level
      } else if (MARKER_LEVEL[level]) s.status = MARKER_LEVEL[level]
    }
    if (typeof high === 'number' && high > 0 && high < 100) s.max = 100 // high-levels are warning thresholds, not capacities
    const color = text('marker-colors', list('marker-colors')[i])
    const named = description?.match(/\b(black|cyan|magenta|yellow)\b/i)?.[1]
    if (named) s.color = named.toLowerCase()
    else if (color && !color.startsWith('#')) s.color = color.toLowerCase()
    return s
  })
  const state = list('printer-state')[0]
  const reasons = list('printer-state-reasons')
    .map((r) => text('printer-state-reasons', r))
    .filter((r): r is string => Boolean(r) && r !== 'none')
  const id: Identity = {
    alerts: [],
    detectedErrors: reasons.slice(0, 32),
    isPrinter: true,
    lexmarkBuilt: vendor === 'Lexmark',
    meters: [], // IPP has no counters
    supplies,
    warnings,
  }
  const set = <K extends keyof Identity>(k: K, v: Identity[K] | undefined): void => {
    if (v !== undefined) id[k] = v
  }
  set('vendor', vendor)
  set('model', model)
  set('serialNumber', device.SN ?? device.SERN ?? device.SERIALNUMBER)
  set('firmware', text('printer-firmware-string-version'))
  set('sysLocation', text('printer-location'))
  set('sysName', text('printer-name'))
  set('sysDescr', text('printer-info'))
  set('printerStatus', typeof state === 'number' ? IPP_STATE[state] : undefined)
  set(
    'deviceStatus',
    typeof state === 'number' ? (state === 5 ? 'down' : reasons.some((r) => r.endsWith('-error')) ? 'warning' : 'running') : undefined,
  )
  return id
}
