// Roles, run in-process against an in-process sandbox (formerly spawned end-to-end): the catalog, the
// one 403 line naming the missing roles and the command that grants them (exit 5), and an unknown role.
// test/e2e/roles.test.ts keeps the binary's part: enroll denied, roles assigned, the same enroll works.
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, test} from 'node:test'

import Login from '../../src/commands/login.js'
import PrintersEnroll from '../../src/commands/printers/enroll.js'
import RolesList from '../../src/commands/roles/list.js'
import UsersList from '../../src/commands/users/list.js'
import UsersRolesAssign from '../../src/commands/users/roles/assign.js'
import UsersRolesShow from '../../src/commands/users/roles/show.js'
import {runSandbox} from '../../src/lib/sandbox/daemon.js'
import {isolatedEnv, tempDir} from '../helpers/cli.js'
import {runInProcess} from '../helpers/inprocess.js'
import {answering, type Choice} from '../helpers/prompter.js'

let sandbox: Awaited<ReturnType<typeof runSandbox>>
let admin: NodeJS.ProcessEnv
const tech = isolatedEnv()
before(async () => {
  sandbox = await runSandbox({dataDir: tempDir('lcs-sbx-'), port: 0})
  const {apiUrl, clientId, clientSecret, technicianEmail, technicianPassword} = sandbox.info
  admin = isolatedEnv({LCS_API_URL: apiUrl, LCS_CLIENT_ID: clientId, LCS_CLIENT_SECRET: clientSecret})
  const login = await runInProcess(Login, ['--api-url', apiUrl, '--email', technicianEmail!, '--insecure-storage'], {
    env: tech,
    factory: {prompter: answering(technicianPassword, (choices: Choice[]) => choices[0].value)}, // the token's own organization is offered first
  })
  assert.equal(login.code, 0, login.stderr)
})
after(() => sandbox.stop())

test('roles list: every role grouped with its meaning; --json items carry name', async () => {
  const r = await runInProcess(RolesList, ['--json'], {env: admin})
  assert.equal(r.code, 0, r.stderr)
  const names = (JSON.parse(r.stdout) as Array<{name: string}>).map((x) => x.name)
  for (const n of [
    'Organization Administrator',
    'User Administrator',
    'Fleet Management Administrator',
    'File Service Administrator',
    'Partner Administrator',
    'Print Release Management User',
  ])
    assert.ok(names.includes(n), n)
  const text = await runInProcess(RolesList, [], {env: admin})
  assert.match(text.stdout, /^Fleet management\n {2}Fleet Management Administrator/m)
})

test('the technician: one line naming the missing roles and how to grant them (exit 5)', async () => {
  const file = join(tempDir(), 'discovery.json')
  writeFileSync(file, JSON.stringify({printers: [], version: 1}))
  const denied = await runInProcess(PrintersEnroll, ['--from', file, '--all-eligible'], {env: tech})
  assert.equal(denied.code, 5, denied.stderr)
  assert.match(denied.stderr, /Fleet Management Administrator and File Service Administrator/)
  assert.match(denied.stderr, /lcs users roles assign EMAIL "Fleet Management Administrator" "File Service Administrator"/)
  // the user directory is for user administrators, not for a technician
  const dir = await runInProcess(UsersList, [], {env: tech})
  assert.equal(dir.code, 5)
  assert.match(dir.stderr, /Organization Administrator or User Administrator/)
  assert.equal(dir.stdout, '', 'nothing on stdout')
})

test('an unknown role is a usage error with a did-you-mean, and nothing changes', async () => {
  const email = sandbox.info.technicianEmail!
  const before = await runInProcess(UsersRolesShow, [email, '--json'], {env: admin})
  const r = await runInProcess(UsersRolesAssign, [email, 'Fleet Admin'], {env: admin})
  assert.equal(r.code, 2)
  assert.match(r.stderr, /Unknown role "Fleet Admin"\. Did you mean "Fleet Management Administrator"\?/)
  const after = await runInProcess(UsersRolesShow, [email, '--json'], {env: admin})
  assert.deepEqual(JSON.parse(after.stdout).user, JSON.parse(before.stdout).user)
})
