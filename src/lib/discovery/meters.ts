// Meter reads for MPS/billing services: only the serial number, the meter names and values, the
// supplies usage and the date of the reading (nothing else about the customer: no address, no names).
import type {DiscoveredPrinter} from './discover.js'
import type {Meter} from './types.js'

export interface MeterRead {
  serialNumber: string
  date: string
  /** Every meter the printer answered, under the names of meter-oids.ts, with the OID it came from. */
  meters: Meter[]
  supplies: Array<{
    description: string | null
    type: string
    color: string | null
    percent: number | null
    level: number | null
    max: number | null
    status: string | null
  }>
}

export function meterRead(p: DiscoveredPrinter, date = new Date()): MeterRead | undefined {
  if (!p.serialNumber) return undefined
  return {
    date: date.toISOString(),
    meters: p.meters,
    serialNumber: p.serialNumber,
    supplies: p.supplies.map((s) => ({
      color: s.color ?? null,
      description: s.description ?? null,
      level: s.level ?? null,
      max: s.max ?? null,
      percent: s.percent ?? null,
      status: s.status ?? null,
      type: s.type,
    })),
  }
}

/** Flat CSV rows (one per meter and one per supply) for upload or hand-over. */
export function meterCsvRows(
  reads: MeterRead[],
): Array<{serialNumber: string; date: string; kind: string; name: string; value: string | number; unit: string; oid: string}> {
  return reads.flatMap((r) => [
    ...r.meters.map((m) => ({
      date: r.date,
      kind: 'meter',
      // a second marker (a colour engine counted apart) keeps its number in the name
      name: m.marker && m.marker > 1 ? `${m.name}.marker${m.marker}` : m.name,
      oid: m.oid,
      serialNumber: r.serialNumber,
      unit: m.unit,
      value: m.value,
    })),
    // percent when the printer gives a capacity; else the raw level; else the RFC 3805 status (someRemaining…)
    ...r.supplies.map((s) => {
      const [value, unit] =
        s.percent !== null ? [s.percent, 'percent'] : s.level !== null && s.level >= 0 ? [s.level, 'level'] : [s.status ?? '', 'status']
      return {date: r.date, kind: 'supply', name: s.description ?? s.type, oid: '', serialNumber: r.serialNumber, unit, value}
    }),
  ])
}
