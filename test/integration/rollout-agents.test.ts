// The rollout file's `agents` section against an in-process sandbox: agents from a saved discovery and
// from an exported definition are planned, applied, then all unchanged; a definition change is an update
// naming the part; bad input is refused at its line with nothing changed; an MPS Express agent stays.
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {before, test} from 'node:test'

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
