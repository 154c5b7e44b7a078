// Local Agents with printers, against the sandbox over real sockets: `sandbox agent run --local` activates
// a simulated Local Agent with the organization's code and enrolls its computer's USB-attached printers
// (agentType "local" and the computer's name in `printers list --json`, counts in `agents local list`);
// deactivating keeps them enrolled but not communicating, deleting takes them with it, and an agent that
// enrolled MPS Express printers can be neither (001).
import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'

import AgentsLocalDeactivate from '../../src/commands/agents/local/deactivate.js'
import AgentsLocalDelete from '../../src/commands/agents/local/delete.js'
import AgentsLocalList from '../../src/commands/agents/local/list.js'
import PrintersList from '../../src/commands/printers/list.js'
import SandboxAgentRun from '../../src/commands/sandbox/agent/run.js'
import {ROUTES, type CloudClient, type EnrolledPrinter, type LocalAgent} from '../../src/lib/cloud/index.js'
import type {LocalAgentRunResult} from '../../src/lib/sandbox/agent.js'
import {tempDir} from '../helpers/cli.js'
import {SUPPLIES_CONTACT} from '../helpers/cli.js'
import {runInProcess, sandboxForCommands} from '../helpers/inprocess.js'

const dataDir = tempDir()
let sandbox: Awaited<ReturnType<typeof sandboxForCommands>>['sandbox']
let client: CloudClient
let child: {id: string; name: string}
let env: NodeJS.ProcessEnv
let code: string

const json = <T>(r: {stdout: string}) => JSON.parse(r.stdout) as T
const run = (hostname: string, printers: number) =>
  runInProcess(
    SandboxAgentRun,
    ['--local', '--code', code, '--hostname', hostname, '--usb-printers', String(printers), '--once', '--data', dataDir, '--json'],
    {env},
  )
const printers = async () => json<EnrolledPrinter[]>(await runInProcess(PrintersList, ['--json'], {env}))
const agents = async () => json<LocalAgent[]>(await runInProcess(AgentsLocalList, ['--json'], {env}))
const report = (token: string, body: unknown) =>
  fetch(sandbox.info.apiUrl + ROUTES.localAgentReport.path, {
    body: JSON.stringify(body),
    headers: {Authorization: `Bearer ${token}`, 'Content-Type': 'application/json'},
    method: 'POST',
  })

before(async () => {
  const sb = await sandboxForCommands(dataDir)
  ;({client, sandbox} = sb)
  child = sb.info.children[0]
  env = {...sb.env, LCS_ORG: child.id}
  code = (await client.localAgents.generateCode(child.id, 10)).code
})
after(() => sandbox.stop())

