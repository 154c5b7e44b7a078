// The rollout file's `agents` section against an in-process sandbox: agents from a saved discovery, from
// an exported definition and from inline fields are planned, applied, then all unchanged; a change is an
// update naming the field; bad input is refused at its line and column with nothing changed; SNMP secrets
// come from environment variables and are never printed; an MPS Express agent stays.
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, test} from 'node:test'

import {newDefinition, writeDefinition} from '../../src/lib/agents/index.js'
import {openDb} from '../../src/lib/sandbox/db.js'
import {applyPlan} from '../../src/lib/rollout/rollout.js'
import type {PlanItem} from '../../src/lib/rollout/types.js'
import {rolloutSandbox} from '../helpers/rollout.js'

const t = rolloutSandbox()
const {dir} = t

before(async () => {
  const fleetOnly = (address: string, serialNumber: string) => ({address, agentType: 'fleet', serialNumber, status: 'unsupported'})
  writeFileSync(
    join(dir, 'site1.json'),
    JSON.stringify({printers: [fleetOnly('10.1.0.5', 'CN1'), fleetOnly('10.1.0.6', 'CN2')], version: 1}),
  )
  const d = newDefinition('ignored')
  d.discovery = {exclude: [], include: [{address: '10.2.0.*', profile: 'Default'}], searchType: 'advanced', transferManagement: true}
  await writeDefinition(join(dir, 'site2.json'), d)
})

const plan = (text: string) => t.plan('rollout.yaml', text)
const lines = (items: PlanItem[]) =>
  items.filter((i) => i.kind === 'fleet agent').map((i) => `${i.action} ${i.name}${i.changes ? ` (${i.changes.join(', ')})` : ''}`)

const DOC = `version: 1
agents:
  - {name: Site 1 agent, from: site1.json}
  - {name: Site 2 agent, definition: site2.json, description: Warehouse}
  - {name: Local agent}
`

test('agents planned, applied, then all unchanged; a changed definition is an update naming the part', async () => {
  const first = await plan(DOC)
  assert.deepEqual(lines(first.items), ['create Site 1 agent', 'create Site 2 agent', 'create Local agent'])
  assert.deepEqual(await applyPlan(first.items, first.ctx), [])
  const again = await plan(DOC)
  assert.deepEqual(lines(again.items), ['unchanged Site 1 agent', 'unchanged Site 2 agent', 'unchanged Local agent'])
  const listed: string[] = []
  for await (const a of t.client.fleetAgents.list(t.sandbox.info.orgId))
    listed.push(`${a.name}: ${a.definition.discovery.include.map((c) => c.address).join(' ')}`)
  assert.deepEqual(listed.sort(), ['Local agent: ', 'Site 1 agent: 10.1.0.5 10.1.0.6', 'Site 2 agent: 10.2.0.*'])

  const changed = await plan(DOC.replace('description: Warehouse', 'description: Warehouse B'))
  assert.deepEqual(lines(changed.items)[1], 'update Site 2 agent (description)')
  assert.deepEqual(await applyPlan(changed.items, changed.ctx), [])
  const overlap = await plan(
    `${DOC.replace('description: Warehouse', 'description: Warehouse B')}  - {name: Site 1 copy, from: site1.json}\n`,
  )
  assert.match(overlap.ctx.warnings.join('\n'), /"Site 1 agent" overlap those of "Site 1 copy" \(10\.1\.0\.5, 10\.1\.0\.6\)/)
  assert.ok(!overlap.ctx.warnings.some((w) => /SNMP profile/.test(w)), 'every profile is used')

  const d = newDefinition('ignored')
  d.snmpProfiles.push({community: 'c', name: 'Spare', retries: 1, timeoutSec: 15, version: 'v2c'})
  d.discovery = {exclude: [], include: [{address: '10.3.0.*', profile: 'Default'}], searchType: 'advanced', transferManagement: false}
  await writeDefinition(join(dir, 'spare.json'), d)
  const spare = await plan(`version: 1\nagents:\n  - {name: Site 3 agent, definition: spare.json}\n`)
  assert.deepEqual(spare.ctx.warnings, [
    'Fleet Agent "Site 3 agent": SNMP profile "Spare" is used by no include criterion: it matches no printer.',
  ])
})

