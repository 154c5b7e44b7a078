// The sandbox's deployment routes and engine, in process, with a clock the test moves: resources are
// checked, configurations validated, deployments run firmware → apps → settings and fail
// deterministically, a deployed configuration cannot be edited, a scheduled task whose window passes
// without starting expires, the default configuration follows newly enrolled printers, and a
// configuration copied into a child organization brings its resources along.
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {after, before, test} from 'node:test'

import {CloudClient, FINAL_TASK_STATUSES, type DeployTask} from '../../src/lib/cloud/index.js'
import {LcsError} from '../../src/lib/errors.js'
import {openDb, seed, type Db} from '../../src/lib/sandbox/db.js'
import {DeployEngine} from '../../src/lib/sandbox/deployer.js'
import {seededRandom} from '../../src/lib/sandbox/faults.js'
import {startSandboxServer, type RunningServer} from '../../src/lib/sandbox/server.js'
import type {SeedInfo} from '../../src/lib/sandbox/state.js'
import {tempDir} from '../helpers/cli.js'

let db: Db
let info: SeedInfo
let server: RunningServer
let engine: DeployEngine
let client: CloudClient
let clock = Date.UTC(2026, 10, 22, 9, 0)
const b64 = (f: string) => readFileSync(new URL(`../../fixtures/${f}`, import.meta.url)).toString('base64')

before(async () => {
  db = openDb(tempDir())
  info = seed(db, seededRandom(3))
  engine = new DeployEngine({db, now: () => clock})
  server = await startSandboxServer({db, deploy: engine, port: 0})
  client = new CloudClient({
    credentials: {clientId: info.clientId, clientSecret: info.clientSecret, kind: 'client'},
    endpoints: {apis: server.url, idp: server.url},
    maxRetries: 0,
  })
})
after(async () => {
  await server.close()
  db.close()
})

/** Runs the engine until the task is final (at most `limitMs` of sandbox time). */
async function runUntilDone(orgId: string, taskId: string, limitMs = 60_000): Promise<DeployTask> {
  for (let t = 0; t <= limitMs; t += 100) {
    clock += 100
    engine.tick()
    const task = await client.tasks.get(orgId, taskId)
    if (FINAL_TASK_STATUSES.has(task.status)) return task
  }
  throw new Error('task did not finish')
}

const rejects = (p: Promise<unknown>, kind: string, re: RegExp) =>
  assert.rejects(p, (e: LcsError) => e.kind === kind && re.test(e.message + JSON.stringify(e.details ?? [])))

test('resources: firmware is verified, apps and settings files are checked', async () => {
  const org = info.orgId
  const fw = await client.resources.create(org, {name: 'CS730 special', reference: 'CSTAT.076.308', type: 'firmware'})
  assert.deepEqual(
    [fw.details.build, fw.details.buildType, fw.details.version, fw.details.models],
    ['CSTAT.076.308', 'IEC', '7.6.308', ['CS730de', 'C4150', 'CS720de', 'CS725de', 'CS727de', 'CS728de']],
  )
  await rejects(client.resources.create(org, {name: 'x', reference: 'CSTAT077303', type: 'firmware'}), 'badData', /No firmware found/)
  const byUrl = await client.firmware.verify(fw.details.url!)
  assert.equal(byUrl.build, 'CSTAT.076.308')
  const app = await client.resources.create(org, {
    content: b64('apps/cloud-authentication-5.6.31.fls'),
    fileName: 'cloud-authentication-5.6.31.fls',
    name: 'Cloud Auth',
    type: 'app',
  })
  assert.deepEqual([app.details.name, app.details.version, app.details.minMemoryMb], ['Cloud Authentication', '5.6.31', 3000])
  await rejects(
    client.resources.create(org, {content: b64('apps/truncated.fls'), fileName: 'truncated.fls', name: 'bad', type: 'app'}),
    'badData',
    /Invalid App File/,
  )
  await rejects(
    client.resources.create(org, {content: b64('settings/front-desk.ucf'), fileName: 'front-desk.ucf', name: 'bad', type: 'app'}),
    'badData',
    /not an app file/,
  )
  await rejects(
    client.resources.create(org, {content: b64('apps/front-desk-kiosk-1.2.0.fls'), fileName: 'a.fls', name: 'cloud auth', type: 'app'}),
    'conflict',
    /already has a resource/,
  )
  const ucf = await client.resources.create(org, {
    content: b64('settings/front-desk.ucf'),
    fileName: 'front-desk.ucf',
    name: 'Front desk',
    type: 'ucf',
  })
  assert.equal(ucf.details.settings, 5)
  const zip = await client.resources.create(org, {
    content: b64('settings/security-baseline.zip'),
    fileName: 'security-baseline.zip',
    name: 'Security baseline',
    type: 'bundle',
  })
  assert.equal(zip.details.entries, 2)
})

