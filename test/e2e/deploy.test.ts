// Deployment end to end: simulated printers enrolled with `lcs printers enroll`, then resources,
// configurations, `configs deploy --wait`, `deploy files`, `firmware update` (now and scheduled) and
// `tasks`, spawned as a user runs them. After a firmware deployment the printers report the new firmware
// over SNMP (`lcs printers discover`).
import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'

import {isolatedEnv, run, startSandbox, stopSandbox, type SandboxJson} from '../helpers/cli.js'

interface TaskPrinter {
  serialNumber: string
  modelName: string
  status: string
  reason: string | null
  firmwareAfter: string | null
  steps: Array<{kind: string; name: string; status: string}>
}
interface Task {
  id: string
  status: string
  kind: string
  name: string
  summary: {total: number; succeeded: number; failed: number; expired: number}
  printers?: TaskPrinter[]
  schedule: {startAt: string; timeZone: string; windowMinutes: number} | null
}

const SNMP = 24_000 + (process.pid % 9000)
const EWS = SNMP + 1
const SUBNET = '127.28.0.0/24'
let sb: SandboxJson
let env: NodeJS.ProcessEnv
const fx = (f: string) => new URL(`../../fixtures/${f}`, import.meta.url).pathname
const POLL = ['--poll-interval', '300']
const lcs = (args: string[], input?: string) => run(args, {env, input, timeoutMs: 90_000})
const json = async <T>(args: string[], code = 0): Promise<T> => {
  const r = await lcs([...args, '--json'])
  assert.equal(r.code, code, `lcs ${args.join(' ')}: ${r.stderr}`)
  return JSON.parse(r.stdout) as T
}

before(async () => {
  sb = await startSandbox([
    '--printers',
    '16',
    '--subnet',
    SUBNET,
    '--snmp-port',
    String(SNMP),
    '--ews-port',
    String(EWS),
    '--no-mdns',
    '--seed',
    '7',
  ])
  env = isolatedEnv({LCS_API_URL: sb.apiUrl, LCS_CLIENT_ID: sb.clientId, LCS_CLIENT_SECRET: sb.clientSecret})
  const r = await lcs(
    [
      'printers',
      'enroll',
      SUBNET,
      '--all-eligible',
      '--snmp-port',
      String(SNMP),
      '--snmp-timeout',
      '1',
      '--ews-port',
      String(EWS),
      '--ews-user',
      'admin',
      '--ews-password-stdin',
      '--json',
    ],
    'sandbox-ews',
  )
  assert.equal(r.code, 0, r.stderr)
})
after(() => stopSandbox(sb))

test("resources: firmware verified, apps described, invalid files refused with the portal's words", async () => {
  const fw = await json<{details: {build: string; version: string; models: string[]}}>([
    'resources',
    'upload',
    'CSTAT.076.308',
    '--type',
    'firmware',
  ])
  assert.deepEqual(
    [fw.details.build, fw.details.version, fw.details.models],
    ['CSTAT.076.308', '7.6.308', ['CS730de', 'C4150', 'CS720de', 'CS725de', 'CS727de', 'CS728de']],
  )
  const unknown = await lcs(['resources', 'upload', 'CSTAT.077.303', '--type', 'firmware'])
  assert.equal(unknown.code, 7)
  assert.match(unknown.stderr, /No firmware found/)
  const app = await lcs(['resources', 'upload', fx('apps/cloud-authentication-5.6.31.fls')])
  assert.equal(app.code, 0, app.stderr)
  assert.match(app.stdout, /Application name\s+Cloud Authentication/)
  assert.match(app.stdout, /Minimum RAM required 2\.9 GB/)
  assert.match(app.stdout, /Models supported\s+Lexmark \(21\): CS632, CS730/)
  const invalid = await lcs(['resources', 'upload', fx('apps/truncated.fls'), '--type', 'app'])
  assert.equal(invalid.code, 7)
  assert.match(invalid.stderr, /Invalid App File/)
  assert.equal((await lcs(['resources', 'upload', fx('settings/front-desk.ucf'), '--name', 'Front desk'])).code, 0)
  assert.equal((await lcs(['resources', 'upload', fx('settings/security-baseline.zip')])).code, 0)
  const dup = await lcs(['resources', 'upload', fx('settings/energy-saver.txt'), '--name', 'front desk'])
  assert.equal(dup.code, 6)
  const list = await json<Array<{name: string; type: string}>>(['resources', 'list'])
  assert.deepEqual(list.map((r) => `${r.type}:${r.name}`).sort(), [
    'app:Cloud Authentication 5.6.31',
    'bundle:security-baseline',
    'firmware:CSTAT.076.308',
    'ucf:Front desk',
  ])
})

