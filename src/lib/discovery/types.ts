// Shapes shared by identification and classification.
import type {MeterName} from './meter-oids.js'

/**
 * A varbind value as `net-snmp` delivers it: Buffer for OctetString (and Counter64), number for
 * Integer/Counter32/Gauge32/TimeTicks, string for OIDs and IpAddress, null for v2c exceptions.
 * bigint and the rest are accepted so that other sources (and hostile agents) never make identify() throw.
 */
export type SnmpValue = Buffer | Uint8Array | string | number | bigint | boolean | null | undefined

/** OID (no leading dot) → value, from the scalar GET plus the table walks. */
export type Varbinds = ReadonlyMap<string, SnmpValue>

export interface IdentifyOptions {
  /** Longest text kept per field; longer values are cut with a warning. Default 256. */
  maxStringLength?: number
}

/** One billing meter: a counter under its vendor-neutral name, with the OID it was read from. */
export interface Meter {
  name: MeterName
  value: number
  /** impressions, sheets, images, or the prtMarkerCounterUnit name of a Printer-MIB marker. */
  unit: string
  oid: string
  /** The Printer-MIB marker (prtMarkerIndex) a marker counter belongs to. */
  marker?: number
}

export interface PageCount {
  value: number
  /** prtMarkerCounterUnit name (impressions, sheets, …) or 'unknown' when the agent does not say. */
  unit: string
}

/** RFC 3805 special levels: -1 other (no restriction), -2 unknown, -3 at least one unit remains. */
export type SupplyStatus = 'other' | 'unknown' | 'someRemaining'

export interface Supply {
  /** prtMarkerSuppliesIndex (the row), within `device` (hrDeviceIndex). */
  index: number
  device: number
  /** PrtMarkerSuppliesTypeTC name, e.g. toner, opc, wasteToner. */
  type: string
  description?: string
  /** PrtMarkerSuppliesSupplyUnitTC name, e.g. percent, impressions. */
  unit: string
  /** supplyThatIsConsumed or receptacleThatIsFilled (waste containers count upward). */
  class?: string
  level?: number
  max?: number
  /** level/max×100, rounded; only when max > 0 and 0 <= level <= max. */
  percent?: number
  status?: SupplyStatus
  /** From the colorant table through the supply's colorant index; else from the description. */
  color?: string
}

export interface Alert {
  index: number
  /** other, critical, warning, warningBinaryChangeEvent. */
  severity?: string
  code?: number
  /** PrtAlertCodeTC name, e.g. jam, markerTonerEmpty. */
  codeName?: string
  group?: string
  description?: string
  /** sysUpTime (hundredths of a second) when the alert was raised. */
  time?: number
}

export interface Identity {
  /** Vendor name from the enterprise number in sysObjectID, else from keywords in sysDescr. */
  vendor?: string
  /** The arc after 1.3.6.1.4.1 in sysObjectID. */
  enterprise?: number
  sysObjectID?: string
  /** Model without the vendor name (vendor is its own field) and without a trailing "series". */
  model?: string
  serialNumber?: string
  firmware?: string
  sysDescr?: string
  sysName?: string
  sysLocation?: string
  sysContact?: string
  /** sysUpTime in hundredths of a second. */
  uptime?: number
  isPrinter: boolean
  /** Lexmark, or a Dell/Toshiba model built by Lexmark (answers Lexmark-tree OIDs or has Lexmark-style strings). */
  lexmarkBuilt: boolean
  /** eSF framework version from the Lexmark software inventory, when the device lists it. */
  esfVersion?: string
  pageCount?: PageCount
  /** Billing meters the agent answered (see meter-oids.ts); the marker counters always, vendor ones when asked. */
  meters: Meter[]
  supplies: Supply[]
  /** hrDeviceStatus: unknown, running, warning, testing, down. */
  deviceStatus?: string
  /** hrPrinterStatus: other, unknown, idle, printing, warmup. */
  printerStatus?: string
  /** hrPrinterDetectedErrorState bits by RFC 2790/3805 name. */
  detectedErrors: string[]
  alerts: Alert[]
  /** hrSystemDate as ISO 8601: UTC ("…Z") when the device gives its offset, else its local time without a zone. */
  clock?: string
  warnings: string[]
}
