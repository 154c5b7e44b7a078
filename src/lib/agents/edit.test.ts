import assert from 'node:assert/strict'
import {test} from 'node:test'

import {LcsError} from '../errors.js'
import {newDefinition, unusedProfiles} from './definition.js'
import {definitionToCreate, definitionToUpdate, parseProfileSpec, type DefinitionInput} from './edit.js'

const usage = (re: RegExp) => (e: LcsError) => {
  assert.equal(e.kind, 'usage')
  // one problem is the message; several are its details
  assert.match(e.details && e.details.length > 1 ? e.details.map((d) => d.message).join('\n') : e.message, re)
  return true
}

test('the form as fields: criteria with profiles, a new profile with its secret, schedules, other settings', async () => {
  const d = await definitionToCreate({
    community: 'c0mmunity',
    fields: {
      exclude: ['10.1.2.1'],
      include: ['10.1.2.0/24@Site 2', '10.20.**', 'printer.example.com'],
      logLevel: 'Summary',
      networkDelay: 500,
      profile: 'Site 2',
      refreshEvery: '6h',
      snmpProfiles: ['name=Site 2,version=2c,timeout=30,retries=3'],
      discoverySchedule: 'monthly',
      discoveryDay: 'last',
      discoveryAt: '02:00',
      transferManagement: true,
    },
    name: 'A',
  })
  assert.deepEqual(d.discovery, {
    exclude: ['10.1.2.1'],
    include: [
      {address: '10.1.2.0/24', profile: 'Site 2'},
      {address: '10.20.**', profile: 'Site 2'},
      {address: 'printer.example.com', profile: 'Site 2'},
    ],
    searchType: 'advanced',
    transferManagement: true,
  })
  assert.deepEqual(d.snmpProfiles[1], {community: 'c0mmunity', name: 'Site 2', retries: 3, timeoutSec: 30, version: 'v2c'})
  assert.equal(d.snmpProfiles[0].community, 'public', 'the community goes only to the profiles named')
  assert.deepEqual(d.schedule, {discovery: {dayOfMonth: 'last', interval: 'monthly', time: '02:00'}, refresh: '6h'})
  assert.deepEqual([d.logLevel, d.networkDelayMs], ['summary', 500])
})

test('an update changes only what its fields name; v3 keys and an edited profile keep the rest', async () => {
  const current = newDefinition('A')
  current.snmpProfiles.push({community: '(set)', name: 'Old', retries: 2, timeoutSec: 20, version: 'v2c'})
  const only = await definitionToUpdate(current, {fields: {refreshEvery: '15m'}})
  assert.deepEqual(only, {...current, schedule: {...current.schedule, refresh: '15m'}})

  const v3 = await definitionToUpdate(current, {
    authKey: 'authkey123',
    fields: {include: ['10.0.0.0/8@Old'], snmpProfiles: ['name=Old,version=v3,user=fleet,auth=sha,priv=aes']},
    privKey: 'privkey123',
  })
  assert.deepEqual(v3.snmpProfiles[1], {
    name: 'Old',
    retries: 2,
    timeoutSec: 20,
    v3: {authKey: 'authkey123', authProtocol: 'sha', privKey: 'privkey123', privProtocol: 'aes', user: 'fleet'},
    version: 'v3',
  })
  const timeout = await definitionToUpdate(current, {fields: {snmpProfiles: ['name=Default,timeout=45']}})
  assert.deepEqual(timeout.snmpProfiles[0], {...current.snmpProfiles[0], timeoutSec: 45}, 'the community is kept')
  const weekly = await definitionToUpdate(current, {fields: {discoveryDay: 'Friday', discoverySchedule: 'weekly'}})
  assert.deepEqual(weekly.schedule.discovery, {dayOfWeek: 'friday', interval: 'weekly', time: '13:17'})
  const local = await definitionToUpdate(v3, {fields: {searchLocalNetwork: true}})
  assert.deepEqual([local.discovery.searchType, local.discovery.include], ['local', []])
  const gone = await definitionToUpdate(current, {fields: {deleteSnmpProfiles: ['Old']}})
  assert.deepEqual(
    gone.snmpProfiles.map((p) => p.name),
    ['Default'],
  )
})