test('a configuration deploys firmware, then apps, then settings; failures are deterministic; a deployed configuration cannot be edited', async () => {
  const org = info.orgId
  const res = await client.resources.list(org)
  const id = (n: string) => res.find((r) => r.name === n)!.id
  await rejects(client.configs.create(org, {firmware: [id('CS730 special'), id('CS730 special')], name: 'dup'}), 'badData', /listed twice/)
  const latest = await client.resources.create(org, {name: 'CS730 latest', reference: 'CSTAT.251.020', type: 'firmware'})
  await rejects(client.configs.create(org, {firmware: [id('CS730 special'), latest.id], name: 'two'}), 'badData', /one firmware per model/)
  await rejects(client.configs.create(org, {name: 'bad', settings: [id('Cloud Auth')]}), 'badData', /not a settings file/)
  const cfg = await client.configs.create(org, {
    apps: [
      {id: 'cloud-print-management', source: 'catalog'},
      {id: id('Cloud Auth'), source: 'library'},
    ],
    name: 'Standard',
    recommendedFirmware: true,
    settings: [id('Front desk'), id('Security baseline')],
  })
  assert.equal(cfg.deployed, false)
  // the seeded printers of the partner organization: CX735adse (managed by MPS), MS631dw, … and an HP
  const printers = (await client.call<{content: Array<{serialNumber: string; modelName: string}>}>('listPrinters', {params: {orgId: org}}))
    .content
  await rejects(
    client.deployments.create(org, {configurationId: cfg.id, kind: 'deploy-configuration', printers: ['NOPE1234']}),
    'badData',
    /not enrolled/,
  )
  const task = await client.deployments.create(org, {
    configurationId: cfg.id,
    kind: 'deploy-configuration',
    printers: printers.map((p) => p.serialNumber),
  })
  assert.equal(task.status, 'running')
  const done = await runUntilDone(org, task.id)
  assert.equal(done.summary!.total, printers.length)
  for (const p of done.printers!) {
    const model = printers.find((x) => x.serialNumber === p.serialNumber)!.modelName
    const kinds = p.steps.map((s) => s.kind)
    assert.deepEqual(kinds, ['firmware', 'app', 'app', 'settings', 'settings'], 'firmware, then apps, then settings')
    if (model.startsWith('LaserJet') || model.startsWith('AltaLink')) {
      assert.equal(p.status, 'failed')
      assert.match(p.reason!, /unsupported model/)
      assert.deepEqual(
        p.steps.slice(1).map((s) => s.status),
        ['skipped', 'skipped', 'skipped', 'skipped'],
      )
    }
    if (p.status === 'succeeded') assert.equal(p.firmwareAfter, p.steps[0].name)
    if (p.status === 'failed') assert.match(p.reason!, /unsupported model|out of memory/)
  }
  assert.ok(['partial', 'failed'].includes(done.status))
  const listed = (
    await client.call<{content: Array<{serialNumber: string; firmware: string | null}>}>('listPrinters', {params: {orgId: org}})
  ).content
  for (const p of done.printers!.filter((x) => x.firmwareAfter))
    assert.equal(listed.find((l) => l.serialNumber === p.serialNumber)!.firmware, p.firmwareAfter)
  const after = await client.configs.get(org, cfg.id)
  assert.equal(after.deployed, true)
  await rejects(
    client.configs.update(org, cfg.id, {name: 'Standard', recommendedFirmware: false}),
    'conflict',
    /deployed configuration and cannot be modified/,
  )
  await rejects(
    client.resources.update(org, id('Front desk'), {
      content: b64('settings/energy-saver.txt'),
      fileName: 'energy-saver.txt',
      name: 'Front desk',
      type: 'ucf',
    }),
    'conflict',
    /deployed configuration/,
  )
  await rejects(client.resources.delete(org, id('Front desk')), 'conflict', /used by configuration/)
  const status = await client.configs.printers(org, cfg.id)
  assert.equal(status.length, printers.length)
})

