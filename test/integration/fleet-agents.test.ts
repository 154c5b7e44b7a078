// Fleet Agents against the sandbox (in-process, real sockets, simulated printers): an exported definition
// re-imported keeps its secrets, the task queue (Discover & Enroll Printers, MIB walk) is run by the
// simulated agent on its next cycle, deactivate/restore, the MPS Express rule, used and expired codes,
// printer upkeep (refresh, credentials, the four communication statuses), profiles that match no printer, and an agent hosted by the
// sandbox process (`sandbox start --fleet-agent`).
import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'

import {newDefinition, redactDefinition, type FleetAgentDefinition} from '../../src/lib/agents/index.js'
import {CloudClient, type EnrolledPrinter, type FleetAgent} from '../../src/lib/cloud/index.js'
import {LcsError} from '../../src/lib/errors.js'
import {runFleetAgent} from '../../src/lib/sandbox/agent.js'
import {runSandbox} from '../../src/lib/sandbox/daemon.js'
import {openDb} from '../../src/lib/sandbox/db.js'
import {tempDir} from '../helpers/cli.js'

const SNMP = 26_000 + (process.pid % 8000)
let sandbox: Awaited<ReturnType<typeof runSandbox>>
let client: CloudClient
let orgId: string
let dataDir: string

before(async () => {
  dataDir = tempDir()
  sandbox = await runSandbox({
    dataDir,
    port: 0,
    printers: {count: 12, ewsPort: SNMP + 1, mdns: false, snmpPort: SNMP, subnet: '127.28.0.0/24'},
    seed: 4,
  })
  const {info} = sandbox
  client = new CloudClient({
    credentials: {clientId: info.clientId, clientSecret: info.clientSecret, kind: 'client'},
    endpoints: {apis: info.apiUrl, idp: info.apiUrl},
  })
  orgId = info.orgId
})
after(() => sandbox.stop())

const runOnce = async (agentId: string) =>
  runFleetAgent({code: (await client.fleetAgents.activationCode(orgId, agentId)).code, once: true, sandbox: sandbox.info})
const listed = async (): Promise<EnrolledPrinter[]> => {
  const rows: EnrolledPrinter[] = []
  for await (const p of client.printers.list(orgId)) rows.push(p)
  return rows
}
const sql = (statement: string, ...args: Array<string | number>) => {
  const db = openDb(dataDir)
  try {
    db.prepare(statement).run(...args)
  } finally {
    db.close()
  }
}
const rejectsWith = (p: Promise<unknown>, kind: string, re: RegExp) =>
  assert.rejects(p, (e: LcsError) => e.kind === kind && re.test(e.message + JSON.stringify(e.details ?? [])))

let agent: FleetAgent

test('an exported definition ("(set)" secrets) updates an agent and keeps its secrets; a new agent cannot keep them', async () => {
  const d: FleetAgentDefinition = newDefinition('Site A')
  d.snmpProfiles[0].community = 'public'
  agent = await client.fleetAgents.create(orgId, d)
  assert.equal(agent.definition.snmpProfiles[0].community, '(set)')
  assert.equal(agent.mpsPrinters, 0)
  const first = await runOnce(agent.id)
  const enrolled = first.cycles[0].enrolled.length
  assert.ok(enrolled > 0, 'local search enrolls the simulated printers')

  const exported = {...agent.definition, description: 'edited offline'}
  const updated = await client.fleetAgents.update(orgId, agent.id, exported)
  assert.equal(updated.definition.description, 'edited offline')
  assert.equal(updated.printers, enrolled, 'an unchanged profile keeps its printers')
  // the community was kept: the agent still reads every printer
  assert.equal((await runOnce(agent.id)).cycles[0].refreshed.length, enrolled)

  await rejectsWith(
    client.fleetAgents.create(orgId, {...exported, name: 'Copy'}),
    'badData',
    /snmpProfiles\[0\]\.community.*does not have yet/,
  )
  // a changed profile unenrolls the printers found with it (the guide)
  const changed = structuredClone(redactDefinition(exported))
  changed.snmpProfiles[0].retries = 3
  assert.equal((await client.fleetAgents.update(orgId, agent.id, changed)).printers, enrolled, 'still linked, but unenrolled')
  assert.equal((await listed()).filter((p) => p.agentType === 'fleet' && p.address?.startsWith('127.28.')).length, 0)
  assert.equal((await runOnce(agent.id)).cycles[0].enrolled.length, enrolled, 'the next discovery enrolls them again')
})

