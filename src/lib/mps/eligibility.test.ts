import assert from 'node:assert/strict'
import {test} from 'node:test'

import {
  type EligibilityFacts,
  eligibilityOf,
  groupByStatus,
  modelSupported,
  mpsLabel,
  mpsUnenrollRefusal,
  versionAtLeast,
} from './eligibility.js'

const rules = {maxLifetimePageCount: 500_000}
const ok: EligibilityFacts = {
  contactAssigned: true,
  fleetAgentUpToDate: null,
  lifetimePageCount: 1000,
  modelName: 'CX725',
  modelSupported: true,
  mpsStatus: 'none',
  registrationFailed: false,
  serialNumber: 'S1',
}

test("each fact gives the seed's status, the first that holds winning", () => {
  assert.equal(eligibilityOf(ok, rules), 'Eligible')
  assert.equal(eligibilityOf({...ok, mpsStatus: 'managed'}, rules), 'Printer already managed')
  assert.equal(eligibilityOf({...ok, mpsStatus: 'pending'}, rules), 'Printer pending management')
  assert.equal(eligibilityOf({...ok, registrationFailed: true}, rules), 'Printer failed registration')
  assert.equal(eligibilityOf({...ok, modelSupported: false}, rules), 'Model not supported')
  assert.equal(eligibilityOf({...ok, fleetAgentUpToDate: false}, rules), 'Associated with down-level fleet agent')
  assert.equal(eligibilityOf({...ok, lifetimePageCount: null}, rules), 'Lifetime page count missing')
  assert.equal(eligibilityOf({...ok, lifetimePageCount: 500_001}, rules), 'Lifetime page count exceeds maximum allowed')
  assert.equal(eligibilityOf({...ok, lifetimePageCount: 500_000}, rules), 'Eligible')
  assert.equal(eligibilityOf({...ok, contactAssigned: false}, rules), 'No supplies delivery contact assigned')
  assert.equal(eligibilityOf({...ok, contactAssigned: false, mpsStatus: 'pending'}, rules), 'Printer pending management')
})

test("the report groups serials and models by status, in the check's order", () => {
  const report = groupByStatus(
    [
      {...ok, serialNumber: 'S3'},
      {...ok, contactAssigned: false, modelName: 'MS821', serialNumber: 'S2'},
      {...ok, serialNumber: 'S1'},
    ].map((p) => ({...p, status: eligibilityOf(p, rules)})),
  )
  assert.deepEqual(report, [
    {printers: [{modelName: 'MS821', serialNumber: 'S2'}], status: 'No supplies delivery contact assigned'},
    {
      printers: [
        {modelName: 'CX725', serialNumber: 'S1'},
        {modelName: 'CX725', serialNumber: 'S3'},
      ],
      status: 'Eligible',
    },
  ])
})

test("the portal's labels and the unenroll refusal", () => {
  assert.deepEqual(
    ['none', 'managed', 'pending'].map((s) => mpsLabel(s as 'none')),
    ['', 'MPS Express', 'MPS Express (Pending)'],
  )
  assert.equal(mpsUnenrollRefusal('none'), undefined)
  assert.match(mpsUnenrollRefusal('pending')!, /^MPS Express \(Pending\): contact your Lexmark Customer Operations Specialist/)
})

test('supported models and Fleet Agent versions', () => {
  assert.equal(modelSupported('Lexmark'), true)
  assert.equal(modelSupported('HP'), false)
  assert.equal(versionAtLeast('3.10.0', '3.2'), true)
  assert.equal(versionAtLeast('2.9.9', '3.0.0'), false)
  assert.equal(versionAtLeast('3.0', '3.0.0'), true)
})
