import assert from 'node:assert/strict'
import {test} from 'node:test'

import {formatPinExpiry, loginConfigProblems, parseMethods, parsePinExpiry, type PrinterLoginConfig} from './printer-login.js'

test("PIN expiry: never, 1–48 hours, 1–180 days (the guide's ranges), nothing else", () => {
  assert.equal(parsePinExpiry('never'), null)
  assert.deepEqual(parsePinExpiry('1h'), {unit: 'hours', value: 1})
  assert.deepEqual(parsePinExpiry('48H'), {unit: 'hours', value: 48})
  assert.deepEqual(parsePinExpiry('180d'), {unit: 'days', value: 180})
  assert.match(parsePinExpiry('49h') as string, /1–48 hours \(got 49\)/)
  assert.match(parsePinExpiry('181d') as string, /1–180 days \(got 181\)/)
  assert.match(parsePinExpiry('0d') as string, /got 0/)
  for (const bad of ['', '12', '2w', '-1h', '1.5d', 'forever']) assert.equal(typeof parsePinExpiry(bad), 'string', bad)
  assert.equal(formatPinExpiry(null), 'never')
  assert.equal(formatPinExpiry({unit: 'days', value: 30}), '30d')
  assert.equal(formatPinExpiry({unit: 'hours', value: 12}), '12h')
})

test('login methods: standard ones together, badge+pin alone', () => {
  assert.deepEqual(parseMethods('badge, PIN,secure'), ['badge', 'pin', 'secure'])
  assert.deepEqual(parseMethods('badge + pin'), ['badge+pin'])
  assert.match(parseMethods('badge,face') as string, /unknown login method "face"/)
  const base: PrinterLoginConfig = {methods: ['badge'], pinExpiry: null, pinGeneration: 'admin', pinLength: null}
  const rules = (c: Partial<PrinterLoginConfig>, federated = false) => loginConfigProblems({...base, ...c}, federated).map((p) => p.field)
  assert.deepEqual(rules({methods: ['badge', 'pin', 'secure']}), [])
  assert.deepEqual(rules({methods: ['badge+pin']}), [])
  assert.deepEqual(rules({methods: ['badge+pin', 'pin']}), ['methods'])
  assert.deepEqual(rules({methods: []}), ['methods'])
  assert.deepEqual(rules({methods: ['pin', 'pin']}), ['methods'])
})

test('PIN expiry follows PIN generation; an authentication provider needs admin PINs that never expire', () => {
  const base: PrinterLoginConfig = {methods: ['pin'], pinExpiry: null, pinGeneration: 'admin', pinLength: 6}
  const rules = (c: Partial<PrinterLoginConfig>, federated = false) => loginConfigProblems({...base, ...c}, federated).map((p) => p.field)
  assert.deepEqual(rules({pinExpiry: {unit: 'days', value: 90}}), [])
  assert.deepEqual(rules({pinExpiry: {unit: 'days', value: 90}, pinGeneration: 'user'}), [])
  assert.deepEqual(rules({pinExpiry: {unit: 'days', value: 90}, pinGeneration: 'auto'}), ['pinExpiry'])
  assert.deepEqual(rules({pinExpiry: {unit: 'hours', value: 49}}), ['pinExpiry'])
  assert.deepEqual(rules({pinGeneration: 'auto'}), [])
  assert.deepEqual(rules({}, true), [])
  assert.deepEqual(rules({pinGeneration: 'user'}, true), ['pinGeneration'])
  assert.deepEqual(rules({pinExpiry: {unit: 'days', value: 1}}, true), ['pinExpiry'])
})
