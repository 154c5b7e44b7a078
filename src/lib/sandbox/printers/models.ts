// Generated printer models for the sandbox: deterministic SnmpRecord lists from (seed, index).
//
// No public full recording of a Lexmark printer exists, so the Lexmark models follow the Lexmark MIB OIDs
// in src/lib/discovery/oids.ts and the Lexmark-built Dell S5830dn recording
// (sysDescr "<model> version <fw> kernel … All-N-1", hrDeviceDescr "<model> <serial> <fw>",
// sysObjectID under 641.1). Model names are real; machine types and firmware family codes are
// plausible, not verified. Third-party layouts follow the LibreNMS recordings (HP, Xerox, Brother…).
import type {SnmpRecord} from '../snmprec.js'
import {splitPages, vendorCounters} from './counters.js'

export type PrinterKind =
  /** Lexmark, firmware at/after the Native Agent level: LEXMARK-MPS-MIB, firmware ≥ 081.215. */
  | 'lexmark-native'
  /** Lexmark eSF touch-screen printer on older firmware (< 075.272): Printer Agent. */
  | 'lexmark-esf'
  /** Older Lexmark (LEXMARK-PVT-MIB only): Fleet Agent only. */
  | 'lexmark-legacy'
  /** Any other vendor: Fleet Agent only. */
  | 'third-party'

export interface GeneratedPrinter {
  index: number
  vendor: string
  /** Model as printed on the device, without the vendor ("CX735adse"). */
  model: string
  kind: PrinterKind
  serial: string
  firmware: string
  color: boolean
  /** A touch-screen eSF device (Lexmark only). */
  touch: boolean
  mac: string
  /** Printer clock minus real time at generation, in seconds (a few printers are badly off). */
  clockSkewSec: number
  pageCount: number
  records: SnmpRecord[]
}

