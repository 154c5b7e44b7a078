// The output conventions every list shares, in-process against an in-process sandbox: --limit (and the
// line saying the list was cut), the portal's filters, --fields, the opt-in JSON envelope with warnings,
// ISO 8601 times in JSON and tab-separated ISO times off a terminal.
import {Flags} from '@oclif/core'
import assert from 'node:assert/strict'
import {test} from 'node:test'

import GroupsCreate from '../../src/commands/groups/create.js'
import GroupsMembersAdd from '../../src/commands/groups/members/add.js'
import OrgsList from '../../src/commands/orgs/list.js'
import PrintersList from '../../src/commands/printers/list.js'
import UsersList from '../../src/commands/users/list.js'
import {BaseCommand} from '../../src/lib/ui/index.js'
import {fileSandbox, runInProcess} from '../helpers/inprocess.js'

const ctx = fileSandbox()

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

test('--limit takes the first N and says on stderr that there are more; all of them say nothing', async () => {
  const all = await runInProcess(PrintersList, ['--json'], {env: ctx.env})
  const total = JSON.parse(all.stdout).length
  assert.ok(total > 2, all.stderr)
  assert.equal(all.stderr, '')
  const cut = await runInProcess(PrintersList, ['--json', '--limit', '2'], {env: ctx.env})
  assert.equal(cut.code, 0, cut.stderr)
  assert.equal(JSON.parse(cut.stdout).length, 2)
  assert.equal(cut.stderr, 'Showing the first 2; there are more (raise --limit).\n')
  const exact = await runInProcess(PrintersList, ['--json', '--limit', String(total)], {env: ctx.env})
  assert.deepEqual([JSON.parse(exact.stdout).length, exact.stderr], [total, ''])
})

test('printers list --status and --model filter as the portal does; --limit counts the matches', async () => {
  const all = JSON.parse((await runInProcess(PrintersList, ['--json'], {env: ctx.env})).stdout) as Array<{
    communicationStatus: string
    modelName: string
  }>
  const status = all[0].communicationStatus
  const byStatus = JSON.parse((await runInProcess(PrintersList, ['--json', '--status', status], {env: ctx.env})).stdout) as typeof all
  assert.deepEqual(
    byStatus,
    all.filter((p) => p.communicationStatus === status),
  )
  const model = all[0].modelName.slice(0, 3).toLowerCase()
  const byModel = JSON.parse(
    (await runInProcess(PrintersList, ['--json', '--model', model, '--limit', '1'], {env: ctx.env})).stdout,
  ) as typeof all
  assert.equal(byModel.length, 1)
  assert.ok(byModel[0].modelName.toLowerCase().includes(model))
  const bad = await runInProcess(PrintersList, ['--status', 'asleep'], {env: ctx.env})
  assert.equal(bad.code, 2, bad.stderr)
})

test('users list --group and --role; an unknown group is not found (3), an unknown role a usage error with a suggestion (2)', async () => {
  assert.equal((await runInProcess(GroupsCreate, ['Technicians'], {env: ctx.env})).code, 0)
  assert.equal((await runInProcess(GroupsMembersAdd, ['Technicians', 'tech@northwind.example'], {env: ctx.env})).code, 0)
  const members = await runInProcess(UsersList, ['--group', 'technicians', '--json', '--fields', 'email'], {env: ctx.env})
  assert.deepEqual(JSON.parse(members.stdout), [{email: 'tech@northwind.example'}])
  const admins = await runInProcess(UsersList, ['--role', 'user administrator', '--json', '--fields', 'email,roles'], {env: ctx.env})
  const rows = JSON.parse(admins.stdout) as Array<{email: string; roles: string[]}>
  assert.ok(rows.length >= 1 && rows.every((u) => u.roles.includes('User Administrator')), admins.stdout)
  assert.ok(!rows.some((u) => u.email === 'tech@northwind.example'))
  assert.equal((await runInProcess(UsersList, ['--group', 'Nobody'], {env: ctx.env})).code, 3)
  const role = await runInProcess(UsersList, ['--role', 'User Admin'], {env: ctx.env})
  assert.equal(role.code, 2)
  assert.match(role.stderr, /Unknown role "User Admin"\. Did you mean "User Administrator"\?/)
})

