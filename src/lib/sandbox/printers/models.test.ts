import {test} from 'node:test'
import assert from 'node:assert/strict'
import {
  generateFleet,
  generatePrinter,
  firmwareLevel,
  withFirmware,
  GENERATED_NATIVE_MIN_LEVEL,
  GENERATED_ESF_MAX_LEVEL,
  type GeneratedPrinter,
} from './models.js'
import {compileRecords} from './agent.js'

const NOW = new Date('2025-06-01T12:00:00Z')

function rec(p: GeneratedPrinter, oid: string): unknown {
  return p.records.find((r) => r.oid === oid)?.value
}

test('generation is deterministic per (seed, index) and differs across seeds', () => {
  assert.deepEqual(generatePrinter(7, 42, {now: NOW}), generatePrinter(7, 42, {now: NOW}))
  assert.notDeepEqual(generatePrinter(7, 42, {now: NOW}).records, generatePrinter(7, 43, {now: NOW}).records)
})

test('serials and MACs are unique over a large fleet; every kind and both colour modes occur', () => {
  const fleet = generateFleet(5000, 'fleet', {now: NOW})
  assert.equal(new Set(fleet.map((p) => p.serial)).size, fleet.length)
  assert.equal(new Set(fleet.map((p) => p.mac)).size, fleet.length)
  const kinds = new Set(fleet.map((p) => p.kind))
  assert.deepEqual([...kinds].sort(), ['lexmark-esf', 'lexmark-legacy', 'lexmark-native', 'third-party'])
  assert.ok(fleet.some((p) => p.color) && fleet.some((p) => !p.color))
  assert.ok(new Set(fleet.filter((p) => p.kind === 'third-party').map((p) => p.vendor)).size >= 5)
  for (const p of fleet.slice(0, 300)) assert.doesNotThrow(() => compileRecords(p.records), p.model) // the agent accepts them
})

test('Lexmark firmware levels sit on the right side of the agent thresholds', () => {
  for (const p of generateFleet(600, 'fw', {now: NOW})) {
    if (p.kind === 'lexmark-native') {
      assert.ok(firmwareLevel(p.firmware)! >= GENERATED_NATIVE_MIN_LEVEL, p.firmware)
      assert.equal(rec(p, '1.3.6.1.4.1.641.6.3.3.1.7.1.1'), p.firmware)
      assert.equal(rec(p, '1.3.6.1.4.1.641.6.2.3.1.5.1'), p.serial)
      assert.match(String(rec(p, '1.3.6.1.2.1.1.2.0')), /^1\.3\.6\.1\.4\.1\.641\./)
    } else if (p.kind === 'lexmark-esf') {
      assert.ok(firmwareLevel(p.firmware)! < GENERATED_ESF_MAX_LEVEL, p.firmware)
      assert.ok(p.touch)
      assert.equal(rec(p, '1.3.6.1.4.1.641.6.3.3.1.6.1.2'), 'eSF Framework')
    } else if (p.kind === 'lexmark-legacy') {
      assert.equal(rec(p, '1.3.6.1.4.1.641.2.1.2.1.6.1'), p.serial)
      assert.equal(rec(p, '1.3.6.1.4.1.641.2.1.2.1.4.1'), p.firmware)
      assert.equal(rec(p, '1.3.6.1.4.1.641.6.2.3.1.4.1'), undefined)
    } else {
      assert.doesNotMatch(String(rec(p, '1.3.6.1.2.1.1.2.0')), /^1\.3\.6\.1\.4\.1\.641\./)
    }
    assert.equal(rec(p, '1.3.6.1.2.1.43.5.1.1.17.1'), p.serial)
    assert.equal(rec(p, '1.3.6.1.2.1.43.10.2.1.4.1.1'), p.pageCount)
  }
})

test('supplies join the colorant table through the colorant index, whatever the vendor order', () => {
  for (const p of generateFleet(200, 'sup', {now: NOW}).filter((x) => x.color)) {
    const colorants = new Map(
      p.records.filter((r) => r.oid.startsWith('1.3.6.1.2.1.43.12.1.1.4.1.')).map((r) => [Number(r.oid.split('.').pop()), String(r.value)]),
    )
    assert.equal(colorants.size, 4)
    const descr = p.records.filter((r) => r.oid.startsWith('1.3.6.1.2.1.43.11.1.1.6.1.'))
    for (const d of descr) {
      const row = d.oid.split('.').pop()
      const ci = Number(rec(p, `1.3.6.1.2.1.43.11.1.1.3.1.${row}`))
      if (ci === 0) continue
      assert.ok(String(d.value).toLowerCase().startsWith(colorants.get(ci)!), `${p.model}: ${String(d.value)} ↔ ${colorants.get(ci)}`)
    }
  }
})

test('hrSystemDate carries the (skewed) clock; withFirmware updates every firmware string and the kind', () => {
  const p = generateFleet(400, 'clk', {now: NOW}).find((x) => x.kind === 'lexmark-esf' && x.records.length > 0)!
  const date = rec(p, '1.3.6.1.2.1.25.1.2.0') as Buffer
  const t = Date.UTC(date.readUInt16BE(0), date[2] - 1, date[3], date[4], date[5], date[6])
  assert.ok(Math.abs(t - (NOW.getTime() + p.clockSkewSec * 1000)) < 1000)
  const family = p.firmware.split('.')[0]
  const up = withFirmware(p, `${family}.081.230`)
  assert.equal(up.kind, 'lexmark-native')
  assert.match(String(rec(up, '1.3.6.1.2.1.1.1.0')), new RegExp(`${family}\\.081\\.230`))
  assert.equal(rec(up, '1.3.6.1.4.1.641.6.3.3.1.7.1.1'), `${family}.081.230`)
  assert.equal(up.serial, p.serial)
  assert.ok(!up.records.some((r) => typeof r.value === 'string' && r.value.includes(p.firmware)))
})
