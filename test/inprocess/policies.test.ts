// The policies and sandbox-activity commands in process against a sandbox with --activity: clear
// usage errors before any call, --json results, and the path a trainee takes — create a policy, let
// time pass, read the notification history and the outbox.
import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'

import PoliciesCreate from '../../src/commands/policies/create.js'
import PoliciesDelete from '../../src/commands/policies/delete.js'
import PoliciesDuplicate from '../../src/commands/policies/duplicate.js'
import PoliciesHistory from '../../src/commands/policies/history.js'
import PoliciesList from '../../src/commands/policies/list.js'
import PoliciesUpdate from '../../src/commands/policies/update.js'
import SandboxAdvance from '../../src/commands/sandbox/advance.js'
import SandboxOutbox from '../../src/commands/sandbox/outbox.js'
import SandboxQuiet from '../../src/commands/sandbox/quiet.js'
import type {NotificationRecord} from '../../src/lib/cloud/index.js'
import type {Policy} from '../../src/lib/policies/index.js'
import {runSandbox} from '../../src/lib/sandbox/daemon.js'
import {isolatedEnv, tempDir} from '../helpers/cli.js'
import {runInProcess} from '../helpers/inprocess.js'

const dataDir = tempDir()
let sandbox: Awaited<ReturnType<typeof runSandbox>>
let env: NodeJS.ProcessEnv

before(async () => {
  sandbox = await runSandbox({activity: {rate: 5, tickMs: 100, timeScale: 1}, dataDir, port: 0})
  const {info} = sandbox
  env = isolatedEnv({LCS_API_URL: info.apiUrl, LCS_CLIENT_ID: info.clientId, LCS_CLIENT_SECRET: info.clientSecret})
})
after(() => sandbox.stop())

const json = <T>(r: {stdout: string}) => JSON.parse(r.stdout) as T

test('bad input is a usage error naming the flag, before any call', async () => {
  const base = ['--name', 'Low toner', '--email', 'facilities@example.com']
  const high = await runInProcess(PoliciesCreate, [...base, '--type', 'toner', '--threshold', '101'], {env})
  assert.equal(high.code, 2)
  assert.match(high.stderr, /--threshold: the threshold is a whole percentage, Range: 0 to 100 \(got 101\)/)
  const days = await runInProcess(PoliciesCreate, [...base, '--type', 'last-communicated', '--days', '0'], {env})
  assert.equal(days.code, 2)
  assert.match(days.stderr, /--days: the number of days is 1 - 7 days/)
  const type = await runInProcess(PoliciesCreate, [...base, '--type', 'ink'], {env})
  assert.equal(type.code, 2)
  assert.match(type.stderr, /--type: unknown policy type "ink"/)
  const name = await runInProcess(PoliciesCreate, ['--name', 'a/b', '--email', 'x@example.com', '--type', 'fuser', '--threshold', '5'], {
    env,
  })
  assert.match(name.stderr, /--name: the character \/ is not allowed in a Policy Name/)
  const list = await runInProcess(PoliciesList, ['--json'], {env})
  assert.deepEqual(json(list), [])
})

test('create, duplicate, update, history and the outbox, then delete', async () => {
  const made = await runInProcess(
    PoliciesCreate,
    ['--name', 'Any toner', '--type', 'Toner', '--threshold', '100', '--email', 'Facilities@Example.com', '--json'],
    {env},
  )
  assert.equal(made.code, 0, made.stderr)
  const p = json<Policy>(made)
  assert.deepEqual([p.type, p.threshold, p.recipients, p.tags, p.category], ['Toner', 100, ['facilities@example.com'], [], 'supplies'])
  const copy = await runInProcess(
    PoliciesDuplicate,
    ['Any toner', '--name', 'Quiet printers', '--type', 'last-communicated', '--days', '1', '--json'],
    {env},
  )
  assert.equal(copy.code, 0, copy.stderr)
  assert.deepEqual([json<Policy>(copy).category, json<Policy>(copy).days], ['printerInformation', 1])
  const same = await runInProcess(PoliciesUpdate, ['Any toner', '--threshold', '100'], {env})
  assert.match(same.stdout, /is unchanged/)
  // every toner of the partner's printers is at most 100 %: the next step of the sandbox clock notifies
  const quiet = await runInProcess(SandboxQuiet, ['50000000A', '--data', dataDir, '--json'], {env})
  assert.equal(quiet.code, 0, quiet.stderr)
  const advanced = await runInProcess(SandboxAdvance, ['1d1h', '--data', dataDir, '--json'], {env})
  assert.equal(advanced.code, 0, advanced.stderr)
  assert.ok(json<{notifications: number}>(advanced).notifications > 0)
  const history = json<NotificationRecord[]>(await runInProcess(PoliciesHistory, ['--json'], {env}))
  assert.ok(history.some((n) => n.policyName === 'Any toner' && n.problem === 'Toner level' && n.notifyAt === '100%'))
  assert.deepEqual(
    history.filter((n) => n.policyName === 'Quiet printers').map((n) => n.serialNumber),
    ['50000000A'],
  )
  const black = json<NotificationRecord[]>(
    await runInProcess(PoliciesHistory, ['--type', 'toner', '--color', 'BLACK', '--model', 'lexmark', '--json'], {env}),
  )
  assert.ok(black.length > 0 && black.every((n) => n.color === 'Black' && n.model.startsWith('Lexmark') && n.policyType === 'Toner'))
  const wrong = await runInProcess(PoliciesHistory, ['--type', 'ink'], {env})
  assert.equal(wrong.code, 2)
  assert.match(wrong.stderr, /--type: unknown policy type "ink"/)
  const table = await runInProcess(PoliciesHistory, ['--category', 'printer-information'], {env})
  assert.match(table.stdout, /Printer Information: 1 total item\n/)
  assert.match(table.stdout, /Last communicated\t50000000A/)
  const outbox = await runInProcess(SandboxOutbox, ['--data', dataDir], {env})
  assert.match(outbox.stdout, /Subject: \[Northwind Partners\] : Printer Not Communicating/)
  assert.match(outbox.stdout, /Toner Level Notification - /)
  const bad = await runInProcess(SandboxAdvance, ['3 weeks', '--data', dataDir], {env})
  assert.equal(bad.code, 2)
  assert.match(bad.stderr, /is not a duration/)
  const gone = await runInProcess(PoliciesDelete, ['Any toner', 'Quiet printers', '--yes', '--json'], {env})
  assert.equal(gone.code, 0, gone.stderr)
  assert.deepEqual(json(await runInProcess(PoliciesList, ['--json'], {env})), [])
})