test('the simulated agent runs queued tasks on its next cycle and uploads the MIB-walk log', async () => {
  const address = sandbox.info.printers[1].address
  const walk = await client.fleetAgents.queueTask(orgId, agent.id, 'mib-walk', address)
  const disc = await client.fleetAgents.queueTask(orgId, agent.id, 'discover')
  assert.deepEqual([walk.status, disc.status, walk.hasLog], ['queued', 'queued', false])
  await rejectsWith(client.fleetAgents.queueTask(orgId, agent.id, 'mib-walk', '127.28.0.0/24'), 'badData', /one IP address/)
  const run = await runOnce(agent.id)
  assert.deepEqual(run.cycles[0].tasks.sort(), [walk.id, disc.id].sort())
  const done = await client.fleetAgents.task(orgId, agent.id, walk.id)
  assert.equal(done.status, 'succeeded')
  assert.match(done.log!, new RegExp(`^# MIB walk of ${address.replaceAll('.', '\\.')}`))
  assert.match(done.log!, /^1\.3\.6\.1\.2\.1\.1\.1\.0 = /m)
  assert.match(done.log!, /^1\.3\.6\.1\.2\.1\.43\./m)
  assert.equal((await client.fleetAgents.task(orgId, agent.id, disc.id)).status, 'succeeded')
})

test('printer upkeep: the four communication statuses, refresh, apply credentials', async () => {
  const all = await listed()
  const needs = all.filter((p) => p.communicationStatus === 'Agent needs credentials')
  assert.equal(needs.length, 1, 'the seeded printer whose credentials were set after enrollment')
  const [serial] = needs.map((p) => p.serialNumber)
  const bad = await client.printers.applyCredentials(orgId, [serial, 'NOPE0000'], {password: 'wrong', username: 'admin'})
  assert.deepEqual(
    bad.map((r) => r.outcome),
    ['refused', 'not found'],
  )
  const good = await client.printers.applyCredentials(orgId, [serial], {password: 'sandbox-ews', username: 'admin'})
  assert.equal(good[0].outcome, 'applied')
  assert.equal((await client.printers.get(orgId, serial)).communicationStatus, 'Communicating')

  const fleetPrinter = all.find((p) => p.agentType === 'fleet' && p.address?.startsWith('127.28.'))!
  assert.equal((await client.printers.refresh(orgId, fleetPrinter.serialNumber)).status, 'queued')
  assert.equal((await client.printers.refresh(orgId, serial)).status, 'succeeded')

  // the agent goes quiet: its printers are "Agent not communicating"; a quiet printer is "Not communicating"
  sql('UPDATE fleet_agents SET last_communication = ? WHERE id = ?', Date.now() - 4 * 3_600_000, agent.id)
  sql('UPDATE assets SET last_communication = ? WHERE serial = ?', Date.now() - 4 * 3_600_000, serial)
  const quiet: EnrolledPrinter[] = []
  for await (const p of client.printers.list(orgId, {status: ['Agent not communicating', 'Not communicating']})) quiet.push(p)
  assert.ok(quiet.some((p) => p.serialNumber === fleetPrinter.serialNumber && p.communicationStatus === 'Agent not communicating'))
  assert.ok(quiet.some((p) => p.serialNumber === serial && p.communicationStatus === 'Not communicating'))
  assert.ok(quiet.every((p) => p.communicationStatus !== 'Communicating'))
  const failed = await client.printers.refresh(orgId, serial)
  assert.equal(failed.status, 'failed')
})

test('deactivate unenrolls the printers and keeps the definition; restore is a new code; used and expired codes change nothing', async () => {
  const before = (await client.fleetAgents.get(orgId, agent.id)).printers
  const off = await client.fleetAgents.deactivate(orgId, agent.id)
  assert.equal(off.status, 'Deactivated')
  assert.equal((await listed()).filter((p) => p.address?.startsWith('127.28.') && p.agentType === 'fleet').length, 0)
  await rejectsWith(client.fleetAgents.queueTask(orgId, agent.id, 'discover'), 'conflict', /is deactivated: restore it first/)

  const code = await client.fleetAgents.activationCode(orgId, agent.id)
  const back = await runFleetAgent({code: code.code, once: true, sandbox: sandbox.info})
  assert.equal(back.cycles[0].enrolled.length, before, 'a discovery after reactivation restores the printers')
  assert.equal((await client.fleetAgents.get(orgId, agent.id)).status, 'Communicating')
  await rejectsWith(runFleetAgent({code: code.code, once: true, sandbox: sandbox.info}), 'conflict', /already used/)

  const stale = await client.fleetAgents.activationCode(orgId, agent.id)
  sql('UPDATE agent_codes SET expires_at = ? WHERE code = ?', Date.now() - 1, stale.code)
  await rejectsWith(
    runFleetAgent({code: stale.code, once: true, sandbox: sandbox.info}),
    'conflict',
    /expired \(codes are valid for 72 hours\)/,
  )
})

