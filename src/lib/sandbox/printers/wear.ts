// A simulated printer as it prints: pages on top of its recording's life count, and its supplies used up
// (toner, drums, kits, the waste bottle filling) row by row of the Printer MIB supplies table, and its
// vendor billing counters grown alike (counters.ts), so that SNMP reads, the Fleet Agent and the cloud
// all see the same counters and levels move.
import type {AssetSupply} from '../../cloud/index.js'
import type {SnmpRecord} from '../snmprec.js'
import {grownCounters} from './counters.js'

const LIFE_COUNT = '1.3.6.1.2.1.43.10.2.1.4.1.1'
const SUPPLIES = '1.3.6.1.2.1.43.11.1.1'
const COLORANTS = '1.3.6.1.2.1.43.12.1.1.4.1'

/** PrtMarkerSuppliesTypeTC names of the types the generated printers carry. */
const TYPE_NAMES: Record<number, string> = {
  1: 'other',
  3: 'toner',
  4: 'wasteToner',
  9: 'opc',
  10: 'developer',
  15: 'fuser',
  20: 'transferUnit',
  21: 'tonerCartridge',
}

/** Pages a full supply lasts, by type (toner: black; a colour cartridge lasts twice as long in mixed printing). */
const LIFE_PAGES: Record<string, number> = {
  opc: 60_000,
  developer: 60_000,
  fuser: 150_000,
  other: 200_000,
  toner: 10_000,
  tonerCartridge: 10_000,
  transferUnit: 120_000,
  wasteToner: 40_000,
}

interface Row {
  index: number
  type: string
  description: string
  color?: string
  /** 7 impressions, 19 percent, … */
  unit: number
  max: number
  level: number
}

const text = (v: SnmpRecord['value']) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v))

export class PrinterWear {
  private readonly base: number
  private printed = 0
  private readonly rows: Row[]

  constructor(private readonly records: SnmpRecord[]) {
    const at = new Map(records.map((r) => [r.oid, r.value]))
    this.base = Number(at.get(LIFE_COUNT) ?? 0)
    const rows: Row[] = []
    for (let k = 1; at.has(`${SUPPLIES}.1.1.${k}`); k++) {
      const col = (c: number) => at.get(`${SUPPLIES}.${c}.1.${k}`)
      const colorant = Number(col(3) ?? 0)
      rows.push({
        color: colorant > 0 ? text(at.get(`${COLORANTS}.${colorant}`) ?? '') || undefined : undefined,
        description: text(col(6) ?? ''),
        index: k,
        level: Number(col(9) ?? -2),
        max: Number(col(8) ?? -2),
        type: TYPE_NAMES[Number(col(5))] ?? 'other',
        unit: Number(col(7) ?? 19),
      })
    }
    this.rows = rows
  }

  get pageCount(): number {
    return this.base + Math.floor(this.printed)
  }

  /** Prints pages: the life count goes up, each supply with a known capacity goes down. */
  print(pages: number): void {
    if (pages <= 0) return
    this.printed += pages
    for (const r of this.rows) {
      if (r.max <= 0 || r.level < 0) continue
      const share = r.color && r.color !== 'black' ? 0.5 : 1
      // impressions: the level counts pages left; other units: a share of the capacity
      const used = r.unit === 7 ? pages * share : (pages * share * r.max) / (LIFE_PAGES[r.type] ?? 100_000)
      r.level = Math.max(0, r.level - used)
    }
  }

  /** The records that differ from the recording now. */
  overrides(): SnmpRecord[] {
    return [
      {oid: LIFE_COUNT, type: 65, value: this.pageCount >>> 0},
      ...grownCounters(this.records, this.base, Math.floor(this.printed)),
      ...this.rows
        .filter((r) => r.max > 0 && r.level >= 0)
        .map((r) => ({oid: `${SUPPLIES}.9.1.${r.index}`, type: 2, value: Math.ceil(r.level)})),
    ]
  }

  /** The supplies as the printer reports them to the cloud. */
  supplies(): AssetSupply[] {
    return this.rows.map((r) => ({
      ...(r.color ? {color: r.color} : {}),
      description: r.description,
      percentRemaining: r.max > 0 && r.level >= 0 ? Math.round((r.level / r.max) * 1000) / 10 : null,
      type: r.type,
    }))
  }
}
