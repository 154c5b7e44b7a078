import assert from 'node:assert/strict'
import {test} from 'node:test'

import {baseModel, buildVersion, catalogApp, FIRMWARE_BUILDS, lookupFirmware, printerMemoryMb, recommendedFirmware} from './catalog.js'
import {runStep} from './deployer.js'

test("the firmware catalog: builds per family, the guide's examples, URLs, recommended builds", () => {
  assert.equal(buildVersion('CSTAT.076.308'), '7.6.308')
  const b = lookupFirmware('cstat.076.308')!
  assert.deepEqual([b.build, b.buildType], ['CSTAT.076.308', 'IEC'])
  // the guide: Models supported Lexmark C4150, Lexmark CS720, Lexmark CS725, Lexmark CS727, Lexmark CS728
  for (const m of ['C4150', 'CS720', 'CS725', 'CS727', 'CS728']) assert.ok(b.models.map(baseModel).includes(m), m)
  assert.equal(lookupFirmware(b.url)!.build, 'CSTAT.076.308')
  assert.equal(lookupFirmware('CSTAT077303'), undefined)
  assert.equal(lookupFirmware('https://ccs.lexmark.com/firmware/materials/1/file'), undefined)
  assert.equal(recommendedFirmware('CX735adse')!.build, 'CXTPC.251.020')
  assert.equal(recommendedFirmware('XC4342'), undefined, 'contract-only model')
  assert.equal(recommendedFirmware('LaserJet Pro M404dn'), undefined)
  assert.equal(new Set(FIRMWARE_BUILDS.map((x) => x.id)).size, FIRMWARE_BUILDS.length)
  assert.equal(baseModel('CX735adse'), 'CX735')
})

test('steps fail deterministically: unsupported models and apps that need more memory than the printer has', () => {
  const cpm = catalogApp('Cloud Print Management')!
  const step = {
    kind: 'app' as const,
    minMemoryMb: 3000,
    models: ['CX735'],
    name: 'Cloud Authentication',
    status: 'pending' as const,
    version: '5.6.31',
  }
  const serials = Array.from({length: 40}, (_x, i) => `7530TEST${String(i).padStart(3, '0')}`)
  const outcomes = serials.map((serial) => runStep(step, {firmware: null, modelName: 'CX735adse', serial}))
  assert.ok(outcomes.some((o) => o.ok) && outcomes.some((o) => !o.ok))
  for (const [i, o] of outcomes.entries()) assert.equal(o.ok, printerMemoryMb(serials[i]) >= 3000)
  assert.match(
    (outcomes.find((o) => !o.ok) as {reason: string}).reason,
    /^out of memory: Cloud Authentication needs 3000 MB, the printer has \d+ MB$/,
  )
  assert.deepEqual(
    runStep(
      {...step, minMemoryMb: cpm.minMemoryMb, models: cpm.models, name: cpm.name},
      {firmware: null, modelName: 'CS431dw', serial: 'X'},
    ),
    {ok: false, reason: 'unsupported model: the CS431dw cannot run eSF applications'},
  )
  assert.deepEqual(
    runStep(
      {build: null, kind: 'firmware', name: 'recommended firmware', reason: 'unsupported model: no firmware', status: 'pending'},
      {firmware: null, modelName: 'XC4342', serial: 'X'},
    ),
    {ok: false, reason: 'unsupported model: no firmware'},
  )
  assert.deepEqual(
    runStep(
      {build: 'CXTPC.251.020', kind: 'firmware', name: 'CXTPC.251.020', status: 'pending'},
      {firmware: 'CXTPC.251.020', modelName: 'CX735adse', serial: 'X'},
    ),
    {note: 'already at CXTPC.251.020', ok: true},
  )
})
