// The Fleet Agent flow as a new user runs it in the sandbox: discover → save → create a Fleet Agent from
// the saved discovery → activation code → the simulated agent enrolls the "Fleet Agent only" printers.
import assert from 'node:assert/strict'
import {readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, test} from 'node:test'

import {openDb} from '../../src/lib/sandbox/db.js'
import {run, runJson, sandboxEnv, startSandbox, stopSandbox, tempDir, type SandboxJson} from '../helpers/cli.js'

const PORT = 22_000 + (process.pid % 9000)
let sb: SandboxJson
let env: NodeJS.ProcessEnv
before(async () => {
  sb = await startSandbox(['--printers', '60', '--subnet', '127.25.0.0/24', '--snmp-port', String(PORT), '--no-mdns', '--seed', '5'])
  env = sandboxEnv(sb)
})
after(() => stopSandbox(sb))

interface Found {
  address: string
  serialNumber: string
  agentType: string
}
interface Listed {
  serialNumber: string
  agentType: string
  agent: string
}

test('discover → create --from → activation code → agent run --once enrolls the Fleet Agent only printers', async () => {
  const saved = join(tempDir(), 'discovery.json')
  const d = await run(
    ['printers', 'discover', '127.25.0.0/24', '--snmp-port', String(PORT), '--timeout', '1', '--no-mdns', '--save', saved, '--json'],
    {env, timeoutMs: 120_000},
  )
  assert.equal(d.code, 0, d.stderr)
  const fleetOnly = (JSON.parse(d.stdout) as Found[]).filter((p) => p.agentType === 'fleet')
  assert.ok(fleetOnly.length > 0, 'the sandbox has third-party printers')
  assert.ok(
    d.stderr.includes(
      `${fleetOnly.length} printers are "Fleet Agent only": create a Fleet Agent for them with \`lcs agents fleet create --name NAME --from ${saved}\`.`,
    ),
    d.stderr,
  )

  const created = await runJson(['agents', 'fleet', 'create', '--name', 'Site 1 agent', '--from', saved], env)
  assert.equal(created.code, 0, created.stderr)
  assert.equal(typeof created.body.id, 'string')
  assert.equal(created.body.definition.discovery.include.length, fleetOnly.length)
  assert.ok(!created.stdout.includes('"public"'), 'the community is never printed')

  const code = await runJson(['agents', 'fleet', 'activation-code', created.body.id], env)
  assert.equal(code.code, 0, code.stderr)
  assert.ok(Date.parse(code.body.expiresAt) - Date.now() > 71 * 3_600_000, code.body.expiresAt)

  const agent = await run(['sandbox', 'agent', 'run', '--code', code.body.code, '--once', '--data', sb.dataDir, '--json'], {
    env,
    timeoutMs: 180_000,
  })
  assert.equal(agent.code, 0, agent.stderr)
  assert.equal(JSON.parse(agent.stdout).cycles[0].enrolled.length, fleetOnly.length)

  const listed = await runJson(['printers', 'list'], env)
  const viaFleet = (listed.body as Listed[])
    .filter((p) => p.agentType === 'fleet')
    .map((p) => p.serialNumber)
    .sort()
  assert.deepEqual(viaFleet, fleetOnly.map((p) => p.serialNumber).sort())
  const assets = await runJson(['printers', 'list', '--integration'], env)
  const counted = (assets.body as Array<{serialNumber: string; counters?: {lifetimeCount?: number}}>).filter((a) =>
    viaFleet.includes(a.serialNumber),
  )
  assert.ok(
    counted.every((a) => typeof a.counters?.lifetimeCount === 'number'),
    'the agent reported page counts',
  )

  const shown = await runJson(['agents', 'fleet', 'show', 'Site 1 agent'], env)
  assert.equal(shown.body.status, 'Communicating')
  assert.equal(shown.body.printers, fleetOnly.length)

  // the code is used up: a clear line, exit 6, nothing changed
  const again = await run(['sandbox', 'agent', 'run', '--code', code.body.code, '--once', '--data', sb.dataDir], {env, timeoutMs: 60_000})
  assert.equal(again.code, 6, again.stderr)
  assert.match(again.stderr, /already used/)

  // a second agent over the same addresses: created with the guide's warning naming both
  const second = await run(['agents', 'fleet', 'create', '--name', 'Site 1 copy', '--from', saved, '--json'], {env, timeoutMs: 60_000})
  assert.equal(second.code, 0, second.stderr)
  assert.match(second.stderr, /"Site 1 copy" overlap those of "Site 1 agent"/)
})

