import assert from 'node:assert/strict'
import {test} from 'node:test'

import {
  checkDefinition,
  definitionChanges,
  definitionFromDiscovery,
  keepSecrets,
  mpsAgentRefusal,
  newDefinition,
  overlapping,
  profileFor,
  redactDefinition,
} from './definition.js'

test("the guide's ranges: timeout 1–60 s, retries 0–20, the Default profile kept, criteria in target formats", () => {
  const d = newDefinition('A')
  assert.deepEqual(checkDefinition(d), [])
  d.snmpProfiles = [{community: 'c', name: 'Site 1', retries: 0, timeoutSec: 60, version: 'v2c'}]
  d.discovery = {
    exclude: ['10.0.0.300'],
    include: [{address: '10.20.**', profile: 'Nope'}],
    searchType: 'advanced',
    transferManagement: false,
  }
  const fields = checkDefinition(d).map((p) => p.field)
  assert.deepEqual(fields, ['snmpProfiles', 'discovery.include[0].profile', 'discovery.exclude[0]'])
  d.snmpProfiles.push({community: 'public', name: 'Default', retries: 21, timeoutSec: 0, version: 'v1'})
  assert.deepEqual(
    checkDefinition(d)
      .filter((p) => p.field.startsWith('snmpProfiles'))
      .map((p) => p.field),
    ['snmpProfiles[1].timeoutSec', 'snmpProfiles[1].retries'],
  )
})

test('a saved discovery gives include criteria for its Fleet Agent only printers; overlaps are found; secrets redacted', () => {
  const p = (address: string, agentType: 'fleet' | 'native') => ({address, agentType, status: 'unsupported'}) as never
  const d = definitionFromDiscovery('A', [p('10.0.0.1', 'fleet'), p('10.0.0.2', 'native'), p('10.0.0.3', 'fleet')])
  assert.deepEqual(
    d.discovery.include.map((c) => c.address),
    ['10.0.0.1', '10.0.0.3'],
  )
  const other = newDefinition('B')
  other.discovery = {
    exclude: [],
    include: [{address: '10.0.0.0/30', profile: 'Default'}],
    searchType: 'advanced',
    transferManagement: false,
  }
  assert.deepEqual(overlapping(d, other), ['10.0.0.1', '10.0.0.3'])
  other.discovery.include = [{address: '10.0.1.*', profile: 'Default'}]
  assert.deepEqual(overlapping(d, other), [])
  assert.equal(redactDefinition(d).snmpProfiles[0].community, '(set)')
  assert.throws(() => definitionFromDiscovery('A', [p('10.0.0.2', 'native')]), /no "Fleet Agent only" printers/)
})

test('network delay: 250 ms by default and never zero; the profile for an address is that of the criterion covering it', () => {
  const d = newDefinition('A')
  assert.equal(d.networkDelayMs, 250)
  d.networkDelayMs = 0
  assert.deepEqual(
    checkDefinition(d).map((p) => p.rule),
    ['a delay of 1–60000 milliseconds (it must not be set to zero)'],
  )
  d.snmpProfiles.push({community: 'c', name: 'Site 1', retries: 0, timeoutSec: 5, version: 'v2c'})
  d.discovery = {
    exclude: [],
    include: [
      {address: '10.20.15.*', profile: 'Site 1'},
      {address: 'printer.example.test', profile: 'Site 1'},
    ],
    searchType: 'advanced',
    transferManagement: false,
  }
  assert.equal(profileFor(d, '10.20.15.7').name, 'Site 1')
  assert.equal(profileFor(d, 'PRINTER.example.test').name, 'Site 1')
  assert.equal(profileFor(d, '10.20.16.7').name, 'Default')
})

test('an exported definition: "(set)" keeps the stored secret of the same-named profile, else it is a problem', () => {
  const stored = newDefinition('A')
  stored.snmpProfiles = [
    {community: 'secret-1', name: 'Default', retries: 1, timeoutSec: 15, version: 'v2c'},
    {name: 'Site 3', retries: 1, timeoutSec: 15, v3: {authKey: 'k1', authProtocol: 'sha', user: 'u'}, version: 'v3'},
  ]
  const exported = redactDefinition(stored)
  assert.ok(!JSON.stringify(exported).includes('secret-1') && !JSON.stringify(exported).includes('k1'))
  const kept = keepSecrets(exported, stored)
  assert.deepEqual(kept.problems, [])
  assert.deepEqual(JSON.parse(JSON.stringify(kept.d.snmpProfiles)), stored.snmpProfiles)
  const fresh = keepSecrets(exported)
  assert.deepEqual(
    fresh.problems.map((p) => p.field),
    ['snmpProfiles[0].community', 'snmpProfiles[1].v3.authKey'],
  )
  assert.equal(mpsAgentRefusal(0), undefined)
  assert.match(mpsAgentRefusal(2)!, /2 MPS Express .* you cannot delete or deactivate agents that have enrolled these printers/)
})

test('the fields two definitions differ in, as deep as they go; secrets by presence only; profiles by name', () => {
  const a = newDefinition('A')
  a.snmpProfiles.push({community: 'one', name: 'Office', retries: 1, timeoutSec: 15, version: 'v2c'})
  const b = structuredClone(a)
  assert.deepEqual(definitionChanges(a, b), [])
  b.snmpProfiles.reverse()
  b.snmpProfiles.find((p) => p.name === 'Office')!.community = 'two'
  assert.deepEqual(definitionChanges(redactDefinition(a), b), [], 'order and secret values do not count')
  b.snmpProfiles.find((p) => p.name === 'Office')!.timeoutSec = 20
  b.discovery.transferManagement = true
  b.discovery.include = [{address: '10.0.0.1', profile: 'Office'}]
  b.schedule.refresh = '2h'
  b.snmpProfiles.push({name: 'Secure', retries: 0, timeoutSec: 5, v3: {user: 'u'}, version: 'v3'})
  assert.deepEqual(definitionChanges(a, b), [
    'discovery.include',
    'discovery.transferManagement',
    'snmpProfiles[Office].timeoutSec',
    'snmpProfiles[Secure]',
    'schedule.refresh',
  ])
})