export interface GenerateOptions {
  /** The printer's "now" for hrSystemDate (before skew). Default: the current time. */
  now?: Date
  /** Force a kind instead of the seeded mix. */
  kind?: PrinterKind
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

function hash32(s: string): number {
  let h = 0x811c9dc5 // FNV-1a
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

function mulberry32(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

class Rng {
  private readonly next: () => number
  constructor(seed: string) {
    this.next = mulberry32(hash32(seed))
  }
  float(): number {
    return this.next()
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]
  }
  chance(p: number): boolean {
    return this.next() < p
  }
}

// index → code is a bijection on [0, base^len) (multiplier coprime to 2, 3 and 5), so every index
// below base^len gets its own code: serials and MACs are unique without bookkeeping.
const MULT = 2654435761n
function uniqueCode(index: number, seedHash: number, alphabet: string, len: number): string {
  const base = BigInt(alphabet.length)
  const space = base ** BigInt(len)
  let v = (BigInt(index) * MULT + BigInt(seedHash)) % space
  let out = ''
  for (let i = 0; i < len; i++) {
    out = alphabet[Number(v % base)] + out
    v /= base
  }
  return out
}

const B36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const DIGITS = '0123456789'
const HEX = '0123456789ABCDEF'

// ---------------------------------------------------------------------------------------------
// Catalogue

interface LexmarkModel {
  model: string
  type: string
  family: string
  color: boolean
  touch: boolean
  mfp: boolean
}

// Current generation: can reach the Native Agent firmware level. Non-touch ones never run eSF.
const LEXMARK_CURRENT: readonly LexmarkModel[] = [
  {model: 'MS431dn', type: '4600', family: 'MSLBD', color: false, touch: false, mfp: false},
  {model: 'MX431adn', type: '4601', family: 'MXLBD', color: false, touch: true, mfp: true},
  {model: 'MS622de', type: '4064', family: 'MSTGM', color: false, touch: true, mfp: false},
  {model: 'MX622ade', type: '7018', family: 'MXTGM', color: false, touch: true, mfp: true},
  {model: 'MS823dn', type: '4064', family: 'MSNGM', color: false, touch: false, mfp: false},
  {model: 'MX722adhe', type: '7421', family: 'MXTCT', color: false, touch: true, mfp: true},
  {model: 'MX822ade', type: '7421', family: 'MXTCT', color: false, touch: true, mfp: true},
  {model: 'MX931dse', type: '7390', family: 'MXTPM', color: false, touch: true, mfp: true},
  {model: 'CS431dw', type: '3500', family: 'CSLBN', color: true, touch: false, mfp: false},
  {model: 'CX431adw', type: '3500', family: 'CXLBN', color: true, touch: true, mfp: true},
  {model: 'CS531dw', type: '3600', family: 'CSLBL', color: true, touch: false, mfp: false},
  {model: 'CX532adwe', type: '3600', family: 'CXLBL', color: true, touch: true, mfp: true},
  {model: 'CS632dwe', type: '3700', family: 'CSTZJ', color: true, touch: true, mfp: false},
  {model: 'CX635adwe', type: '3700', family: 'CXTZJ', color: true, touch: true, mfp: true},
  {model: 'CS730de', type: '5032', family: 'CSTAT', color: true, touch: true, mfp: false},
  {model: 'CX735adse', type: '7530', family: 'CXTPC', color: true, touch: true, mfp: true},
  {model: 'CS943de', type: '5069', family: 'CSTPC', color: true, touch: true, mfp: false},
  {model: 'CX943adxse', type: '7580', family: 'CXTPC', color: true, touch: true, mfp: true},
  {model: 'XC4342', type: '7531', family: 'CXTMM', color: true, touch: true, mfp: true},
]

// Older eSF 3/4 touch-screen generation: family.level firmware well below 075.272.
const LEXMARK_ESF_OLD: readonly LexmarkModel[] = [
  {model: 'MX711de', type: '7463', family: 'MXTGW', color: false, touch: true, mfp: true},
  {model: 'MX811dfe', type: '7463', family: 'MXTGW', color: false, touch: true, mfp: true},
  {model: 'CX510de', type: '7527', family: 'CXTAT', color: true, touch: true, mfp: true},
  {model: 'CX825de', type: '7565', family: 'CXTPP', color: true, touch: true, mfp: true},
  {model: 'MX910de', type: '7421', family: 'MXTCT', color: false, touch: true, mfp: true},
]

// Legacy (LEXMARK-PVT-MIB): firmware in the old dotted style, no MPS-MIB.
const LEXMARK_LEGACY: readonly {model: string; type: string; fw: string; color: boolean}[] = [
  {model: 'T640', type: '4061', fw: 'NS.NP.N219', color: false},
  {model: 'T654', type: '4062', fw: 'LR.JP.P447', color: false},
  {model: 'E460dn', type: '4513', fw: 'LE.PH.P225', color: false},
  {model: 'C736dn', type: '5026', fw: 'LR.SK.P615', color: true},
  {model: 'X464de', type: '7014', fw: 'LR.BS.P637', color: false},
  {model: 'C544dn', type: '5025', fw: 'LL.AS.P509', color: true},
  {model: 'W850dn', type: '4024', fw: 'LP.JB.P638', color: false},
]

interface ThirdParty {
  vendor: string
  pen: number
  sysObjectID: string
  model: string
  color: boolean
  /** Copies, scans and faxes too (its vendor counters split print from copy). */
  mfp: boolean
  oui: string
  serial: (u: (alphabet: string, len: number) => string) => string
  sysDescr: (model: string, fw: string, serial: string) => string
  hrDescr: string
  firmware: (r: Rng) => string
  /** Colorant index order: black first (HP style) or CMYK (Xerox/Konica style). */
  blackFirst: boolean
  supplyUnit: 'percent' | 'impressions' | 'some'
  counterUnit: 7 | 8
  /** Vendor-private OIDs (the ones discovery/oids.ts reads as fallbacks). */
  extra?: (recs: Recs, fw: string, serial: string, model: string) => void
}

// HP reports a firmware datecode through PML (2-byte symbol-set prefix, then text), not in sysDescr.
const hpDatecode = (r: Rng): string => `20${r.int(19, 24)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}`
const hpExtra = (recs: Recs, fw: string, serial: string): void => {
  recs.str(O.hpPmlSerial, Buffer.concat([Buffer.from([0x01, 0x15]), Buffer.from(serial)]))
  recs.str(O.hpPmlFirmwareDate, Buffer.concat([Buffer.from([0x01, 0x15]), Buffer.from(fw)]))
}

const THIRD_PARTY: readonly ThirdParty[] = [
  {
    vendor: 'HP',
    pen: 11,
    sysObjectID: '1.3.6.1.4.1.11.2.3.9.1',
    model: 'LaserJet Pro M404dn',
    color: false,
    mfp: false,
    oui: 'A08CFD',
    serial: (u) => 'PHB' + u(B36, 7),
    hrDescr: 'HP LaserJet Pro M404-M405',
    sysDescr: () => 'HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153,EEPROM JSI23900013,CIDATE 07/18/2022',
    firmware: hpDatecode,
    blackFirst: true,
    supplyUnit: 'percent',
    counterUnit: 7,
    extra: hpExtra,
  },
  {
    vendor: 'HP',
    pen: 11,
    sysObjectID: '1.3.6.1.4.1.11.2.3.9.1',
    model: 'Color LaserJet MFP M479fdw',
    color: true,
    mfp: true,
    oui: '3C5282',
    serial: (u) => 'VNB' + u(B36, 7),
    hrDescr: 'HP Color LaserJet MFP M479fdw',
    sysDescr: () => 'HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153,EEPROM JSI24100020,CIDATE 03/02/2023',
    firmware: hpDatecode,
    blackFirst: true,
    supplyUnit: 'percent',
    counterUnit: 7,
    extra: hpExtra,
  },
  {
    vendor: 'Xerox',
    pen: 253,
    sysObjectID: '1.3.6.1.4.1.253.8.62.1.34.3.1.1',
    model: 'VersaLink C405',
    color: true,
    mfp: true,
    oui: '9C934E',
    serial: (u) => '339' + u(DIGITS, 7),
    hrDescr: 'Xerox VersaLink C405 MFP',
    sysDescr: (m, fw) => `Xerox ${m} MFP; System ${fw}, Controller 1.0.0, IOT 3.2.0, Finisher 1.0.0`,
    firmware: (r) => `${r.int(60, 72)}.${r.int(10, 80)}.${r.int(10, 99)}`,
    blackFirst: false,
    supplyUnit: 'impressions',
    counterUnit: 7,
  },
  {
    vendor: 'Xerox',
    pen: 253,
    sysObjectID: '1.3.6.1.4.1.253.8.62.1.28.4.1.1',
    model: 'AltaLink B8145',
    color: false,
    mfp: true,
    oui: '9C934E',
    serial: (u) => '351' + u(DIGITS, 7),
    hrDescr: 'Xerox AltaLink B8145',
    sysDescr: (m, fw) => `Xerox ${m} v1 Multifunction System; System Software ${fw}, ESS PS1.0`,
    firmware: (r) => `${r.int(100, 120)}.${r.int(1, 9)}.${r.int(100, 999)}.${r.int(10000, 99999)}`,
    blackFirst: false,
    supplyUnit: 'impressions',
    counterUnit: 7,
  },
  {
    vendor: 'Brother',
    pen: 2435,
    sysObjectID: '1.3.6.1.4.1.2435.2.3.9.1',
    model: 'HL-L6200DW',
    color: false,
    mfp: false,
    oui: '008077',
    serial: (u) => 'U6' + u(B36, 7) + 'N',
    hrDescr: 'Brother HL-L6200DW series',
    sysDescr: (_m, fw) => `Brother NC-8300w, Firmware Ver.${fw}  (20.04.15),MID 8C5-H33,FID 2`,
    firmware: (r) => `1.${r.int(10, 40)}`,
    blackFirst: true,
    supplyUnit: 'some',
    counterUnit: 8,
    extra: (recs, fw, serial) => recs.str(O.brotherSerial, serial).str(O.brotherFirmware, fw),
  },
  {
    vendor: 'Kyocera',
    pen: 1347,
    sysObjectID: '1.3.6.1.4.1.1347.41',
    model: 'ECOSYS M3655idn',
    color: false,
    mfp: true,
    oui: '00C0EE',
    serial: (u) => 'VCF' + u(B36, 7),
    hrDescr: 'ECOSYS M3655idn',
    sysDescr: () => 'KYOCERA Document Solutions Printing System',
    firmware: (r) => `2R9_2F00.00${r.int(1, 9)}.${r.int(100, 300)}`,
    blackFirst: true,
    supplyUnit: 'percent',
    counterUnit: 7,
    extra: (recs, fw, serial, model) => recs.str(O.kyoceraModel, model).str(O.kyoceraSerial, serial).str(O.kyoceraFirmware, fw),
  },
  {
    vendor: 'Canon',
    pen: 1602,
    sysObjectID: '1.3.6.1.4.1.1602.4.7',
    model: 'iR-ADV C5535',
    color: true,
    mfp: true,
    oui: '001E8F',
    serial: (u) => 'XUG' + u(DIGITS, 7),
    hrDescr: 'Canon iR-ADV C5535 /P',
    sysDescr: () => 'Canon iR-ADV C5535 /P',
    firmware: (r) => `${r.int(60, 80)}.${r.int(10, 30)}`,
    blackFirst: true,
    supplyUnit: 'percent',
    counterUnit: 7,
    extra: (recs, fw, serial, model) => recs.str(O.canonModel, `Canon ${model}`).str(O.canonFirmware, fw).str(O.canonSerial, serial),
  },
  {
    vendor: 'Ricoh',
    pen: 367,
    sysObjectID: '1.3.6.1.4.1.367.1.1',
    model: 'MP C3004',
    color: true,
    mfp: true,
    oui: '002673',
    serial: (u) => 'E17' + u(B36, 7),
    hrDescr: 'RICOH MP C3004',
    sysDescr: (m, fw) =>
      `RICOH ${m} ${fw} / RICOH Network Printer C model / RICOH Network Scanner C model / RICOH Network Facsimile C model`,
    firmware: (r) => `1.${r.int(10, 30)}`,
    blackFirst: true,
    supplyUnit: 'percent',
    counterUnit: 7,
    extra: (recs, _fw, serial) => recs.str(O.ricohSerial, serial),
  },
]

// ---------------------------------------------------------------------------------------------
// OIDs

const O = {
  sysDescr: '1.3.6.1.2.1.1.1.0',
  sysObjectID: '1.3.6.1.2.1.1.2.0',
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  sysContact: '1.3.6.1.2.1.1.4.0',
  sysName: '1.3.6.1.2.1.1.5.0',
  sysLocation: '1.3.6.1.2.1.1.6.0',
  sysServices: '1.3.6.1.2.1.1.7.0',
  ifEntry: '1.3.6.1.2.1.2.2.1',
  hrSystemUptime: '1.3.6.1.2.1.25.1.1.0',
  hrSystemDate: '1.3.6.1.2.1.25.1.2.0',
  hrDeviceEntry: '1.3.6.1.2.1.25.3.2.1',
  hrPrinterStatus: '1.3.6.1.2.1.25.3.5.1.1.1',
  hrPrinterDetectedErrorState: '1.3.6.1.2.1.25.3.5.1.2.1',
  prtGeneralEntry: '1.3.6.1.2.1.43.5.1.1',
  prtMarkerEntry: '1.3.6.1.2.1.43.10.2.1',
  prtSuppliesEntry: '1.3.6.1.2.1.43.11.1.1',
  prtColorantEntry: '1.3.6.1.2.1.43.12.1.1',
  prtConsoleDisplayBufferText: '1.3.6.1.2.1.43.16.5.1.2.1.1',
  prtAlertEntry: '1.3.6.1.2.1.43.18.1.1',
  ppm1284DeviceId: '1.3.6.1.4.1.2699.1.2.1.2.1.1.3.1',
  lxDeviceEntry: '1.3.6.1.4.1.641.6.2.3.1',
  lxHwInventorySerial: '1.3.6.1.4.1.641.6.3.1.1.7.1.1',
  lxSwInventoryEntry: '1.3.6.1.4.1.641.6.3.3.1',
  lxPaperGeneralCountEntry: '1.3.6.1.4.1.641.6.4.2.1.1',
  lxPvtEntry: '1.3.6.1.4.1.641.2.1.2.1',
  hpDeviceId: '1.3.6.1.4.1.11.2.3.9.1.1.7.0',
  hpPmlSerial: '1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.3.0',
  hpPmlFirmwareDate: '1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.5.0',
  brotherSerial: '1.3.6.1.4.1.2435.2.3.9.4.2.1.5.5.1.0',
  brotherFirmware: '1.3.6.1.4.1.2435.2.4.3.1240.6.5.0',
  canonModel: '1.3.6.1.4.1.1602.1.1.1.1.0',
  canonFirmware: '1.3.6.1.4.1.1602.1.1.1.4.0',
  canonSerial: '1.3.6.1.4.1.1602.1.2.1.4.0',
  kyoceraModel: '1.3.6.1.4.1.1347.43.5.1.1.1.1',
  kyoceraSerial: '1.3.6.1.4.1.1347.43.5.1.1.28.1',
  kyoceraFirmware: '1.3.6.1.4.1.1347.43.5.4.1.5.1.1',
  ricohSerial: '1.3.6.1.4.1.367.3.2.1.2.1.4.0',
} as const

/** The Native Agent firmware level the generator stays at or above for 'lexmark-native'. */
export const GENERATED_NATIVE_MIN_LEVEL = '081.215'
/** eSF printers get levels strictly below this: the lower of the guide's two IoT firmware thresholds (discovery/classify.ts). */
export const GENERATED_ESF_MAX_LEVEL = '075.272'

// ---------------------------------------------------------------------------------------------
// Record building

class Recs {
  readonly list: SnmpRecord[] = []
  str(oid: string, v: string | Buffer): this {
    this.list.push({oid, type: 4, value: v})
    return this
  }
  int(oid: string, v: number): this {
    this.list.push({oid, type: 2, value: v})
    return this
  }
  oid(oid: string, v: string): this {
    this.list.push({oid, type: 6, value: v})
    return this
  }
  counter(oid: string, v: number): this {
    this.list.push({oid, type: 65, value: v >>> 0})
    return this
  }
  gauge(oid: string, v: number): this {
    this.list.push({oid, type: 66, value: v >>> 0})
    return this
  }
  ticks(oid: string, v: number): this {
    this.list.push({oid, type: 67, value: v >>> 0})
    return this
  }
}

/** SNMPv2-TC DateAndTime, 11-octet form with UTC offset +0:00. */
export function dateAndTime(d: Date): Buffer {
  const b = Buffer.alloc(11)
  b.writeUInt16BE(d.getUTCFullYear(), 0)
  b[2] = d.getUTCMonth() + 1
  b[3] = d.getUTCDate()
  b[4] = d.getUTCHours()
  b[5] = d.getUTCMinutes()
  b[6] = d.getUTCSeconds()
  b[7] = Math.floor(d.getUTCMilliseconds() / 100)
  b[8] = 0x2b // '+'
  return b
}

interface Supply {
  desc: string
  cls: 3 | 4
  type: number
  colorant: number
  unit: number
  max: number
  level: number
}

const COLOURS = ['cyan', 'magenta', 'yellow', 'black'] as const

function buildSupplies(
  r: Rng,
  color: boolean,
  blackFirst: boolean,
  unitStyle: 'percent' | 'impressions' | 'some',
  lexmark: boolean,
): {supplies: Supply[]; colorants: string[]; low: boolean} {
  const colorants = color ? (blackFirst ? ['black', 'cyan', 'magenta', 'yellow'] : [...COLOURS]) : ['black']
  const supplies: Supply[] = []
  let low = false
  const level = (max: number): number => {
    // Mostly healthy; ~15% nearly empty so alerts and the lowToner bit show up.
    const pct = r.chance(0.15) ? r.int(0, 9) : r.int(10, 100)
    if (pct < 10) low = true
    return Math.round((max * pct) / 100)
  }
  // Lexmark and HP list black first among the supplies whatever the colorant order: the join through
  // prtMarkerSuppliesColorantIndex is what gives the colour, never the row position.
  const order = color ? ['black', 'cyan', 'magenta', 'yellow'] : ['black']
  for (const c of order) {
    const name = c[0].toUpperCase() + c.slice(1)
    const colorant = colorants.indexOf(c) + 1
    if (unitStyle === 'percent')
      supplies.push({
        desc: lexmark ? `${name} Cartridge` : `${name} Toner`,
        cls: 3,
        type: 3,
        colorant,
        unit: 19,
        max: 100,
        level: level(100),
      })
    else if (unitStyle === 'impressions') {
      const max = c === 'black' ? r.pick([10300, 12100, 25900]) : r.pick([5200, 10500])
      supplies.push({desc: `${name} Toner Cartridge`, cls: 3, type: 21, colorant, unit: 7, max, level: level(max)})
    } else {
      // Brother style: the toner only says "some remaining" (-3) or empty (0), capacity unknown (-2).
      const empty = r.chance(0.05)
      if (empty) low = true
      supplies.push({desc: `${name} Toner`, cls: 3, type: 3, colorant, unit: 19, max: -2, level: empty ? 0 : -3})
    }
  }
  if (lexmark) {
    supplies.push({
      desc: color ? 'Black and Color Imaging Kit' : 'Imaging Unit',
      cls: 3,
      type: 9,
      colorant: 0,
      unit: 7,
      max: 100000,
      level: r.int(5, 100) * 1000,
    })
    if (color) supplies.push({desc: 'Waste Toner Bottle', cls: 4, type: 4, colorant: 0, unit: 19, max: -2, level: -3})
    supplies.push({desc: 'Maintenance Kit', cls: 3, type: 1, colorant: 0, unit: 7, max: 200000, level: r.int(10, 200) * 1000})
  } else {
    supplies.push({desc: 'Drum Unit', cls: 3, type: 9, colorant: 0, unit: 19, max: 100, level: r.int(3, 100)})
    if (color) supplies.push({desc: 'Waste Toner Box', cls: 4, type: 4, colorant: 0, unit: 19, max: -1, level: -3})
    supplies.push({desc: 'Fuser Kit', cls: 3, type: 15, colorant: 0, unit: 7, max: 150000, level: r.int(10, 150) * 1000})
  }
  return {supplies, colorants, low}
}

function macString(oui: string, index: number, seedHash: number): string {
  const hex = oui + uniqueCode(index, seedHash, HEX, 6)
  return hex.match(/../g)!.join(':')
}

interface Common {
  r: Rng
  index: number
  seedHash: number
  vendor: string
  model: string
  serial: string
  firmware: string
  color: boolean
  mac: string
  sysDescr: string
  sysObjectID: string
  sysName: string
  hrDescr: string
  blackFirst: boolean
  unitStyle: 'percent' | 'impressions' | 'some'
  counterUnit: 7 | 8
  lexmark: boolean
  now: Date
  clockSkewSec: number
  pageCount: number
  deviceId: string
}

const LOCATIONS = [
  'Building A, Floor 1',
  'Building A, Floor 2',
  'Building B, Floor 3',
  'HQ Reception',
  'Warehouse',
  'Finance',
  'HR, Room 214',
  'Engineering Lab',
  '',
]
const CONTACTS = ['it-helpdesk@example.com', 'facilities@example.com', 'Administrator', '']

function commonRecords(c: Common): {recs: Recs; low: boolean} {
  const {r} = c
  const recs = new Recs()
  const uptime = r.int(3600, 90 * 86400) * 100
  recs
    .str(O.sysDescr, c.sysDescr)
    .oid(O.sysObjectID, c.sysObjectID)
    .ticks(O.sysUpTime, uptime)
    .str(O.sysContact, r.pick(CONTACTS))
    .str(O.sysName, c.sysName)
    .str(O.sysLocation, r.pick(LOCATIONS))
    .int(O.sysServices, 72)
  // ifTable: lo + eth0 with the MAC (the cloud and DHCP logs know printers by MAC).
  recs.int(`${O.ifEntry}.1.1`, 1).int(`${O.ifEntry}.1.2`, 2).str(`${O.ifEntry}.2.1`, 'lo').str(`${O.ifEntry}.2.2`, 'eth0')
  recs.int(`${O.ifEntry}.3.1`, 24).int(`${O.ifEntry}.3.2`, 6).str(`${O.ifEntry}.6.1`, Buffer.alloc(0))
  recs.str(`${O.ifEntry}.6.2`, Buffer.from(c.mac.replace(/:/g, ''), 'hex'))
  recs.ticks(O.hrSystemUptime, uptime + r.int(0, 500))
  recs.str(O.hrSystemDate, dateAndTime(new Date(c.now.getTime() + c.clockSkewSec * 1000)))

  const {supplies, colorants, low} = buildSupplies(r, c.color, c.blackFirst, c.unitStyle, c.lexmark)
  const printing = r.chance(0.1)
  // hrPrinterDetectedErrorState: bit 0 = MSB of the first octet; lowToner is bit 2 → 0x20.
  const errorState = Buffer.from([low ? 0x20 : 0x00, 0x00])

  recs.int(`${O.hrDeviceEntry}.1.1`, 1).oid(`${O.hrDeviceEntry}.2.1`, '1.3.6.1.2.1.25.3.1.5').str(`${O.hrDeviceEntry}.3.1`, c.hrDescr)
  recs
    .oid(`${O.hrDeviceEntry}.4.1`, '0.0')
    .int(`${O.hrDeviceEntry}.5.1`, low ? 3 : 2)
    .counter(`${O.hrDeviceEntry}.6.1`, low ? 1 : 0)
  recs.int(O.hrPrinterStatus, printing ? 4 : 3).str(O.hrPrinterDetectedErrorState, errorState)

  recs.counter(`${O.prtGeneralEntry}.1.1`, r.int(0, 40))
  recs.str(`${O.prtGeneralEntry}.16.1`, `${c.vendor} ${c.model}`)
  recs.str(`${O.prtGeneralEntry}.17.1`, c.serial)

  recs.int(`${O.prtMarkerEntry}.2.1.1`, 4) // electrophotographicLaser
  recs.int(`${O.prtMarkerEntry}.3.1.1`, c.counterUnit)
  recs.counter(`${O.prtMarkerEntry}.4.1.1`, c.pageCount)
  recs.counter(`${O.prtMarkerEntry}.5.1.1`, r.int(0, Math.min(c.pageCount, 5000)))
  recs.int(`${O.prtMarkerEntry}.14.1.1`, colorants.length)

  // Supplies table, column by column (that is the order a walk sees them in).
  const cols: [number, (s: Supply, i: number) => SnmpRecord][] = [
    [1, (_s, i) => ({oid: '', type: 2, value: i})],
    [2, () => ({oid: '', type: 2, value: 1})],
    [3, (s) => ({oid: '', type: 2, value: s.colorant})],
    [4, (s) => ({oid: '', type: 2, value: s.cls})],
    [5, (s) => ({oid: '', type: 2, value: s.type})],
    [6, (s) => ({oid: '', type: 4, value: s.desc})],
    [7, (s) => ({oid: '', type: 2, value: s.unit})],
    [8, (s) => ({oid: '', type: 2, value: s.max})],
    [9, (s) => ({oid: '', type: 2, value: s.level})],
  ]
  for (const [col, f] of cols) supplies.forEach((s, k) => recs.list.push({...f(s, k + 1), oid: `${O.prtSuppliesEntry}.${col}.1.${k + 1}`}))
  colorants.forEach((_c, k) => recs.int(`${O.prtColorantEntry}.2.1.${k + 1}`, 1))
  colorants.forEach((_c, k) => recs.int(`${O.prtColorantEntry}.3.1.${k + 1}`, 3)) // process
  colorants.forEach((name, k) => recs.str(`${O.prtColorantEntry}.4.1.${k + 1}`, name))
  colorants.forEach((_c, k) => recs.int(`${O.prtColorantEntry}.5.1.${k + 1}`, 256))

  recs.str(O.prtConsoleDisplayBufferText, low ? 'Toner low' : printing ? 'Printing' : 'Ready')
  if (low) {
    // One alert row: markerTonerAlmostEmpty(1107), warning(4), group markerSupplies(11).
    const lowSupply = supplies.findIndex((s) => s.cls === 3 && (s.type === 3 || s.type === 21) && s.max > 0 && s.level * 10 < s.max)
    const a = `${O.prtAlertEntry}`
    recs
      .int(`${a}.2.1.1`, 4)
      .int(`${a}.3.1.1`, 3)
      .int(`${a}.4.1.1`, 11)
      .int(`${a}.5.1.1`, Math.max(1, lowSupply + 1))
    recs
      .int(`${a}.6.1.1`, 0)
      .int(`${a}.7.1.1`, 1107)
      .str(`${a}.8.1.1`, 'Toner low')
      .ticks(`${a}.9.1.1`, uptime - r.int(100, 10000) * 100)
  }
  recs.str(O.ppm1284DeviceId, c.deviceId)
  return {recs, low}
}

export function firmwareLevel(fw: string): string | undefined {
  return /^[A-Z]{5}\.(\d{3}\.\d{3})$/.exec(fw)?.[1]
}

function lexmarkLevel(r: Rng, kind: 'native' | 'esf'): string {
  if (kind === 'native') {
    // 081.215 … 081.2xx, or the later 2xx.0xx trains (all ≥ 081.215 in string order, 3 digits each)
    return r.chance(0.5) ? `081.${r.int(215, 299)}` : `${r.pick(['230', '240', '250'])}.${String(r.int(1, 99)).padStart(3, '0')}`
  }
  return r.chance(0.5) ? `073.${r.int(100, 299)}` : `075.${r.int(100, 271)}`
}

function seedHashOf(seed: number | string): number {
  return hash32(`lcs-printers:${seed}`)
}

function pickKind(r: Rng): PrinterKind {
  const x = r.float()
  return x < 0.45 ? 'lexmark-native' : x < 0.65 ? 'lexmark-esf' : x < 0.75 ? 'lexmark-legacy' : 'third-party'
}

export function generatePrinter(index: number, seed: number | string, opts: GenerateOptions = {}): GeneratedPrinter {
  if (!Number.isSafeInteger(index) || index < 0) throw new Error(`printer index must be a non-negative integer, got ${index}`)
  const seedHash = seedHashOf(seed)
  const r = new Rng(`${seed}#${index}`)
  const kind = opts.kind ?? pickKind(r)
  const now = opts.now ?? new Date()
  // 5% of printers have a clock that is far off (dead RTC battery, never set): the enroll flow must fix it.
  const clockSkewSec = r.chance(0.05) ? -r.int(30, 2000) * 86400 : r.int(-90, 90)
  const pageCount = r.int(800, 650000)
  const u = (alphabet: string, len: number): string => uniqueCode(index, seedHash, alphabet, len)

  if (kind === 'third-party') {
    const t = r.pick(THIRD_PARTY)
    const serial = t.serial(u)
    const firmware = t.firmware(r)
    const mac = macString(t.oui, index, seedHash)
    const deviceId = `MFG:${t.vendor === 'HP' ? 'HP' : t.vendor};CMD:PJL,PCL,POSTSCRIPT;MDL:${t.model};CLS:PRINTER;DES:${t.vendor} ${t.model};`
    const {recs} = commonRecords({
      r,
      index,
      seedHash,
      vendor: t.vendor,
      model: t.model,
      serial,
      firmware,
      color: t.color,
      mac,
      sysDescr: t.sysDescr(t.model, firmware, serial),
      sysObjectID: t.sysObjectID,
      sysName: t.vendor === 'HP' ? `NPI${mac.replace(/:/g, '').slice(-6)}` : `${t.vendor.toUpperCase()}-${mac.replace(/:/g, '').slice(-6)}`,
      hrDescr: t.hrDescr,
      blackFirst: t.blackFirst,
      unitStyle: t.supplyUnit,
      counterUnit: t.counterUnit,
      lexmark: false,
      now,
      clockSkewSec,
      pageCount,
      deviceId,
    })
    if (t.vendor === 'HP') recs.str(O.hpDeviceId, deviceId)
    t.extra?.(recs, firmware, serial, t.model)
    recs.list.push(...vendorCounters(t.pen, splitPages(pageCount, t.color, t.mfp), t.color, t.mfp))
    return {
      index,
      vendor: t.vendor,
      model: t.model,
      kind,
      serial,
      firmware,
      color: t.color,
      touch: false,
      mac,
      clockSkewSec,
      pageCount,
      records: recs.list,
    }
  }

  const mac = macString('0021B7', index, seedHash) // Lexmark OUI
  const sysName = `ET${mac.replace(/:/g, '')}` // Lexmark's default host name

  if (kind === 'lexmark-legacy') {
    const m = r.pick(LEXMARK_LEGACY)
    const serial = `${m.type}${u(B36, 7)}`
    const deviceId = `MANUFACTURER:Lexmark International;COMMAND SET:PCL 6 Emulation,PostScript Level 3 Emulation,PJL;MODEL:Lexmark ${m.model};CLS:PRINTER;`
    const {recs} = commonRecords({
      r,
      index,
      seedHash,
      vendor: 'Lexmark',
      model: m.model,
      serial,
      firmware: m.fw,
      color: m.color,
      mac,
      sysDescr: `Lexmark ${m.model} version ${m.fw} kernel 2.6.10 All-N-1`,
      sysObjectID: `1.3.6.1.4.1.641.1.${71000000 + r.int(0, 999999)}`,
      sysName,
      hrDescr: `Lexmark ${m.model} ${m.fw}`,
      blackFirst: false,
      unitStyle: 'percent',
      counterUnit: 7,
      lexmark: true,
      now,
      clockSkewSec,
      pageCount,
      deviceId,
    })
    recs
      .str(`${O.lxPvtEntry}.2.1`, `Lexmark ${m.model}`)
      .str(`${O.lxPvtEntry}.3.1`, deviceId)
      .str(`${O.lxPvtEntry}.4.1`, m.fw)
      .str(`${O.lxPvtEntry}.6.1`, serial)
    return {
      index,
      vendor: 'Lexmark',
      model: m.model,
      kind,
      serial,
      firmware: m.fw,
      color: m.color,
      touch: false,
      mac,
      clockSkewSec,
      pageCount,
      records: recs.list,
    }
  }

  const m = kind === 'lexmark-esf' ? r.pick([...LEXMARK_CURRENT.filter((x) => x.touch), ...LEXMARK_ESF_OLD]) : r.pick(LEXMARK_CURRENT)
  const firmware = `${m.family}.${lexmarkLevel(r, kind === 'lexmark-native' ? 'native' : 'esf')}`
  const serial = `${m.type}${u(B36, 7)}`
  const records = lexmarkMpsRecords({r, m, kind, firmware, serial, mac, sysName, now, clockSkewSec, pageCount, index, seedHash})
  return {
    index,
    vendor: 'Lexmark',
    model: m.model,
    kind,
    serial,
    firmware,
    color: m.color,
    touch: m.touch,
    mac,
    clockSkewSec,
    pageCount,
    records,
  }
}

function lexmarkMpsRecords(a: {
  r: Rng
  m: LexmarkModel
  kind: PrinterKind
  firmware: string
  serial: string
  mac: string
  sysName: string
  now: Date
  clockSkewSec: number
  pageCount: number
  index: number
  seedHash: number
}): SnmpRecord[] {
  const {r, m, firmware, serial} = a
  const deviceId = `MANUFACTURER:Lexmark International;COMMAND SET:PCL 6 Emulation,PostScript Level 3 Emulation,PDF 1.7 Emulation,PJL;MODEL:Lexmark ${m.model};CLS:PRINTER;`
  const {recs} = commonRecords({
    r,
    index: a.index,
    seedHash: a.seedHash,
    vendor: 'Lexmark',
    model: m.model,
    serial,
    firmware,
    color: m.color,
    mac: a.mac,
    sysDescr: `Lexmark ${m.model} version ${firmware} kernel 5.4.${r.int(100, 250)}-yocto-standard All-N-1`,
    sysObjectID: `1.3.6.1.4.1.641.1.${Number.parseInt(m.type, 10) * 1000 + (hash32(m.model) % 1000)}`,
    sysName: a.sysName,
    hrDescr: `Lexmark ${m.model} ${serial} ${firmware}`,
    blackFirst: false,
    unitStyle: 'percent',
    counterUnit: 7,
    lexmark: true,
    now: a.now,
    clockSkewSec: a.clockSkewSec,
    pageCount: a.pageCount,
    deviceId,
  })
  const d = O.lxDeviceEntry
  recs.int(`${d}.2.1`, 1).int(`${d}.3.1`, 1).str(`${d}.4.1`, `Lexmark ${m.model}`).str(`${d}.5.1`, serial).str(`${d}.6.1`, '2.0')
  recs.str(O.lxHwInventorySerial, serial)
  // swInventoryTable: row 1 the system firmware (what GLPI reads as .7.1.1); touch models also list
  // the eSF framework as an application(5) row, the only plausible home of an eSF version.
  const sw: [number, string, string, string][] = [[3, 'System Firmware', firmware, 'Base firmware']]
  if (m.touch)
    sw.push([
      5,
      'eSF Framework',
      a.kind === 'lexmark-native' ? `${r.int(5, 6)}.${r.int(0, 9)}.${r.int(0, 20)}` : `${r.int(3, 4)}.${r.int(0, 9)}.${r.int(0, 20)}`,
      'Embedded Solutions Framework',
    ])
  sw.push([4, 'Engine', `${m.family.slice(2)}.${r.int(10, 99)}.${r.int(100, 999)}`, 'Engine code'])
  const s = O.lxSwInventoryEntry
  for (const [col, pick] of [
    [3, 0],
    [6, 1],
    [7, 2],
    [8, 3],
  ] as const)
    sw.forEach((row, k) => (col === 3 ? recs.int(`${s}.${col}.1.${k + 1}`, row[0]) : recs.str(`${s}.${col}.1.${k + 1}`, String(row[pick]))))
  // paperGeneralCountTable: printTotal(16), printMono(17), printColor(18), copyTotal(32) for MFPs.
  const colorPages = m.color ? Math.floor(a.pageCount * r.float() * 0.6) : 0
  const rows: [number, number][] = [
    [16, a.pageCount],
    [17, a.pageCount - colorPages],
  ]
  if (m.color) rows.push([18, colorPages])
  if (m.mfp) rows.push([32, Math.floor(a.pageCount * 0.2)])
  const p = O.lxPaperGeneralCountEntry
  rows.forEach(([t], k) => recs.int(`${p}.2.1.${k + 1}`, t))
  rows.forEach((_row, k) => recs.int(`${p}.3.1.${k + 1}`, 3)) // sides
  rows.forEach(([, v], k) => recs.counter(`${p}.4.1.${k + 1}`, v))
  return recs.list
}

/**
 * The same printer after a firmware update: every string carrying the old firmware (sysDescr,
 * hrDeviceDescr, swInventory revision) now carries the new one, and the kind follows the new level.
 * Feed `records` to the agent's setRecords() to make the update visible to a later sweep.
 */
export function withFirmware(p: GeneratedPrinter, firmware: string): GeneratedPrinter {
  if (p.vendor !== 'Lexmark' || p.kind === 'lexmark-legacy') throw new Error('only MPS-MIB Lexmark printers get family.level firmware')
  const level = firmwareLevel(firmware)
  if (!level) throw new Error(`firmware '${firmware}' is not FAMILY.NNN.NNN`)
  const kind: PrinterKind = level >= GENERATED_NATIVE_MIN_LEVEL ? 'lexmark-native' : p.touch ? 'lexmark-esf' : p.kind
  const records = p.records.map((rec) =>
    rec.type === 4 && typeof rec.value === 'string' && rec.value.includes(p.firmware)
      ? {...rec, value: rec.value.split(p.firmware).join(firmware)}
      : rec,
  )
  return {...p, kind, firmware, records}
}

export function generateFleet(count: number, seed: number | string, opts: Omit<GenerateOptions, 'kind'> = {}): GeneratedPrinter[] {
  return Array.from({length: count}, (_x, i) => generatePrinter(i, seed, opts))
}

/** The Lexmark models with family.level firmware that the generator uses (for the sandbox's firmware and app catalogs). */
export function lexmarkFirmwareModels(): Array<{
  model: string
  family: string
  touch: boolean
  mfp: boolean
  generation: 'current' | 'esf-old'
}> {
  return [
    ...LEXMARK_CURRENT.map((m) => ({family: m.family, generation: 'current' as const, mfp: m.mfp, model: m.model, touch: m.touch})),
    ...LEXMARK_ESF_OLD.map((m) => ({family: m.family, generation: 'esf-old' as const, mfp: m.mfp, model: m.model, touch: m.touch})),
  ]
}