test("bad values: one line naming the flag with the definition's rule (the guide's ranges)", async () => {
  const current = newDefinition('A')
  const bad = async (fields: DefinitionInput['fields'], re: RegExp) => assert.rejects(definitionToUpdate(current, {fields}), usage(re))
  await bad({networkDelay: 0}, /^--network-delay 0: a delay of 1–60000 milliseconds \(it must not be set to zero\)$/)
  await bad({snmpProfiles: ['name=Default,timeout=61']}, /^--snmp-profile Default: Discovery timeout range: 1 - 60 seconds$/)
  await bad({snmpProfiles: ['name=Default,retries=x']}, /^--snmp-profile Default: Number of retries range: 0 - 20 retries$/)
  await bad({snmpProfiles: ['name=S,version=v4']}, /^--snmp-profile S: SNMP version must be v1, v2c or v3$/m)
  await bad({snmpProfiles: ['name=S,version=v2c']}, /^--snmp-profile S: an SNMP v1\/v2c profile needs a community name$/)
  await bad({snmpProfiles: ['name=S,version=v3']}, /^--snmp-profile S: an SNMP v3 profile needs a user$/)
  await bad({snmpProfiles: ['name=S,version=v3,user=u,auth=sha256']}, /authentication protocol must be md5 or sha/)
  await bad({snmpProfiles: ['name=S,community=public']}, /"community=public" is not one of name=…/)
  await bad({snmpProfiles: ['version=v1']}, /name=… is required/)
  await bad({deleteSnmpProfiles: ['Default']}, /^--delete-snmp-profile Default: the Default profile can be edited but not deleted$/)
  await bad({deleteSnmpProfiles: ['Nope']}, /no SNMP profile named "Nope"/)
  await bad({include: ['10.1.2.300']}, /^--include: 10\.1\.2\.300: /)
  await bad({include: ['10.1.2.0/24@Nope']}, /^--include: no SNMP profile named "Nope"$/)
  await bad({exclude: ['10.1.2.3-10.1.2.1']}, /^--exclude: /)
  await bad({discoverySchedule: 'hourly'}, /^--discovery-schedule hourly: one of none, daily, weekly, monthly$/)
  await bad({discoveryAt: '25:00'}, /^--discovery-at 25:00: a time of day HH:MM \(24 h\)$/)
  await bad({discoveryDay: 'someday'}, /^--discovery-day someday: one of sunday/)
  await bad({discoveryDay: '29', discoverySchedule: 'monthly'}, /^--discovery-day 29: a day 1–28, or "last"$/)
  await bad({discoverySchedule: 'monthly'}, /^--discovery-day: a day 1–28/)
  await bad({discoveryDay: '3', discoverySchedule: 'daily'}, /a day is for a weekly or monthly discovery schedule/)
  await bad({refreshEvery: '10m'}, /^--refresh-every 10m: one of 15m, 30m, 1h, 2h, 6h, 12h \(every 15 minutes … every 12 hours\)$/)
  await bad({logLevel: 'debug'}, /^--log-level debug: summary or detailed$/)
})

test('profile entries parse key=value pairs; a profile no include criterion uses is found', () => {
  assert.deepEqual(parseProfileSpec('name=Site 1, version=v3 ,user=fleet'), {name: 'Site 1', user: 'fleet', version: 'v3'})
  const d = newDefinition('A')
  d.snmpProfiles.push({community: 'x', name: 'Spare', retries: 0, timeoutSec: 1, version: 'v1'})
  assert.deepEqual(unusedProfiles(d), [], 'Search Local Network tries every profile')
  d.discovery = {...d.discovery, include: [{address: '10.0.0.1', profile: 'Default'}], searchType: 'advanced'}
  assert.deepEqual(unusedProfiles(d), ['Spare'])
})
