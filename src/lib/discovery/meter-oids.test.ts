// Vendor billing meters as identify() reads them from the OIDs of meter-oids.ts: scalars, Brother's packed
// brInfoCounter, Ricoh's and Lexmark's labelled rows; hostile values end in a warning, never a throw.
import {test} from 'node:test'
import assert from 'node:assert/strict'

import {identify} from './identify.js'
import {meterOids, meterTables, VENDOR_METER_TABLES, VENDOR_METERS} from './meter-oids.js'
import {identityOids} from './oids.js'
import type {SnmpValue} from './types.js'

const SYS_DESCR = '1.3.6.1.2.1.1.1.0'
const SYS_OBJECT_ID = '1.3.6.1.2.1.1.2.0'
const HR_TYPE_1 = '1.3.6.1.2.1.25.3.2.1.2.1'
const LIFE = '1.3.6.1.2.1.43.10.2.1.4.1.1'
const BR_COUNTER = '1.3.6.1.4.1.2435.2.3.9.4.2.1.5.5.10.0'

const printer = (sysObjectID: string, o: Record<string, SnmpValue>) =>
  identify(
    new Map<string, SnmpValue>(
      Object.entries({
        [SYS_DESCR]: 'a printer',
        [SYS_OBJECT_ID]: sysObjectID,
        [HR_TYPE_1]: '1.3.6.1.2.1.25.3.1.5',
        [LIFE]: 1611,
        ...o,
      }),
    ),
  )
const byName = (id: ReturnType<typeof identify>) => Object.fromEntries(id.meters.map((m) => [m.name, m.value]))

// A DCP-L3550CDW's brInfoCounter as a public Brother client's test data gives it (docs/decisions.md):
// 1611 pages = 709 black & white + 902 colour, 538 through the duplex unit, and two codes that are not meters.
const DCP_L3550CDW = Buffer.from(
  '0001040000064b' + '02010400000386' + '010104000002c5' + '0601040000021a' + '080104000000ed' + '0701040000012d',
  'hex',
)

test("Brother: the billing codes of brInfoCounter, each with the OID they came from; the Printer-MIB's total wins", () => {
  const id = printer('1.3.6.1.4.1.2435.2.3.9.1', {[BR_COUNTER]: DCP_L3550CDW})
  assert.deepEqual(byName(id), {total: 1611, mono: 709, color: 902, duplex: 538})
  assert.equal(id.meters.find((m) => m.name === 'total')?.oid, LIFE)
  assert.ok(id.meters.filter((m) => m.name !== 'total').every((m) => m.oid === BR_COUNTER && m.unit === 'impressions'))
  assert.equal(byName(id).mono + byName(id).color, byName(id).total) // the split adds up on a real device
  assert.deepEqual(id.warnings, [])
})

test('Brother: a truncated, oversized or mistyped brInfoCounter gives what precedes the fault and one warning', () => {
  const cut = printer('1.3.6.1.4.1.2435.2.3.9.1', {[BR_COUNTER]: DCP_L3550CDW.subarray(0, 10)})
  assert.deepEqual(byName(cut), {total: 1611})
  assert.match(cut.warnings.join('\n'), /brInfoCounter: malformed record at byte 7/)
  const long = printer('1.3.6.1.4.1.2435.2.3.9.1', {[BR_COUNTER]: Buffer.from('0101ff' + '00'.repeat(300), 'hex')})
  assert.match(long.warnings.join('\n'), /malformed record at byte 0/)
  const padded = printer('1.3.6.1.4.1.2435.2.3.9.1', {[BR_COUNTER]: Buffer.from('01010400000009ffffffff0201040000ffff', 'hex')})
  assert.deepEqual(byName(padded), {total: 1611, mono: 9}) // 0xFF padding ends the records
  const wrong = printer('1.3.6.1.4.1.2435.2.3.9.1', {[BR_COUNTER]: 5})
  assert.match(wrong.warnings.join('\n'), /brInfoCounter: expected an octet string/)
  assert.deepEqual(byName(printer('1.3.6.1.4.1.2435.2.3.9.1', {[BR_COUNTER]: Buffer.alloc(1 << 20, 0)})), {total: 1611})
})

