import assert from 'node:assert/strict'
import {test} from 'node:test'

import {checkDefinition, definitionFromDiscovery, newDefinition, overlapping, redactDefinition} from './definition.js'

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