test('a scheduled firmware update can be changed until it starts; one whose window passes unstarted expires', async () => {
  const org = info.orgId
  const [printer] = (await client.call<{content: Array<{serialNumber: string}>}>('listPrinters', {params: {orgId: org}})).content
  await rejects(
    client.deployments.create(org, {
      kind: 'update-firmware',
      printers: [printer.serialNumber],
      schedule: {startAt: clock - 1000, timeZone: 'America/New_York', windowMinutes: 60},
    }),
    'badData',
    /in the future/,
  )
  await rejects(
    client.deployments.create(org, {
      kind: 'update-firmware',
      printers: [printer.serialNumber],
      schedule: {startAt: clock + 60_000, timeZone: 'America/New_York', windowMinutes: 0},
    }),
    'badData',
    /window is 0/,
  )
  await rejects(
    client.deployments.create(org, {
      kind: 'update-firmware',
      name: 'x'.repeat(65),
      printers: [printer.serialNumber],
      schedule: {startAt: clock + 60_000, timeZone: 'UTC', windowMinutes: 60},
    }),
    'badData',
    /at most 64/,
  )
  const t = await client.deployments.create(org, {
    kind: 'update-firmware',
    name: 'Night update',
    printers: [printer.serialNumber],
    schedule: {startAt: clock + 3_600_000, timeZone: 'America/New_York', windowMinutes: 90},
  })
  assert.equal(t.status, 'scheduled')
  const changed = await client.tasks.update(org, t.id, {name: 'Weekend update', schedule: {windowMinutes: 120}})
  assert.equal(changed.name, 'Weekend update')
  assert.equal(changed.schedule!.windowMinutes, 120)
  // the sandbox was "off" during the whole window: nothing ticked until after it ended
  clock += 3_600_000 + 121 * 60_000
  engine.tick()
  const expired = await client.tasks.get(org, t.id)
  assert.equal(expired.status, 'expired')
  assert.equal(expired.printers![0].status, 'expired')
  assert.match(expired.printers![0].reason!, /window ended/)
  await rejects(client.tasks.delete(org, t.id), 'conflict', /cannot be changed or deleted once it has started|finished/)
  // a scheduled task that starts in its window runs; a deleted one never does
  const t2 = await client.deployments.create(org, {
    kind: 'update-firmware',
    printers: [printer.serialNumber],
    schedule: {startAt: clock + 1000, timeZone: 'UTC', windowMinutes: 60},
  })
  const t3 = await client.deployments.create(org, {
    kind: 'update-firmware',
    printers: [printer.serialNumber],
    schedule: {startAt: clock + 1000, timeZone: 'UTC', windowMinutes: 60},
  })
  await client.tasks.delete(org, t3.id)
  const ran = await runUntilDone(org, t2.id)
  assert.ok(['succeeded', 'failed'].includes(ran.status), ran.status)
  await rejects(client.tasks.get(org, t3.id), 'notFound', /No task/)
  await rejects(client.tasks.update(org, t2.id, {name: 'late'}), 'conflict', /once it has started/)
})

test('the default configuration is deployed to newly enrolled printers; copy into a child brings the resources', async () => {
  const org = info.orgId
  const cfgs = await client.configs.list(org)
  const std = cfgs.find((c) => c.name === 'Standard')!
  const mine = await client.configs.copy(org, std.id, 'Standard v2')
  assert.equal(mine.deployed, false)
  await client.configs.setDefault(org, mine.id)
  const code = await client.call<{code: string}>('enrollmentCode', {params: {orgId: org}})
  const reg = await fetch(`${server.url}/cfm/fleet-management-service/v1.0/registrations`, {
    body: JSON.stringify({
      agent: 'native',
      code: code.code,
      firmware: 'CXTPC.081.220',
      manufacturer: 'Lexmark',
      modelName: 'CX735adse',
      serialNumber: '7530NEW0001',
    }),
    headers: {'Content-Type': 'application/json'},
    method: 'POST',
  })
  assert.equal(reg.status, 201)
  clock += 100
  engine.tick()
  const tasks: DeployTask[] = []
  for await (const t of client.tasks.list(org, {kind: 'deploy-configuration'})) tasks.push(t)
  const auto = tasks.find((t) => t.configurationId === mine.id)!
  assert.match(auto.name!, /Default configuration "Standard v2"/)
  const done = await runUntilDone(org, auto.id)
  assert.equal(done.printers![0].serialNumber, '7530NEW0001')
  assert.equal((await client.configs.get(org, mine.id)).deployed, true)
  // into a child organization (partner), with its library resources copied along
  const child = info.children[0].id
  const copy = await client.configs.copy(org, std.id, 'Standard', {targetOrgId: child})
  assert.equal(copy.organizationId, child)
  const childRes = await client.resources.list(child)
  assert.deepEqual(childRes.map((r) => r.name).sort(), ['Cloud Auth', 'Front desk', 'Security baseline'])
  assert.ok(copy.apps.every((a) => a.source === 'catalog' || childRes.some((r) => r.id === a.id)))
})
