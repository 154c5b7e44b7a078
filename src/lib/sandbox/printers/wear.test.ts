import assert from 'node:assert/strict'
import {test} from 'node:test'

import {generatePrinter} from './models.js'
import {PrinterWear} from './wear.js'

test('printing moves the life count and drains every supply with a known capacity', () => {
  const g = generatePrinter(0, 7, {kind: 'lexmark-native'})
  const w = new PrinterWear(g.records)
  const start = w.supplies()
  assert.equal(w.pageCount, g.pageCount)
  w.print(2000)
  assert.equal(w.pageCount, g.pageCount + 2000)
  const now = w.supplies()
  const toner = start.findIndex((s) => /cartridge|toner/i.test(s.description ?? '') && (s.percentRemaining ?? 0) > 20)
  assert.ok(toner >= 0, JSON.stringify(start))
  assert.ok(
    now[toner].percentRemaining! < start[toner].percentRemaining!,
    `${now[toner].percentRemaining} < ${start[toner].percentRemaining}`,
  )
  // the SNMP agent sees the same: life count and levels as overrides of the recording
  const o = new Map(w.overrides().map((r) => [r.oid, r.value]))
  assert.equal(o.get('1.3.6.1.2.1.43.10.2.1.4.1.1'), g.pageCount + 2000)
  assert.ok(o.has(`1.3.6.1.2.1.43.11.1.1.9.1.${toner + 1}`))
  // levels never go below empty
  w.print(10_000_000)
  assert.ok(w.supplies().every((s) => s.percentRemaining === null || s.percentRemaining === 0))
})
