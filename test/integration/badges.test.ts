// The sandbox's badge and PIN endpoint through the SDK: per-item answers, dry runs that change nothing,
// tombstones (a repeated DELETE is unchanged, a DELETE of a badge that never existed is not found), and
// the organization's PIN generation setting.
import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'

import {CloudClient} from '../../src/lib/cloud/index.js'
import {runSandbox} from '../../src/lib/sandbox/daemon.js'
import {openDb} from '../../src/lib/sandbox/db.js'
import {createUser, findUser} from '../../src/lib/sandbox/store/people.js'
import {tempDir} from '../helpers/cli.js'

let sandbox: Awaited<ReturnType<typeof runSandbox>>
let client: CloudClient
let orgId: string
const dataDir = tempDir()

before(async () => {
  sandbox = await runSandbox({dataDir, port: 0})
  const {info} = sandbox
  orgId = info.orgId
  client = new CloudClient({
    credentials: {clientId: info.clientId, clientSecret: info.clientSecret, kind: 'client'},
    endpoints: {apis: info.apiUrl, idp: info.apiUrl},
  })
  const db = openDb(dataDir)
  for (const e of ['jdoe@company.com', 'ckent@company.com']) createUser(db, orgId, e, {})
  createUser(db, info.children[0].id, 'other@company.com', {})
  db.close()
})
after(() => sandbox.stop())

test('register, re-register, conflict, unknown user: one answer per item', async () => {
  const items = [
    {badgeId: '20171a', email: 'jdoe@company.com', operation: 'CREATE' as const, temporary: true},
    {badgeId: '20171a,2a,3a', email: 'ckent@company.com', operation: 'CREATE' as const, pin: '123456'},
    {badgeId: 'b-x', email: 'nobody@company.com', operation: 'CREATE' as const},
    {badgeId: 'b-y', email: 'other@company.com', operation: 'CREATE' as const},
  ]
  const plan = await client.badges.apply(orgId, items, {dryRun: true})
  assert.deepEqual(
    plan.map((r) => r.outcome ?? r.status),
    ['created', 'created', 404, 404],
  )
  let badges = []
  for await (const b of client.badges.list(orgId)) badges.push(b)
  assert.equal(badges.length, 0, 'a dry run changes nothing')
  const applied = await client.badges.apply(orgId, items)
  assert.deepEqual(
    applied.map((r) => r.outcome ?? r.status),
    ['created', 'created', 404, 404],
  )
  assert.equal(applied[2].error?.details?.[0].field, 'email')
  const again = await client.badges.apply(orgId, [
    items[0],
    items[1],
    {...items[1], pin: '654321'},
    {badgeId: '20171a', email: 'ckent@company.com', operation: 'CREATE'},
    // the same badge in another letter case (readers send hex in either)
    {badgeId: '20171A', email: 'ckent@company.com', operation: 'CREATE'},
    {...items[0], badgeId: '20171A'},
  ])
  assert.deepEqual(
    again.map((r) => r.outcome ?? r.status),
    ['unchanged', 'unchanged', 'updated', 409, 409, 'unchanged'],
  )
  badges = []
  for await (const b of client.badges.list(orgId, {email: 'jdoe@company.com'})) badges.push(b)
  assert.deepEqual(
    badges.map((b) => [b.badgeId, b.temporary, b.expiresAt! - b.dateCreated]),
    [['20171a', true, 86_400_000]],
  )
})

test('DELETE: removed, then unchanged; a badge that never existed is 404; PIN values are refused on DELETE', async () => {
  const r = await client.badges.apply(orgId, [
    {badgeId: '20171a', operation: 'DELETE'},
    {badgeId: '20171a', operation: 'DELETE'},
    {badgeId: 'never-was', operation: 'DELETE'},
    {badgeId: '20171a,2a,3a', email: 'jdoe@company.com', operation: 'DELETE'},
    {badgeId: 'x', operation: 'DELETE', pin: '1234'},
  ])
  assert.deepEqual(
    r.map((x) => x.outcome ?? x.status),
    ['deleted', 'unchanged', 404, 409, 422],
  )
})

test('server-side validation mirrors the client: PIN length, e-mail, TEMPORARY without a badge', async () => {
  const r = await client.badges.apply(orgId, [
    {email: 'jdoe@company.com', operation: 'CREATE', pin: '12'},
    {email: 'not-an-email', operation: 'CREATE', pin: '1234'},
    {email: 'jdoe@company.com', operation: 'CREATE', temporary: true},
    {email: 'jdoe@company.com', operation: 'CREATE'},
  ])
  assert.deepEqual(
    r.map((x) => [x.status, x.error?.details?.[0].field]),
    [
      [422, 'pin'],
      [422, 'email'],
      [422, 'temporary'],
      [422, 'badgeId'],
    ],
  )
  assert.match(r[0].error!.message, /4–12 digits/)
  assert.doesNotMatch(JSON.stringify(r), /"12"/, 'a PIN is never echoed')
})

test('PIN generation: admin-set lengths, auto-generated (only when missing), user-set refuses', async () => {
  await client.loginConfig.set(orgId, {pinLength: 6})
  let r = await client.badges.apply(orgId, [{email: 'jdoe@company.com', operation: 'CREATE', pin: '1234'}])
  assert.match(r[0].error!.message, /exactly 6 digits/)
  assert.deepEqual(await client.loginConfig.get(orgId), {methods: ['badge', 'pin'], pinExpiry: null, pinGeneration: 'admin', pinLength: 6})
  await client.loginConfig.set(orgId, {pinGeneration: 'auto'})
  r = await client.badges.apply(orgId, [
    {email: 'jdoe@company.com', operation: 'CREATE', pin: '123456'},
    {email: 'jdoe@company.com', generatePin: true, operation: 'CREATE'},
    {email: 'ckent@company.com', generatePin: true, operation: 'CREATE'},
    {email: 'ckent@company.com', operation: 'CREATE', regeneratePin: true},
  ])
  assert.deepEqual(
    r.map((x) => x.outcome ?? x.status),
    [422, 'created', 'unchanged', 'updated'],
  )
  const db = openDb(dataDir)
  assert.equal(findUser(db, 'jdoe@company.com')?.pin_set, 1)
  db.close()
  await client.loginConfig.set(orgId, {pinGeneration: 'user', pinLength: null})
  r = await client.badges.apply(orgId, [
    {email: 'jdoe@company.com', operation: 'CREATE', pin: '1234'},
    {email: 'jdoe@company.com', generatePin: true, operation: 'CREATE'},
  ])
  assert.deepEqual(
    r.map((x) => x.status),
    [422, 422],
  )
  await assert.rejects(client.loginConfig.set(orgId, {pinLength: 3}), (e: Error & {kind?: string}) => e.kind === 'badData')
  await client.loginConfig.set(orgId, {pinGeneration: 'admin'})
})

test('a batch is 1–1000 items', async () => {
  await assert.rejects(client.badges.apply(orgId, []), (e: Error & {kind?: string}) => e.kind === 'badData')
  const many = Array.from({length: 1001}, (_, i) => ({badgeId: `b${i}`, operation: 'DELETE' as const}))
  await assert.rejects(client.badges.apply(orgId, many), (e: Error & {kind?: string}) => e.kind === 'badData')
})