test('bad input is refused at its line, nothing changed; an agent that enrolled MPS Express printers is not deleted', async () => {
  writeFileSync(
    join(dir, 'placeholder.json'),
    JSON.stringify({
      ...newDefinition('x'),
      snmpProfiles: [{community: '(set)', name: 'Default', retries: 1, timeoutSec: 15, version: 'v1'}],
    }),
  )
  const problems = async (text: string) => (await t.refused('rollout.yaml', text)).join('\n')
  const text = await problems(`version: 1
agents:
  - {name: New one, definition: placeholder.json}
  - {name: Missing, from: nowhere.json}
`)
  assert.match(text, /^3:\d+ agents\[0\]\.definition: snmpProfiles\[0\]\.community: "\(set\)" stands for a secret/m)
  assert.match(text, /^4:\d+ agents\[1\]\.from: .*nowhere\.json/m)
  const both = await problems(`version: 1\nagents:\n  - {name: Both, from: site1.json, definition: site2.json}\n`)
  assert.match(both, /^3:\d+ agents\[0\]: give a definition file or a saved discovery, not both/m)

  const agents: Array<{id: string; name: string}> = []
  for await (const a of t.client.fleetAgents.list(t.sandbox.info.orgId)) agents.push(a)
  assert.ok(!agents.some((a) => a.name === 'New one' || a.name === 'Missing'), 'nothing created')
  const del = await plan(`version: 1\nagents:\n  - {name: Local agent, state: absent}\n`)
  assert.deepEqual(lines(del.items), ['delete Local agent'])
  assert.deepEqual(await applyPlan(del.items, del.ctx), [])
  assert.deepEqual(lines((await plan(`version: 1\nagents:\n  - {name: Local agent, state: absent}\n`)).items), ['unchanged Local agent'])

  // the seeded MPS Express printer, as if Site 1 agent had enrolled it
  let managed = ''
  for await (const p of t.client.printers.list(t.sandbox.info.orgId)) if (p.mpsStatus === 'managed') managed = p.serialNumber
  const site1 = agents.find((a) => a.name === 'Site 1 agent')!
  const db = openDb(t.dataDir)
  db.prepare('INSERT INTO agent_printers(serial, agent_id) VALUES (?, ?)').run(managed, site1.id)
  db.close()
  const mps = await problems(`version: 1\nagents:\n  - {name: Site 1 agent, state: absent}\n`)
  assert.match(
    mps,
    /agents\[0\]\.state: Fleet Agent "Site 1 agent" cannot be deleted: .*you cannot delete or deactivate agents that have enrolled these printers/,
  )
})

const INLINE = `version: 1
agents:
  - name: Inline agent
    include: [10.4.0.0/24@Office, 10.4.1.5]
    exclude: [10.4.0.9]
    transferManagement: true
    snmpProfiles:
      - {name: Office, version: v2c, timeout: 10, retries: 2, communityEnv: LCS_TEST_OFFICE_COMMUNITY}
      - {name: Secure, version: v3, user: fleet, auth: sha, authKeyEnv: LCS_TEST_V3_AUTH, priv: aes, privKeyEnv: LCS_TEST_V3_PRIV}
    discoverySchedule: monthly
    discoveryAt: "02:30"
    discoveryDay: last
    refreshEvery: 30m
    logLevel: summary
    networkDelay: 500
`
const SECRETS = {LCS_TEST_OFFICE_COMMUNITY: 'office-c0mmunity', LCS_TEST_V3_AUTH: 'auth-k3y-secret', LCS_TEST_V3_PRIV: 'priv-k3y-secret'}
after(() => {
  for (const k of Object.keys(SECRETS)) delete process.env[k]
})

