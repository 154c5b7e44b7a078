// Groups end to end against the sandbox: create, members from arguments and from stdin, roles through the
// group, rename, delete; bad input is one clear line and changes nothing.
import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'

import {run, runJson, sandboxEnv, startSandbox, stopSandbox, type SandboxJson} from '../helpers/cli.js'

let sb: SandboxJson
let env: NodeJS.ProcessEnv

before(async () => {
  sb = await startSandbox()
  env = sandboxEnv(sb)
  for (const u of ['ann@northwind.example', 'bob@northwind.example', 'cy@northwind.example'])
    assert.equal((await run(['users', 'create', u], {env})).code, 0)
})
after(() => stopSandbox(sb))

test('a group from creation to deletion; members in bulk from stdin', async () => {
  const created = await runJson(['groups', 'create', 'Techs'], env)
  assert.equal(created.code, 0, created.stderr)
  const dup = await run(['groups', 'create', 'TECHS'], {env})
  assert.equal(dup.code, 6)
  assert.match(dup.stderr, /already exists/)
  const add = await runJson(['groups', 'members', 'add', 'techs', 'ann@northwind.example'], env)
  assert.equal(add.code, 0, add.stderr)
  assert.equal(add.body.results[0].outcome, 'created')
  const bulk = await run(['groups', 'members', 'add', 'Techs', '--file', '-'], {
    env,
    input: '# technicians\nANN@northwind.example\nbob@northwind.example\n\ncy@northwind.example\n',
  })
  assert.equal(bulk.code, 0, bulk.stderr)
  assert.match(bulk.stdout, /ann@northwind\.example: unchanged\nbob@northwind\.example: added\ncy@northwind\.example: added/)
  const members = await runJson(['groups', 'members', 'list', 'Techs'], env)
  assert.deepEqual(
    (members.body as Array<{email: string}>).map((m) => m.email),
    ['ann@northwind.example', 'bob@northwind.example', 'cy@northwind.example'],
  )
  assert.equal((await runJson(['groups', 'roles', 'assign', 'Techs', 'Fleet Management Reporting Analyst'], env)).code, 0)
  const roles = await runJson(['users', 'roles', 'show', 'bob@northwind.example'], env)
  assert.deepEqual(roles.body.effective, [{name: 'Fleet Management Reporting Analyst', sources: ['group Techs']}])
  const removed = await run(['groups', 'members', 'remove', 'Techs', 'bob@northwind.example', 'bob@northwind.example'], {env})
  assert.match(removed.stdout, /^bob@northwind\.example: removed$/m)
  const renamed = await runJson(['groups', 'rename', 'Techs', 'Technicians'], env)
  assert.equal(renamed.body.name, 'Technicians')
  const shown = await runJson(['groups', 'show', 'technicians'], env)
  assert.deepEqual([shown.body.memberCount, shown.body.roles], [2, ['Fleet Management Reporting Analyst']])
  assert.equal((await runJson(['groups', 'delete', 'Technicians', '--yes'], env)).code, 0)
  const after = await runJson(['users', 'roles', 'show', 'ann@northwind.example'], env)
  assert.deepEqual(after.body.effective, [], 'deleting the group takes its roles away')
  const list = await runJson(['groups', 'list'], env)
  assert.ok(!(list.body as Array<{name: string}>).some((g) => g.name === 'Technicians'))
})

test('bad members input: an unknown user, a bad line of a file, an unknown group', async () => {
  await run(['groups', 'create', 'Ops'], {env})
  const unknown = await run(['groups', 'members', 'add', 'Ops', 'ann@northwind.example', 'nobody@northwind.example'], {env})
  assert.equal(unknown.code, 9)
  assert.match(unknown.stderr, /nobody@northwind\.example \(No user nobody@northwind\.example in this organization\)/)
  const bad = await run(['groups', 'members', 'add', 'Ops', '--file', '-'], {env, input: 'bob@northwind.example\nnot-an-address\n'})
  assert.equal(bad.code, 7)
  assert.match(bad.stderr, /stdin:2: /)
  const members = await runJson(['groups', 'members', 'list', 'Ops'], env)
  assert.deepEqual(
    (members.body as Array<{email: string}>).map((m) => m.email),
    ['ann@northwind.example'],
    'a bad file adds nobody',
  )
  const nogroup = await run(['groups', 'show', 'Nope'], {env})
  assert.equal(nogroup.code, 3)
  assert.match(nogroup.stderr, /No group "Nope"/)
})