test('Ricoh: ricohEngCounterTable rows by name, whatever the row order and the spacing around the colons', () => {
  const NAME = '1.3.6.1.4.1.367.3.2.1.2.19.5.1.5'
  const VALUE = '1.3.6.1.4.1.367.3.2.1.2.19.5.1.9'
  const rows: [string, number][] = [
    ['Counter: Machine Total', 118722],
    ['Counter:Copy:Total', 20000],
    ['Counter:Print:Total', 98722],
    ['Counter:Print:Black & White', 42846],
    ['Counter:Print:Full Color', 55876],
    ['Counter:Print:Single/Two-col.', 0],
    ['Total Prints: Color', 55876],
    ['Counter : FAX : Total', 12],
  ]
  const o: Record<string, SnmpValue> = {}
  rows.forEach(([n, v], k) => {
    o[`${NAME}.${k + 1}`] = Buffer.from(n)
    o[`${VALUE}.${k + 1}`] = v
  })
  const id = printer('1.3.6.1.4.1.367.1.1', o)
  assert.deepEqual(byName(id), {total: 1611, copy: 20000, print: 98722, printMono: 42846, printColor: 55876, color: 55876, fax: 12})
  assert.equal(id.meters.find((m) => m.name === 'printColor')?.oid, `${VALUE}.5`)
})

test('Lexmark: paperGeneralCountTable rows by type; Xerox, Canon and Epson scalars by OID', () => {
  const T = '1.3.6.1.4.1.641.6.4.2.1.1'
  const lx = printer('1.3.6.1.4.1.641.1.5026044', {
    [`${T}.2.1.1`]: 16,
    [`${T}.4.1.1`]: 900,
    [`${T}.2.1.2`]: 18,
    [`${T}.4.1.2`]: 300,
    [`${T}.2.1.3`]: 99,
    [`${T}.4.1.3`]: 7,
  })
  assert.deepEqual(byName(lx), {total: 1611, print: 900, printColor: 300})
  const X = '1.3.6.1.4.1.253.8.53.13.2.1.6.1.20'
  const xerox = printer('1.3.6.1.4.1.253.8.62.1.34.3.1.1', {[`${X}.33`]: 600, [`${X}.34`]: 1011, [`${X}.39`]: 200})
  assert.deepEqual(byName(xerox), {total: 1611, color: 600, mono: 1011, duplex: 200})
  assert.equal(xerox.meters.find((m) => m.name === 'duplex')?.unit, 'sheets')
  const canon = printer('1.3.6.1.4.1.1602.4.7', {'1.3.6.1.4.1.1602.1.11.1.3.1.4.108': 1000, '1.3.6.1.4.1.1602.1.11.1.3.1.4.501': 44})
  assert.deepEqual(byName(canon), {total: 1611, mono: 1000, scan: 44})
  const epson = printer('1.3.6.1.4.1.1248.1.2.1', {'1.3.6.1.4.1.1248.1.2.2.27.6.1.5.1.1.2': 2313})
  assert.deepEqual(byName(epson), {total: 1611, copyColor: 2313})
})

// The sweep's bytes per printer: `printers discover` never asks for a meter, and `printers meters` asks a
// printer only for its own vendor's (a GET and walks under that vendor's enterprise arc).
test("vendor meter OIDs stay under their vendor's arc and out of every identity GET", () => {
  const pens = new Set([...Object.keys(VENDOR_METERS), ...Object.keys(VENDOR_METER_TABLES), '2435'].map(Number))
  for (const pen of pens) {
    const sysObjectID = `1.3.6.1.4.1.${pen}.1`
    const asked = [...meterOids(sysObjectID), ...meterTables(sysObjectID)]
    assert.ok(asked.length > 0, `${pen}`)
    for (const oid of asked) assert.ok(oid.startsWith(`1.3.6.1.4.1.${pen}.`), `${pen}: ${oid}`)
    assert.deepEqual(
      identityOids(sysObjectID).filter((o) => asked.includes(o)),
      [],
    )
  }
  for (const other of ['1.3.6.1.4.1.2001.1', '1.3.6.1.4.1.10642.1', undefined]) {
    assert.deepEqual(meterOids(other), [])
    assert.deepEqual(meterTables(other), [])
  }
})