test('--fields: the named keys only; an unknown one is one line listing the fields (exit 2); without --json a usage error', async () => {
  const r = await runInProcess(UsersList, ['--json', '--fields', 'email,groups'], {env: ctx.env})
  assert.equal(r.code, 0, r.stderr)
  for (const u of JSON.parse(r.stdout)) assert.deepEqual(Object.keys(u), ['email', 'groups'])
  const bad = await runInProcess(UsersList, ['--json', '--fields', 'email,mail'], {env: ctx.env})
  assert.equal(bad.code, 2)
  assert.match(bad.stderr, /^Error: Unknown field for --fields: mail\. Available: [a-zA-Z, ]*\bemail\b[a-zA-Z, ]*\.\n$/)
  assert.equal(JSON.parse(bad.stdout).error.code, 'usage')
  const noJson = await runInProcess(UsersList, ['--fields', 'email'], {env: ctx.env})
  assert.deepEqual([noJson.code, noJson.stdout], [2, ''])
  assert.match(noJson.stderr, /^Error: --fields selects keys of the JSON output: add --json\.\n$/)
})

test('JSON times are ISO 8601 (orgs list); off a terminal the table row has the same ISO time', async () => {
  const json = await runInProcess(OrgsList, ['--json'], {env: ctx.env})
  const orgs = JSON.parse(json.stdout) as Array<{dateCreated: string; name: string}>
  assert.ok(orgs.length && orgs.every((o) => ISO.test(o.dateCreated)), json.stdout)
  const table = await runInProcess(OrgsList, [], {env: ctx.env})
  const line = table.stdout.split('\n').find((l) => l.includes(orgs[0].name))!
  assert.ok(line.endsWith(`\t${orgs[0].dateCreated}`), line)
})

class Warns extends BaseCommand<{done: number}> {
  static flags = {}
  async run(): Promise<{done: number}> {
    await this.parse(Warns)
    this.warning('printer 10.0.0.9 answered with a bad serial')
    if (this.argv.includes('--many')) this.warnings(Array.from({length: 25}, (_, i) => `address ${i} unreadable`))
    if (this.argv.includes('--fail')) throw new Error('boom')
    this.exitAs('partial')
    return {done: 1}
  }
}
Warns.flags = {fail: Flags.boolean(), many: Flags.boolean()}

test('LCS_JSON_ENVELOPE=1: {version, status, result, warnings}; errors {version, status, error, warnings}; unset: the bare result', async () => {
  const bare = await runInProcess(Warns, ['--json'], {env: ctx.env})
  assert.deepEqual(JSON.parse(bare.stdout), {done: 1})
  assert.match(bare.stderr, /^! printer 10\.0\.0\.9 answered with a bad serial\n$/)
  const envelope = {...ctx.env, LCS_JSON_ENVELOPE: '1'}
  const ok = await runInProcess(Warns, ['--json'], {env: envelope})
  assert.equal(ok.code, 9)
  assert.equal(
    ok.stdout,
    JSON.stringify({version: 1, status: 9, result: {done: 1}, warnings: ['printer 10.0.0.9 answered with a bad serial']}, null, 2) + '\n',
  )
  const failed = await runInProcess(Warns, ['--json', '--fail'], {env: envelope})
  const e = JSON.parse(failed.stdout)
  assert.deepEqual(Object.keys(e), ['version', 'status', 'error', 'warnings'])
  assert.deepEqual([e.version, e.status, e.error.code, e.error.message, e.warnings.length], [1, 1, 'error', 'boom', 1])
  const many = await runInProcess(Warns, ['--json', '--many'], {env: envelope})
  assert.equal(JSON.parse(many.stdout).warnings.length, 26, 'every warning, where stderr shows 20')
  assert.equal(many.stderr.split('\n').filter((l) => l.startsWith('! ')).length, 22)
  assert.match(many.stderr, /^! … and 5 more warnings \(--verbose shows them all\)$/m)
  const list = await runInProcess(OrgsList, ['--json', '--fields', 'name'], {env: envelope})
  const body = JSON.parse(list.stdout)
  assert.deepEqual([body.version, body.status, body.warnings, Object.keys(body.result[0])], [1, 0, [], ['name']])
})
