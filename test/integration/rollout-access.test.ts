// The access sections (roles, accessGroups) and the plan for a new organization against an in-process
// sandbox: a new customer set up with roles, an access group, printer login and federation, applied twice (the second run all
// unchanged); unknown roles, groups, users and members refused at their line; a file of thousands of
// users, some of whose addresses belong to users of other organizations, refused before anything is
// created, then applied once those rows are gone.
import assert from 'node:assert/strict'
import {X509Certificate} from 'node:crypto'
import {copyFileSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'

import {rolloutSandbox} from '../helpers/rollout.js'
import {CloudClient} from '../../src/lib/cloud/index.js'
import {LcsError} from '../../src/lib/errors.js'
import {openDb} from '../../src/lib/sandbox/db.js'
import {addPreenrollment} from '../../src/lib/sandbox/store/fleet.js'
import {createUser} from '../../src/lib/sandbox/store/people.js'
import {applyPlan, applySummary, createContext, loadRollout, planRollout} from '../../src/lib/rollout/rollout.js'
import type {PlanItem} from '../../src/lib/rollout/types.js'

const rs = rolloutSandbox()
const {plan, refused} = rs

/** A client signed in as a user of the sandbox (password grant of the CLI's public client). */
async function userClient(username: string, password: string): Promise<CloudClient> {
  const {apiUrl} = rs.sandbox.info
  const res = await fetch(`${apiUrl}/oauth/token`, {
    body: new URLSearchParams({client_id: 'lcs-cli', grant_type: 'password', password, username}),
    method: 'POST',
  })
  const {access_token: accessToken} = (await res.json()) as {access_token: string}
  return new CloudClient({credentials: {accessToken, kind: 'token'}, endpoints: {apis: apiUrl, idp: apiUrl}})
}

const lines = (items: PlanItem[]) =>
  items.map((i) => `${i.action} ${i.kind} ${i.name}${i.changes ? ` (${i.changes.join(', ')})` : ''}${i.detail ? ` — ${i.detail}` : ''}`)

async function orgNamed(name: string) {
  for await (const o of rs.client.orgs.list()) if (o.name === name) return o
  return undefined
}

const wingtip = readFileSync(new URL('../../fixtures/rollout/new-customer-access.yaml', import.meta.url), 'utf8')
const fingerprint = new X509Certificate(readFileSync(new URL('../../fixtures/rollout/wingtip/idp-signing.pem', import.meta.url)))
  .fingerprint256

test('a new customer gets roles, an access group, printer login and federation from one file (fixtures/rollout/new-customer-access.yaml); the second run is all unchanged', async () => {
  // the file's certificate, next to it as in the fixtures
  mkdirSync(join(rs.dir, 'wingtip'), {recursive: true})
  copyFileSync(new URL('../../fixtures/rollout/wingtip/idp-signing.pem', import.meta.url), join(rs.dir, 'wingtip', 'idp-signing.pem'))
  const {ctx, items} = await plan('wingtip.yaml', wingtip)
  assert.deepEqual(lines(items), [
    'create organization Wingtip Toys — child of Northwind Partners',
    'create access group Wingtip technicians — Northwind Partners: Partner Administrator, Fleet Management Administrator, File Service Administrator; 1 member',
    'update login settings printer login (methods, pinLength) — badge+pin; administrators set PINs, 6 digits, expiry never',
    `create authentication provider https://sts.wingtip.example/ — certificate SHA-256 ${fingerprint}`,
    'create group Store managers',
    'create user mia@wingtip.example',
    'create user noah@wingtip.example',
    'update roles organization (+Print Release Management User) — Print Release Management User',
    'update roles group Store managers (+Fleet Management Reporting Analyst) — Fleet Management Reporting Analyst',
    'update roles user noah@wingtip.example (+User Administrator, +Hybrid Print Management User) — User Administrator, Hybrid Print Management User',
  ])
  assert.deepEqual(items.find((i) => i.name === 'user noah@wingtip.example')!.dependsOn, ['user:noah@wingtip.example'])
  assert.deepEqual(await applyPlan(items, ctx), [])

  const org = (await orgNamed('Wingtip Toys'))!
  const mia = await rs.client.roles.ofUser(org.id, 'mia@wingtip.example')
  assert.deepEqual(
    mia.effective.map((r) => `${r.name} (${r.sources.join(', ')})`),
    ['Fleet Management Reporting Analyst (group Store managers)', 'Print Release Management User (organization)'],
  )
  const group = (await rs.client.accessGroups.list(rs.sandbox.info.orgId)).find((g) => g.name === 'Wingtip technicians')!
  assert.deepEqual(group.roles.sort(), ['File Service Administrator', 'Fleet Management Administrator', 'Partner Administrator'])
  assert.deepEqual(group.members, ['tech@northwind.example'])

  const again = await plan('wingtip.yaml', wingtip)
  assert.deepEqual(
    again.items.filter((i) => i.action !== 'unchanged').map((i) => `${i.kind} ${i.name}`),
    [],
  )

  // declared exactly: roles and members not listed go, Partner Administrator stays
  const changed = wingtip
    .replace('[fleet management administrator, File Service Administrator]', '[Fleet Management Administrator]')
    .replace('members: [tech@northwind.example]', 'members: []')
    .replace('noah@wingtip.example: [User Administrator, Hybrid Print Management User]', 'noah@wingtip.example: []')
  const next = await plan('wingtip.yaml', changed)
  assert.deepEqual(lines(next.items.filter((i) => i.action !== 'unchanged')), [
    'update access group Wingtip technicians (roles, members) — Northwind Partners: Partner Administrator, Fleet Management Administrator; 0 members',
    'update roles user noah@wingtip.example (-Hybrid Print Management User, -User Administrator) — no roles',
  ])
  assert.deepEqual(await applyPlan(next.items, next.ctx), [])
  const now = (await rs.client.accessGroups.list(rs.sandbox.info.orgId)).find((g) => g.name === 'Wingtip technicians')!
  assert.deepEqual(now.roles.sort(), ['Fleet Management Administrator', 'Partner Administrator'])
  assert.deepEqual(now.members, [])
  assert.deepEqual(
    (await plan('wingtip.yaml', changed)).items.filter((i) => i.action !== 'unchanged'),
    [],
  )
})

test('unknown roles (with a did-you-mean), groups, users and members are refused at their line; nothing is created', async () => {
  const doc = `version: 1
organization: {name: Litware, create: true}
accessGroups:
  - name: Litware technicians
    roles: [Fleet Admin, Partner Administrator]
    members: [tech@northwind.exmaple]
users: [{email: ada@litware.example}, {email: cy@litware.example, state: absent}]
roles:
  organization: [Print Release Managment User]
  groups:
    Crew: [File Service Administrator]
  users:
    ada@litware.example: [User Administrator, user administrator]
    bob@litware.example: [User Administrator]
    cy@litware.example: [User Administrator]
`
  assert.deepEqual(await refused('litware.yaml', doc), [
    '5:13 accessGroups[0].roles[0]: unknown role "Fleet Admin" (did you mean "Fleet Management Administrator"?); lcs roles list shows every role',
    '6:15 accessGroups[0].members[0]: no user tech@northwind.exmaple in Northwind Partners (did you mean "tech@northwind.example"?): members of a Child Organization Access Group are users of the partner organization',
    '9:18 roles.organization[0]: unknown role "Print Release Managment User" (did you mean "Print Release Management User"?); lcs roles list shows every role',
    '11:5 roles.groups.Crew: no group "Crew" in Litware: list it under groups to create it',
    '13:47 roles.users.ada@litware.example[1]: User Administrator is listed twice',
    '14:5 roles.users.bob@litware.example: no user bob@litware.example in Litware (did you mean "ada@litware.example"?), and this file does not create that user',
    '15:5 roles.users.cy@litware.example: cy@litware.example is deleted by this file (users, state: absent): give roles to users that stay',
  ])
  assert.equal(await orgNamed('Litware'), undefined)
})

test('thousands of users, some taken by other organizations (and a serial): the plan names them, nothing is created; without them it applies', async () => {
  const n = 3000
  const taken = new Set([7, 450, 1234, 2999])
  const db = openDb(rs.dataDir)
  for (const i of taken) createUser(db, rs.sandbox.info.children[i % 2].id, `user${i}@adventure.example`, {})
  addPreenrollment(db, rs.sandbox.info.children[0].id, 'ADVTAKEN01')
  db.close()
  const header = 'EMAIL,OPERATION,PASSWORD,FIRST_NAME,LAST_NAME,DISPLAY_NAME,DEPARTMENT,COST_CENTER,GROUPS,PIN'
  const rows = (skip: Set<number>) =>
    Array.from({length: n}, (_, i) => i)
      .filter((i) => !skip.has(i))
      .map((i) => `user${i}@adventure.example,CREATE,,User,${i},,,,Staff,`)
  writeFileSync(join(rs.dir, 'adventure.csv'), [header, ...rows(new Set())].join('\n') + '\n')
  writeFileSync(
    join(rs.dir, 'adventure-badges.csv'),
    'BADGE,EMAIL,OPERATION,TEMPORARY,PIN\nAW-1,user1@adventure.example,CREATE,,\nAW-2,nobody@adventure.example,CREATE,,\n',
  )
  const file = (serials: string) => `version: 1
organization: {name: Adventure Works, create: true}
users: [{file: adventure.csv}]
badges: [{file: adventure-badges.csv}]
preenroll: [${serials}]
roles:
  groups:
    Staff: [Print Release Management User]
  users:
    user1@adventure.example: [User Administrator]   # a row the cloud accepts: not reported missing
groups: [Staff]
`
  const started = Date.now()
  const problems = await refused('adventure.yaml', file('ADVFREE001, ADVTAKEN01'))
  assert.deepEqual(problems, [
    ...[...taken].map(
      (i) =>
        `3:16 users[0].file: adventure.csv:${i + 2}:1 (EMAIL): user${i}@adventure.example is already the e-mail address of a user in another organization`,
    ),
    `3:16 users[0].file: adventure.csv: every rejected row and its reason: ${join(rs.dir, 'adventure.csv.rejected.csv')}`,
    '4:17 badges[0].file: adventure-badges.csv:3:2 (EMAIL): No user nobody@adventure.example: the organization Adventure Works does not exist yet and this file does not create that user',
    `4:17 badges[0].file: adventure-badges.csv: every rejected row and its reason: ${join(rs.dir, 'adventure-badges.csv.rejected.csv')}`,
    '5:25 preenroll[1]: ADVTAKEN01 is pre-enrolled in another organization',
  ])
  assert.equal(await orgNamed('Adventure Works'), undefined, 'a plan with problems creates nothing')

  writeFileSync(join(rs.dir, 'adventure.csv'), [header, ...rows(taken)].join('\n') + '\n')
  writeFileSync(join(rs.dir, 'adventure-badges.csv'), 'BADGE,EMAIL,OPERATION,TEMPORARY,PIN\nAW-1,user1@adventure.example,CREATE,,\n')
  const doc = file('ADVFREE001')
  const {ctx, items} = await plan('adventure.yaml', doc)
  assert.deepEqual(
    lines(items).filter((l) => l.includes('file')),
    [`create users file adventure.csv — ${n - taken.size} to create`, 'create badges file adventure-badges.csv — 1 to create'],
  )
  assert.deepEqual(await applyPlan(items, ctx), [])
  const again = await plan('adventure.yaml', doc)
  assert.deepEqual(
    again.items.filter((i) => i.action !== 'unchanged'),
    [],
  )
  const seconds = (Date.now() - started) / 1000
  assert.ok(seconds < 30, `planned twice, applied and planned again in ${seconds} s`)
})

test('an address taken between the plan and the apply fails its row, and the advice is not to run the file again', async () => {
  writeFileSync(
    join(rs.dir, 'proseware.csv'),
    'EMAIL,OPERATION,PASSWORD,FIRST_NAME,LAST_NAME,DISPLAY_NAME,DEPARTMENT,COST_CENTER,GROUPS,PIN\nli@proseware.example,CREATE,,,,,,,,\nmo@proseware.example,CREATE,,,,,,,,\n',
  )
  const {ctx, items} = await plan(
    'proseware.yaml',
    'version: 1\norganization: {name: Proseware, create: true}\nusers: [{file: proseware.csv}]\n',
  )
  const db = openDb(rs.dataDir)
  createUser(db, rs.sandbox.info.children[0].id, 'mo@proseware.example', {})
  db.close()
  const failed = await applyPlan(items, ctx)
  assert.deepEqual(
    failed.map((f) => [f.name, f.retry]),
    [['proseware.csv', false]],
  )
  assert.match(failed[0].error, /line 3 \(EMAIL\): mo@proseware\.example is already the e-mail address of a user in another organization/)
  assert.equal(
    applySummary(failed, 2),
    'Applied 1 of 2 changes; 1 failed. Running the file again cannot change that: fix what each failure names first.',
  )
})

test('the users lookup says taken or free, never where, and needs an administrator or Partner Administrator', async () => {
  const {info} = rs.sandbox
  assert.deepEqual(await rs.client.users.lookup(info.orgId, [' ADMIN@northwind.example', 'free@nowhere.example']), [
    {email: 'admin@northwind.example', taken: true},
    {email: 'free@nowhere.example', taken: false},
  ])
  const technician = await userClient(info.technicianEmail!, info.technicianPassword!)
  await assert.rejects(technician.users.lookup(info.orgId, ['free@nowhere.example']), (e: LcsError) => {
    assert.equal(e.kind, 'forbidden')
    assert.match(e.message, /Organization Administrator or User Administrator or Partner Administrator/)
    return true
  })
})

test('a file that would take the signed-in user out of their own access group is refused', async () => {
  const {info} = rs.sandbox
  const admin = await userClient(info.adminEmail, info.adminPassword)
  const file = join(rs.dir, 'lockout.yaml')
  writeFileSync(file, 'version: 1\naccessGroups:\n  - {name: Partner Administrators, roles: [Organization Administrator], members: []}\n')
  const ctx = createContext(await loadRollout(file), {activeOrgId: info.orgId, client: admin, wait: false})
  await assert.rejects(planRollout(ctx), (e: LcsError) => {
    assert.deepEqual(
      e.details!.map((d) => `${d.field!.split(':').slice(1).join(':')} ${d.message}`),
      [
        '3:82 accessGroups[0].members: you (admin@northwind.example) are a member of "Partner Administrators" and would lose the access it gives: list yourself under members',
      ],
    )
    return true
  })
})