test('edit, MIB-walk log, printer statuses, deactivate/restore, and the MPS Express rule, as commands', async () => {
  const agentRun = (code: string) =>
    run(['sandbox', 'agent', 'run', '--code', code, '--once', '--data', sb.dataDir, '--json'], {env, timeoutMs: 180_000})
  const code = async () => (await runJson(['agents', 'fleet', 'activation-code', 'Site 1 agent'], env)).body.code as string
  const edited = await runJson(['agents', 'fleet', 'update', 'Site 1 agent', '--description', 'Floors 1–3'], env)
  assert.equal(edited.code, 0, edited.stderr)
  assert.equal(edited.body.definition.description, 'Floors 1–3')
  assert.equal(edited.body.printers > 0, true, 'an edit that keeps the profiles keeps the printers')

  // the exported definition (secrets "(set)") goes back in as an update
  const file = join(tempDir(), 'agent.json')
  assert.equal((await run(['agents', 'fleet', 'show', 'Site 1 agent', '--export', file], {env})).code, 0)
  assert.equal(statSync(file).mode & 0o777, 0o600)
  assert.match(readFileSync(file, 'utf8'), /"community": "\(set\)"/)
  const reimported = await runJson(['agents', 'fleet', 'update', 'Site 1 agent', '--definition', file], env)
  assert.equal(reimported.code, 0, reimported.stderr)

  const viaFleet = (await runJson(['printers', 'list', '--status', 'Communicating'], env)).body as Array<Listed & {address: string}>
  const first = viaFleet.find((p) => p.agentType === 'fleet')!
  const req = await runJson(['agents', 'fleet', 'log', 'request', 'Site 1 agent', first.address], env)
  assert.equal(req.code, 0, req.stderr)
  assert.equal(req.body.status, 'queued')
  const none = await run(['agents', 'fleet', 'log', 'download', 'Site 1 agent'], {env})
  assert.equal(none.code, 3, none.stderr)
  assert.equal((await agentRun(await code())).code, 0)
  const log = join(tempDir(), 'walk.txt')
  const got = await run(['agents', 'fleet', 'log', 'download', 'Site 1 agent', '--address', first.address, '--output', log], {env})
  assert.equal(got.code, 0, got.stderr)
  assert.match(readFileSync(log, 'utf8'), /^1\.3\.6\.1\.2\.1\.1\.1\.0 = /m)

  const badStatus = await run(['printers', 'list', '--status', 'communicating'], {env})
  assert.equal(badStatus.code, 2, badStatus.stderr)
  const needs = (await runJson(['printers', 'list', '--status', 'Agent needs credentials'], env)).body as Listed[]
  assert.equal(needs.length, 1, 'the seeded printer whose credentials were set after enrollment')
  const apply = (pw: string) => run(['printers', 'apply-credentials', '--user', 'admin', '--password-stdin'], {env, input: pw})
  const wrong = await apply('not-it')
  assert.equal(wrong.code, 9, wrong.stderr)
  assert.match(wrong.stdout, new RegExp(`^${needs[0].serialNumber}: refused \\(the printer refused the credentials\\)$`, 'm'))
  assert.ok(!wrong.stdout.includes('not-it') && !wrong.stderr.includes('not-it'), 'the password is never printed')
  const right = await apply('sandbox-ews')
  assert.equal(right.code, 0, right.stderr)
  assert.match(right.stdout, new RegExp(`^${needs[0].serialNumber}: applied$`, 'm'))
  const refreshed = await run(['printers', 'refresh', needs[0].serialNumber, first.serialNumber], {env})
  assert.equal(refreshed.code, 0, refreshed.stderr)
  assert.match(refreshed.stdout, new RegExp(`^${first.serialNumber}: queued`, 'm'))

  // an agent that enrolled an MPS Express printer: refused in one line, exit 9, nothing changed
  const serial = first.serialNumber
  const setMps = (status: string) => {
    const db = openDb(sb.dataDir)
    db.prepare('UPDATE enrollments SET mps_status = ? WHERE serial = ?').run(status, serial)
    db.close()
  }
  setMps('managed')
  for (const verb of ['deactivate', 'delete']) {
    const r = await run(['agents', 'fleet', verb, 'Site 1 agent', '--yes'], {env})
    assert.equal(r.code, 9, r.stderr)
    assert.match(
      r.stdout,
      /^Site 1 agent: it enrolled 1 MPS Express .*you cannot delete or deactivate agents that have enrolled these printers/m,
    )
  }
  setMps('none')

  const off = await runJson(['agents', 'fleet', 'deactivate', 'Site 1 agent', '--yes'], env)
  assert.equal(off.code, 0, off.stderr)
  const after = (await runJson(['printers', 'list'], env)).body as Listed[]
  assert.ok(!after.some((p) => p.serialNumber === serial), 'its printers left the Printers page')
  const restore = await runJson(['agents', 'fleet', 'restore', 'Site 1 agent'], env)
  assert.equal(restore.code, 0, restore.stderr)
  assert.equal((await agentRun(restore.body.code)).code, 0)
  assert.ok(
    ((await runJson(['printers', 'list'], env)).body as Listed[]).some((p) => p.serialNumber === serial),
    'restored',
  )
  const again = await run(['agents', 'fleet', 'restore', 'Site 1 agent'], {env})
  assert.equal(again.code, 6, again.stderr)
  assert.match(again.stderr, /is not deactivated \(Communicating\)/)
})

test("a definition outside the guide's ranges is refused with the field and rule, nothing created", async () => {
  const file = join(tempDir(), 'bad.json')
  const {writeFileSync} = await import('node:fs')
  writeFileSync(
    file,
    JSON.stringify({
      discovery: {exclude: [], include: [], searchType: 'local', transferManagement: false},
      logLevel: 'detailed',
      name: 'Bad',
      networkDelayMs: 0,
      schedule: {discovery: {interval: 'none'}, refresh: '1h'},
      snmpProfiles: [{community: 'x', name: 'Default', retries: 21, timeoutSec: 61, version: 'v1'}],
    }),
  )
  const r = await run(['agents', 'fleet', 'create', '--definition', file], {env})
  assert.equal(r.code, 7, r.stderr)
  assert.match(r.stderr, /timeoutSec: Discovery timeout range: 1 - 60 seconds/)
  assert.match(r.stderr, /retries: Number of retries range: 0 - 20 retries/)
  const list = await runJson(['agents', 'fleet', 'list'], env)
  assert.ok(!(list.body as Array<{name: string}>).some((a) => a.name === 'Bad'))
})