test('configs deploy --all --wait: firmware, then apps, then settings; a final status for every printer, exit 9 on failures; SNMP shows the new firmware', async () => {
  const bad = await lcs(['configs', 'create', 'Bad', '--firmware', 'Nope', '--app', 'Front desk'])
  assert.equal(bad.code, 7)
  assert.match(bad.stderr, /unknown resource "Nope"[\s\S]*"Front desk" is a UCF resource, not an app/)
  const cfg = await json<{name: string; deployed: boolean}>([
    'configs',
    'create',
    'Retail standard',
    '--recommended-firmware',
    '--app',
    'Cloud Print Management',
    '--app',
    'Cloud Authentication 5.6.31',
    '--settings',
    'Front desk',
    '--settings',
    'security-baseline',
  ])
  assert.equal(cfg.deployed, false)
  const printers = await json<Array<{serialNumber: string}>>(['printers', 'list'])
  const r = await lcs(['configs', 'deploy', 'Retail standard', '--all', '--wait', '--json', ...POLL])
  const task = JSON.parse(r.stdout) as Task
  assert.equal(task.printers!.length, printers.length)
  assert.ok(
    task.printers!.every((p) => ['succeeded', 'failed'].includes(p.status)),
    'a final status for every printer',
  )
  assert.ok(task.summary.failed > 0 && task.summary.succeeded > 0, JSON.stringify(task.summary))
  assert.equal(r.code, 9)
  for (const p of task.printers!) {
    assert.deepEqual(
      p.steps.map((s) => s.kind),
      ['firmware', 'app', 'app', 'settings', 'settings'],
    )
    if (p.status === 'failed') assert.match(p.reason!, /out of memory|unsupported model/)
  }
  assert.match(r.stderr, /FAILED: .*(out of memory|unsupported model)/, 'per-printer progress on stderr')
  const discovered = await json<Array<{serialNumber: string; firmware: string}>>([
    'printers',
    'discover',
    SUBNET,
    '--snmp-port',
    String(SNMP),
    '--timeout',
    '1',
  ])
  const updated = task.printers!.filter((p) => p.firmwareAfter)
  assert.ok(updated.length > 0)
  for (const p of updated) {
    const d = discovered.find((x) => x.serialNumber === p.serialNumber)
    if (d) assert.equal(d.firmware, p.firmwareAfter, `${p.serialNumber} reports its new firmware over SNMP`)
  }
  assert.ok(updated.filter((p) => discovered.some((x) => x.serialNumber === p.serialNumber)).length > 0)
})

test('a deployed configuration cannot be edited: the message says so and suggests copy; copy, default, show', async () => {
  const edit = await lcs(['configs', 'update', 'Retail standard', '--description', 'changed'])
  assert.equal(edit.code, 6)
  assert.match(edit.stderr, /deployed configuration and cannot be modified/)
  assert.match(edit.stderr, /lcs configs copy "Retail standard" "Retail standard v2"/)
  const copy = await json<{name: string; deployed: boolean}>(['configs', 'copy', 'Retail standard', 'Retail standard v2'])
  assert.equal(copy.deployed, false)
  const edited = await json<{description: string; apps: unknown[]}>([
    'configs',
    'update',
    'Retail standard v2',
    '--description',
    'All stores',
    '--app',
    'Customer Support',
  ])
  assert.equal(edited.description, 'All stores')
  assert.equal(edited.apps.length, 1)
  await json(['configs', 'default', 'set', 'Retail standard v2'])
  const list = await json<Array<{name: string; isDefault: boolean; deployed: boolean}>>(['configs', 'list'])
  assert.deepEqual(
    list.map((c) => [c.name, c.isDefault, c.deployed]),
    [
      ['Retail standard', false, true],
      ['Retail standard v2', true, false],
    ],
  )
  const child = await json<{organizationId: string}>([
    'configs',
    'copy',
    'Retail standard',
    'Retail standard',
    '--to-org',
    'Contoso Retail',
  ])
  assert.notEqual(child.organizationId, sb.orgId)
  const show = await json<{printers: Array<{status: string}>}>(['configs', 'show', 'Retail standard'])
  assert.ok(show.printers.length > 0)
  await json(['configs', 'default', 'unset'])
  assert.equal((await lcs(['configs', 'delete', 'Retail standard v2'])).code, 2, 'destructive without --yes and without a terminal')
  await json(['configs', 'delete', 'Retail standard v2', '--yes'])
})