test('a simulated Local Agent enrolls its USB printers: agentType local and the computer in printers list, counts in agents local list', async () => {
  const bad = await runInProcess(SandboxAgentRun, ['--code', code, '--hostname', 'FRONTDESK-PC', '--data', dataDir], {env})
  assert.equal(bad.code, 2)
  assert.match(bad.stderr, /--hostname and --usb-printers are for a Local Agent: add --local/)

  const front = await run('FRONTDESK-PC', 3)
  assert.equal(front.code, 0, front.stderr)
  const r = json<LocalAgentRunResult>(front)
  assert.equal(r.enrolled.length, 3)
  assert.match(front.stdout, /^\{/, '--json: the result only')
  const rows = (await printers()).filter((p) => r.enrolled.includes(p.serialNumber))
  assert.equal(rows.length, 3)
  for (const p of rows) {
    assert.deepEqual([p.agentType, p.agentName, p.address, p.manufacturer], ['local', 'FRONTDESK-PC', null, 'Lexmark'])
    assert.equal(p.communicationStatus, 'Communicating')
  }
  // the same computer reports the same printers: refreshed, not enrolled twice
  const again = await report((await client.localAgents.activate(code, 'FRONTDESK-PC', r.agentId)).token, {
    printers: [{manufacturer: 'Lexmark', modelName: rows[0].modelName, serialNumber: rows[0].serialNumber}],
  })
  assert.deepEqual((await again.json()) as object, {enrolled: [], pollingIntervalMin: 180, refreshed: [rows[0].serialNumber], skipped: []})

  assert.equal((await run('WAREHOUSE-PC', 2)).code, 0)
  const listed = await agents()
  assert.deepEqual(
    listed.map((a) => [a.hostname, a.printers, a.mpsPrinters]),
    [
      ['FRONTDESK-PC', 3, 0],
      ['WAREHOUSE-PC', 2, 0],
    ],
  )
  const table = await runInProcess(AgentsLocalList, [], {env})
  assert.match(table.stdout, /FRONTDESK-PC.*\b3\b/)
})

test('deactivate keeps the printers (Agent not communicating) and the token stops working; bad reports are refused', async () => {
  const kiosk = await client.localAgents.activate(code, 'KIOSK-PC')
  const tooMany = await report(kiosk.token, {
    printers: Array.from({length: 101}, (_, i) => ({modelName: 'B2236dw', serialNumber: `K${i}`})),
  })
  assert.equal(tooMany.status, 422)
  const ok = await report(kiosk.token, {
    printers: [{manufacturer: 'Lexmark', modelName: 'B2236dw', pageCount: 1200, serialNumber: 'KIOSK0001'}],
  })
  assert.deepEqual(((await ok.json()) as {enrolled: string[]}).enrolled, ['KIOSK0001'])
  const off = await runInProcess(AgentsLocalDeactivate, ['KIOSK-PC', '--yes'], {env})
  assert.equal(off.code, 0, off.stderr)
  const row = (await printers()).find((p) => p.serialNumber === 'KIOSK0001')!
  assert.equal(row.communicationStatus, 'Agent not communicating')
  assert.equal((await report(kiosk.token, {printers: []})).status, 401)
})

test('deleting a Local Agent deletes its printers; one that enrolled MPS Express printers can be neither deleted nor deactivated', async () => {
  const [front, warehouse] = await agents()
  const warehousePrinters = (await printers()).filter((p) => p.agentName === 'WAREHOUSE-PC').map((p) => p.serialNumber)
  assert.equal(warehousePrinters.length, 2)
  const del = await runInProcess(AgentsLocalDelete, [warehouse.id, '--yes'], {env})
  assert.equal(del.code, 0, del.stderr)
  const left = (await printers()).map((p) => p.serialNumber)
  for (const s of warehousePrinters) assert.ok(!left.includes(s), `${s} went with its agent`)

  // one of FRONTDESK-PC's printers into MPS Express
  const serial = (await printers()).find((p) => p.agentName === 'FRONTDESK-PC')!.serialNumber
  await client.mps.entitle(sandbox.info.orgId, child.id)
  await client.mps.assign(child.id, {contact: SUPPLIES_CONTACT}, [serial])
  assert.deepEqual((await client.mps.add(child.id, [serial], true)).added, [serial])
  assert.equal((await agents()).find((a) => a.id === front.id)!.mpsPrinters, 1)
  for (const refused of [
    await runInProcess(AgentsLocalDelete, ['FRONTDESK-PC', '--yes'], {env}),
    await runInProcess(AgentsLocalDeactivate, ['FRONTDESK-PC', '--yes'], {env}),
  ]) {
    assert.equal(refused.code, 9, refused.stdout + refused.stderr) // each agent refused: partial, as for contacts
    assert.match(
      refused.stdout + refused.stderr,
      /cannot be (deleted|deactivated): it enrolled 1 MPS Express or MPS Express \(Pending\) printer/,
    )
  }
  const still = (await agents()).find((a) => a.id === front.id)!
  assert.deepEqual([still.status, still.printers], ['Communicating', 3])
})