test('an agent that enrolled an MPS Express printer cannot be deleted or deactivated (001)', async () => {
  const [p] = (await listed()).filter((x) => x.agentType === 'fleet' && x.address?.startsWith('127.28.'))
  sql("UPDATE enrollments SET mps_status = 'pending' WHERE serial = ?", p.serialNumber)
  assert.equal((await client.fleetAgents.get(orgId, agent.id)).mpsPrinters, 1)
  const rule = /you cannot delete or deactivate agents that have enrolled these printers/
  await rejectsWith(client.fleetAgents.delete(orgId, agent.id), 'conflict', rule)
  await rejectsWith(client.fleetAgents.deactivate(orgId, agent.id), 'conflict', rule)
  assert.equal((await client.fleetAgents.get(orgId, agent.id)).status, 'Communicating', 'nothing changed')
  sql("UPDATE enrollments SET mps_status = 'none' WHERE serial = ?", p.serialNumber)
  await client.fleetAgents.delete(orgId, agent.id)
})

test('a profile that matches no printer: a warning when unused, a line in the cycle, the task and the agent when unanswered', async () => {
  const d = newDefinition('Profiles')
  d.snmpProfiles.push(
    {community: 'not-this-one', name: 'Wrong', retries: 0, timeoutSec: 1, version: 'v2c'},
    {community: 'x', name: 'Spare', retries: 0, timeoutSec: 1, version: 'v1'},
  )
  d.discovery = {
    exclude: [],
    include: [
      {address: '127.28.0.1-127.28.0.12', profile: 'Default'},
      {address: '127.28.0.1-127.28.0.3', profile: 'Wrong'},
    ],
    searchType: 'advanced',
    transferManagement: false,
  }
  const made = await client.fleetAgents.create(orgId, d)
  assert.deepEqual(made.warnings, ['SNMP profile "Spare" is used by no include criterion: it matches no printer.'])
  assert.deepEqual(made.unmatched, [], 'nothing discovered yet')
  const task = await client.fleetAgents.queueTask(orgId, made.id, 'discover')
  const run = await runOnce(made.id)
  const line = 'SNMP profile "Wrong" matched no printer in 127.28.0.1-127.28.0.3'
  assert.ok(run.cycles[0].enrolled.length > 0, 'the Default profile matched')
  assert.deepEqual(run.cycles[0].unmatched, [line])
  assert.match((await client.fleetAgents.task(orgId, made.id, task.id)).detail ?? '', new RegExp(`enrolled.*; ${line}`))
  assert.deepEqual((await client.fleetAgents.get(orgId, made.id)).unmatched, [line])

  // a profile that answers again clears the line
  const fixed = {...(await client.fleetAgents.get(orgId, made.id)).definition}
  fixed.discovery = {...fixed.discovery, include: [fixed.discovery.include[0]]}
  fixed.snmpProfiles = fixed.snmpProfiles.filter((p) => p.name === 'Default')
  await client.fleetAgents.update(orgId, made.id, fixed)
  assert.deepEqual((await runOnce(made.id)).cycles[0].unmatched, [])
  assert.deepEqual((await client.fleetAgents.get(orgId, made.id)).unmatched, [])
  await client.fleetAgents.delete(orgId, made.id)
})

test('sandbox start --fleet-agent: the sandbox process runs an activated agent that enrolls and takes tasks', async () => {
  const hosted = await runSandbox({
    dataDir: tempDir(),
    fleetAgent: {name: 'Hosted agent', timeScale: 3600},
    port: 0,
    printers: {count: 6, ewsPort: SNMP + 3, mdns: false, snmpPort: SNMP + 2, subnet: '127.29.0.0/24'},
    seed: 4,
  })
  try {
    const c = new CloudClient({
      credentials: {clientId: hosted.info.clientId, clientSecret: hosted.info.clientSecret, kind: 'client'},
      endpoints: {apis: hosted.info.apiUrl, idp: hosted.info.apiUrl},
    })
    const id = hosted.info.fleetAgentId!
    const deadline = Date.now() + 60_000
    let a = await c.fleetAgents.get(hosted.info.orgId, id)
    while (a.printers === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500))
      a = await c.fleetAgents.get(hosted.info.orgId, id)
    }
    assert.equal(a.status, 'Communicating')
    assert.ok(a.printers > 0, 'the hosted agent enrolled the simulated printers')
    const t = await c.fleetAgents.queueTask(hosted.info.orgId, id, 'mib-walk', hosted.info.printers[0].address)
    let done = t
    while (!['succeeded', 'failed'].includes(done.status) && Date.now() < deadline + 30_000) {
      await new Promise((r) => setTimeout(r, 500))
      done = await c.fleetAgents.task(hosted.info.orgId, id, t.id)
    }
    assert.equal(done.status, 'succeeded')
    assert.ok(done.hasLog)
  } finally {
    await hosted.stop()
  }
})