test('deploy files once; tasks list, show and watch', async () => {
  const printers = await json<Array<{serialNumber: string; modelName: string}>>(['printers', 'list'])
  const target = printers.find((p) => /^CX735|^CX943|^MX622|^CS730/.test(p.modelName)) ?? printers[0]
  const bad = await lcs(['deploy', 'files', fx('apps/truncated.fls'), '--printers', target.serialNumber])
  assert.equal(bad.code, 7)
  const r = await lcs([
    'deploy',
    'files',
    fx('apps/front-desk-kiosk-1.3.0.fls'),
    fx('settings/energy-saver.txt'),
    '--printers',
    target.serialNumber,
    '--wait',
    '--json',
    ...POLL,
  ])
  const t = JSON.parse(r.stdout) as Task
  assert.equal(t.kind, 'deploy-files')
  assert.deepEqual(
    t.printers![0].steps.map((s) => `${s.kind}:${s.name}`),
    ['app:Front Desk Kiosk', 'settings:energy-saver.txt'],
  )
  const tasks = await json<Task[]>(['tasks', 'list', '--kind', 'deploy-files'])
  assert.equal(tasks[0].id, t.id)
  const shown = await lcs(['tasks', 'show', t.id])
  assert.match(shown.stdout, new RegExp(`${target.serialNumber}`))
  const watched = await lcs(['tasks', 'watch', t.id, '--json', ...POLL])
  assert.equal(watched.code, t.status === 'succeeded' ? 0 : 9)
  assert.equal((JSON.parse(watched.stdout) as Task).id, t.id)
})

test('firmware update: checked before anything is scheduled; a scheduled task can be listed, changed and deleted until it starts', async () => {
  const before = (await json<Task[]>(['tasks', 'list'])).length
  const refusals: Array<[string[], RegExp]> = [
    [['--at', '2020-01-01 10:00', '--tz', 'America/New_York'], /is in the past/],
    [
      ['--at', '2031-01-01 10:00', '--tz', 'America/New_Yrok'],
      /Unknown time zone "America\/New_Yrok" \(did you mean America\/New_York\?\)/,
    ],
    [['--at', '2031-01-01 10:00', '--window', '0'], /window is 0/],
    [['--at', '2031-01-01 10:00', '--name', 'x'.repeat(65)], /at most 64/],
  ]
  for (const [args, re] of refusals) {
    const r = await lcs(['firmware', 'update', '--all', ...args])
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, re)
  }
  const notEnrolled = await lcs(['firmware', 'update', '--printers', 'NOTHERE123', '--now'])
  assert.equal(notEnrolled.code, 3)
  assert.match(notEnrolled.stderr, /Not enrolled in this organization: NOTHERE123\. Nothing was deployed/)
  assert.equal((await json<Task[]>(['tasks', 'list'])).length, before, 'nothing was created')
  const t = await json<Task>([
    'firmware',
    'update',
    '--all',
    '--at',
    '2031-12-01 22:00',
    '--tz',
    'America/New_York',
    '--window',
    '2h30m',
    '--name',
    'Night update',
  ])
  assert.equal(t.status, 'scheduled')
  assert.equal(t.schedule!.startAt, new Date(Date.UTC(2031, 11, 2, 3, 0)).toISOString())
  assert.equal(t.schedule!.windowMinutes, 150)
  const listed = await json<Task[]>(['firmware', 'schedule', 'list'])
  assert.deepEqual(
    listed.map((x) => x.name),
    ['Night update'],
  )
  const changed = await json<Task>([
    'firmware',
    'schedule',
    'change',
    'Night update',
    '--tz',
    'Europe/Paris',
    '--window',
    '3h',
    '--name',
    'Night update (Paris)',
  ])
  assert.equal(changed.schedule!.startAt, new Date(Date.UTC(2031, 11, 1, 21, 0)).toISOString())
  assert.equal(changed.name, 'Night update (Paris)')
  await json(['firmware', 'schedule', 'delete', 'Night update (Paris)', '--yes'])
  assert.deepEqual(await json<Task[]>(['firmware', 'schedule', 'list']), [])
  const now = await lcs(['firmware', 'update', '--all', '--now', '--wait', '--json', ...POLL])
  const done = JSON.parse(now.stdout) as Task
  assert.ok(done.printers!.every((p) => ['succeeded', 'failed'].includes(p.status)))
  assert.equal(now.code, done.summary.failed ? 9 : 0)
})
