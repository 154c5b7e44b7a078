import assert from 'node:assert/strict'
import {test} from 'node:test'

import {applyChanges, checkPolicy, policyChanges, policyType, supplyKind, type PolicyInput} from './policy.js'

const ok: PolicyInput = {name: 'Mono Test', recipients: ['caretsally@outlook.com'], tags: ['Mono'], threshold: 95, type: 'Toner'}

test('policy types by the guide’s names and their slugs', () => {
  assert.equal(policyType('toner'), 'Toner')
  assert.equal(policyType('Waste Toner Bottle'), 'Waste Toner Bottle')
  assert.equal(policyType('photoconductor'), 'Photoconductors')
  assert.equal(policyType('last-data-refresh'), 'Last data refresh')
  assert.equal(policyType('LAST COMMUNICATED'), 'Last communicated')
  assert.equal(policyType('ink'), undefined)
})

test('the guide’s rules: Range 0 to 100, 1 - 7 days, forbidden characters, 10 tags, 10 e-mail addresses', () => {
  assert.deepEqual(checkPolicy(ok), [])
  assert.deepEqual(checkPolicy({...ok, threshold: 0}), [])
  const fields = (p: unknown) => checkPolicy(p).map((x) => x.field)
  assert.deepEqual(fields({...ok, threshold: 100.5}), ['threshold'])
  assert.deepEqual(fields({...ok, threshold: undefined, days: 8, type: 'Last communicated'}), ['days'])
  assert.deepEqual(fields({...ok, threshold: undefined, days: 1, type: 'Last data refresh'}), [])
  for (const c of '<>&#?`~!%^*|+=;:"{}[]\\/') assert.deepEqual(fields({...ok, name: `a${c}b`}), ['name'], c)
  assert.deepEqual(fields({...ok, tags: Array.from({length: 11}, (_, i) => `t${i}`)}), ['tags'])
  assert.deepEqual(fields({...ok, recipients: ['not-an-address']}), ['recipients'])
  assert.deepEqual(fields({...ok, recipients: []}), ['recipients'])
})

test('changes keep what they do not name; another kind drops the threshold; every problem at once', () => {
  const {input, problems} = applyChanges(ok, {threshold: 10})
  assert.deepEqual(problems, [])
  assert.deepEqual([input.threshold, input.tags, input.name], [10, ['Mono'], 'Mono Test'])
  assert.deepEqual(policyChanges(ok, input), ['threshold'])
  assert.deepEqual(
    applyChanges(ok, {type: 'last-communicated'}).problems.map((p) => p.field),
    ['days'],
  )
  assert.deepEqual(applyChanges(ok, {allPrinters: true}).input.tags, [])
  assert.deepEqual(
    applyChanges(undefined, {name: 'x'}).problems.map((p) => p.field),
    ['type', 'recipients'],
  )
  assert.deepEqual(policyChanges(ok, {...ok, recipients: ['CaretSally@outlook.com']}), [])
})

test('reported supplies map to the guide’s supply types', () => {
  assert.equal(supplyKind({description: 'Black Cartridge', type: 'toner'}), 'Toner')
  assert.equal(supplyKind({description: 'Waste Toner Bottle', type: 'wasteToner'}), 'Waste Toner Bottle')
  assert.equal(supplyKind({description: 'Black and Color Imaging Kit', type: 'opc'}), 'Photoconductors')
  assert.equal(supplyKind({description: 'Drum Unit', type: 'opc'}), 'Photoconductors')
  assert.equal(supplyKind({description: 'Maintenance Kit', type: 'other'}), 'Maintenance Kit')
  assert.equal(supplyKind({description: 'Fuser Kit', type: 'fuser'}), 'Fuser')
  assert.equal(supplyKind({description: 'Transfer Belt', type: 'transferUnit'}), 'Transfer Module')
})