test('inline fields: created with every field, re-applied unchanged, one changed field is an update of that field only', async () => {
  Object.assign(process.env, SECRETS)
  const first = await plan(INLINE)
  assert.deepEqual(lines(first.items), ['create Inline agent'])
  assert.deepEqual(first.ctx.warnings, [
    'Fleet Agent "Inline agent": SNMP profile "Secure" is used by no include criterion: it matches no printer.',
  ])
  const shown = JSON.stringify({items: first.items, warnings: first.ctx.warnings})
  for (const s of Object.values(SECRETS)) assert.ok(!shown.includes(s), 'no secret in the plan')
  assert.deepEqual(await applyPlan(first.items, first.ctx), [])
  const agents: Array<{name: string; definition: unknown}> = []
  for await (const a of t.client.fleetAgents.list(t.sandbox.info.orgId)) agents.push(a)
  const made = agents.find((a) => a.name === 'Inline agent')!.definition as ReturnType<typeof newDefinition>
  assert.deepEqual(made.discovery, {
    exclude: ['10.4.0.9'],
    include: [
      {address: '10.4.0.0/24', profile: 'Office'},
      {address: '10.4.1.5', profile: 'Default'},
    ],
    searchType: 'advanced',
    transferManagement: true,
  })
  assert.deepEqual(made.snmpProfiles.slice(1), [
    {community: '(set)', name: 'Office', retries: 2, timeoutSec: 10, version: 'v2c'},
    {
      name: 'Secure',
      retries: 1,
      timeoutSec: 15,
      v3: {authKey: '(set)', authProtocol: 'sha', privKey: '(set)', privProtocol: 'aes', user: 'fleet'},
      version: 'v3',
    },
  ])
  assert.deepEqual(
    [made.schedule, made.logLevel, made.networkDelayMs],
    [{discovery: {dayOfMonth: 'last', interval: 'monthly', time: '02:30'}, refresh: '30m'}, 'summary', 500],
  )
  // the secrets themselves reached the cloud (the sandbox's store), not only their presence
  const db = openDb(t.dataDir)
  const stored = (db.prepare('SELECT definition FROM fleet_agents WHERE name = ?').get('Inline agent') as {definition: string}).definition
  db.close()
  for (const s of Object.values(SECRETS)) assert.ok(stored.includes(s), 'the cloud holds the secret')

  assert.deepEqual(lines((await plan(INLINE)).items), ['unchanged Inline agent'])
  const changed = await plan(INLINE.replace('timeout: 10', 'timeout: 20'))
  assert.deepEqual(lines(changed.items), ['update Inline agent (snmpProfiles[Office].timeoutSec)'])
  assert.deepEqual(await applyPlan(changed.items, changed.ctx), [])
  assert.deepEqual(lines((await plan(INLINE.replace('timeout: 10', 'timeout: 20'))).items), ['unchanged Inline agent'])
  const again = await plan(INLINE.replace('refreshEvery: 30m', 'refreshEvery: 2h'))
  assert.deepEqual(lines(again.items), ['update Inline agent (snmpProfiles[Office].timeoutSec, schedule.refresh)'])

  // inline wins over a definition file; the profile without communityEnv keeps the agent's secret
  const over = await plan(`version: 1
agents:
  - {name: Site 2 agent, definition: site2.json, description: Warehouse B, transferManagement: false, networkDelay: 300}
`)
  assert.deepEqual(lines(over.items), ['update Site 2 agent (discovery.transferManagement, networkDelayMs)'])
  const kept = await plan(
    INLINE.replace('timeout: 10', 'timeout: 20')
      .replace(', communityEnv: LCS_TEST_OFFICE_COMMUNITY', '')
      .replace('logLevel: summary', 'logLevel: detailed'),
  )
  assert.deepEqual(lines(kept.items), ['update Inline agent (logLevel)'])
  assert.deepEqual(await applyPlan(kept.items, kept.ctx), [])
  const db2 = openDb(t.dataDir)
  const after = (db2.prepare('SELECT definition FROM fleet_agents WHERE name = ?').get('Inline agent') as {definition: string}).definition
  db2.close()
  assert.ok(after.includes(SECRETS.LCS_TEST_OFFICE_COMMUNITY), 'the Office community is kept')
})

test('inline fields: a bad value is refused at its line and column with the rule, nothing changed; secrets stay out of the file', async () => {
  Object.assign(process.env, SECRETS)
  const problems = async (text: string) => (await t.refused('rollout.yaml', text)).join('\n')
  const bad = await problems(
    INLINE.replace('Inline agent', 'Bad agent')
      .replace('timeout: 10', 'timeout: 61')
      .replace('10.4.1.5', '10.4.1.300')
      .replace('refreshEvery: 30m', 'refreshEvery: 10m')
      .replace('networkDelay: 500', 'networkDelay: 0'),
  )
  assert.match(bad, /^8:47 agents\[0\]\.snmpProfiles\[0\]\.timeout: Discovery timeout range: 1 - 60 seconds$/m)
  assert.match(bad, /^4:35 agents\[0\]\.include\[1\]: 10\.4\.1\.300: /m)
  assert.match(bad, /^13:19 agents\[0\]\.refreshEvery: one of 15m, 30m, 1h, 2h, 6h, 12h/m)
  assert.match(bad, /^15:19 agents\[0\]\.networkDelay: a delay of 1–60000 milliseconds \(it must not be set to zero\)$/m)
  const day = await problems(`version: 1\nagents:\n  - {name: Bad agent, discoverySchedule: daily, discoveryDay: 3}\n`)
  assert.match(day, /^3:63 agents\[0\]\.discoveryDay: a day is for a weekly or monthly discovery schedule$/m)

  delete process.env.LCS_TEST_V3_AUTH
  const unset = await problems(INLINE.replace('Inline agent', 'Bad agent'))
  assert.match(unset, /agents\[0\]\.snmpProfiles\[1\]\.authKeyEnv: the environment variable LCS_TEST_V3_AUTH is not set/)
  process.env.LCS_TEST_V3_AUTH = SECRETS.LCS_TEST_V3_AUTH

  const inline = await problems(
    `version: 1\nagents:\n  - name: Bad agent\n    snmpProfiles: [{name: Default, community: hunter2-secret}]\n`,
  )
  assert.match(inline, /agents\[0\]\.snmpProfiles\[0\]\.community: secrets never live in the rollout file: .*communityEnv: NAME/)
  assert.doesNotMatch(inline, /hunter2/)

  const agents: string[] = []
  for await (const a of t.client.fleetAgents.list(t.sandbox.info.orgId)) agents.push(a.name)
  assert.ok(!agents.includes('Bad agent'), 'nothing created')
})
