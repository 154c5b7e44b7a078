// Roles end to end: the seeded technician has no fleet roles, so enrolling is a permission denied naming
// the roles and the command that grants them (exit 5); after `lcs users roles assign` the same enroll works.
// The catalog, the 403 lines and an unknown role are checked in-process (test/inprocess/roles.test.ts).
import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'

import {isolatedEnv, run, runJson, startSandbox, stopSandbox, type SandboxJson} from '../helpers/cli.js'

interface Sim {
  address: string
  ews: {secured: boolean; capability: string} | null
}

const SNMP = 31_000 + (process.pid % 9000)
const EWS = SNMP + 1
let sb: SandboxJson & {printers: Sim[]; technicianEmail: string; technicianPassword: string}
let admin: NodeJS.ProcessEnv
let tech: NodeJS.ProcessEnv

before(async () => {
  sb = (await startSandbox([
    '--printers',
    '6',
    '--subnet',
    '127.37.0.0/28',
    '--snmp-port',
    String(SNMP),
    '--ews-port',
    String(EWS),
    '--no-mdns',
    '--seed',
    '5',
  ])) as typeof sb
  admin = isolatedEnv({LCS_API_URL: sb.apiUrl, LCS_CLIENT_ID: sb.clientId, LCS_CLIENT_SECRET: sb.clientSecret})
  tech = isolatedEnv()
  const login = await run(['login', '--api-url', sb.apiUrl, '--email', sb.technicianEmail, '--password-stdin'], {
    env: tech,
    input: sb.technicianPassword,
  })
  assert.equal(login.code, 0, login.stderr)
})
after(() => stopSandbox(sb))

const enroll = (address: string) =>
  run(
    [
      'printers',
      'enroll',
      address,
      '--all-eligible',
      '--ews-user',
      'admin',
      '--ews-password-stdin',
      '--snmp-port',
      String(SNMP),
      '--snmp-timeout',
      '1',
      '--ews-port',
      String(EWS),
      '--timeout',
      '60',
      '--json',
    ],
    {env: tech, input: 'sandbox-ews', timeoutMs: 120_000},
  )

test('the seeded technician gets one line naming the missing roles on printers enroll (exit 5); after roles assign it works', async () => {
  const printer = sb.printers.find((p) => p.ews && p.ews.capability !== 'none')!
  const denied = await enroll(printer.address)
  assert.equal(denied.code, 5, denied.stderr)
  assert.match(denied.stderr, /Fleet Management Administrator and File Service Administrator/)
  assert.match(denied.stderr, /lcs users roles assign EMAIL "Fleet Management Administrator" "File Service Administrator"/)

  const assign = await runJson(
    ['users', 'roles', 'assign', sb.technicianEmail, 'fleet management administrator', 'File Service Administrator'],
    admin,
  )
  assert.equal(assign.code, 0, assign.stderr)
  assert.deepEqual(assign.body.assigned, ['Fleet Management Administrator', 'File Service Administrator'])
  const again = await runJson(['users', 'roles', 'assign', sb.technicianEmail, 'File Service Administrator'], admin)
  assert.deepEqual(again.body.assigned, [], 'assigning a held role is unchanged')

  const ok = await enroll(printer.address)
  assert.equal(ok.code, 0, ok.stderr)
  assert.equal(JSON.parse(ok.stdout)[0].result, 'enrolled')

  const remove = await runJson(['users', 'roles', 'remove', sb.technicianEmail, 'File Service Administrator'], admin)
  assert.deepEqual(remove.body.removed, ['File Service Administrator'])
  const deniedAgain = await enroll(sb.printers.filter((p) => p.ews && p.ews.capability !== 'none')[1].address)
  assert.equal(deniedAgain.code, 5)
  assert.match(deniedAgain.stderr, /missing the role File Service Administrator\./)
})

test('group and organization roles reach the user; users show names each source', async () => {
  await run(['users', 'create', 'ops@northwind.example', '--groups', 'Ops'], {env: admin})
  const g = await runJson(['groups', 'roles', 'assign', 'ops', 'Fleet Management Reporting Analyst'], admin)
  assert.equal(g.code, 0, g.stderr)
  assert.equal(g.body.group, 'Ops')
  const o = await runJson(['orgs', 'roles', 'assign', 'Print Release Management User'], admin)
  assert.equal(o.code, 0, o.stderr)
  const show = await run(['users', 'show', 'ops@northwind.example'], {env: admin})
  assert.equal(show.code, 0, show.stderr)
  assert.match(show.stdout, /User Roles: 0, Group Roles: 1, Organization Roles: 1/)
  assert.match(show.stdout, /Fleet Management Reporting Analyst +from group Ops/)
  assert.match(show.stdout, /Print Release Management User +from organization/)
  const removed = await runJson(['orgs', 'roles', 'remove', 'Print Release Management User'], admin)
  assert.deepEqual(removed.body.roles, [])
})
