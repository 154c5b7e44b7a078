// The people sections against an in-process sandbox: inline entries and CSV files planned through the
// import engine, what the cloud cannot be asked yet (a new organization, new users, new PIN settings),
// duplicates across sources, inline entries checked at their own places, and an inline row the cloud
// rejects at apply time failing alone.
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'

import {rolloutSandbox} from '../helpers/rollout.js'
import {openDb} from '../../src/lib/sandbox/db.js'
import {createUser, putBadge} from '../../src/lib/sandbox/store/people.js'
import {applyPlan} from '../../src/lib/rollout/rollout.js'
import type {PlanItem} from '../../src/lib/rollout/types.js'

const rs = rolloutSandbox()
const {plan, refused} = rs

const lines = (items: PlanItem[]) =>
  items
    .filter((i) => i.kind !== 'organization')
    .map((i) => `${i.action} ${i.kind} ${i.name}${i.changes ? ` (${i.changes.join(', ')})` : ''}${i.rows ? ` ${i.detail}` : ''}`)

test('a new organization: every row plans as a creation without a dry run; applied, then all unchanged', async () => {
  writeFileSync(
    join(rs.dir, 'staff.csv'),
    'EMAIL,OPERATION,PASSWORD,FIRST_NAME,LAST_NAME,DISPLAY_NAME,DEPARTMENT,COST_CENTER,GROUPS,PIN\nann@adatum.example,CREATE,,Ann,,,,,Crew,\nbob@adatum.example,UPDATE,,Bob,,,,,,\n',
  )
  const doc = `version: 1
organization: {name: Adatum, create: true}
groups: [Crew, Office]
users:
  - file: staff.csv
  - {email: cy@adatum.example, pin: "2468"}
badges: [{badge: A-1, email: ann@adatum.example}]
pins: [{email: ann@adatum.example, pin: "1357"}]
preenroll: [ADATUM0001]
`
  assert.deepEqual(await refused('adatum.yaml', doc), [
    '5:11 users[0].file: staff.csv:3:1: the organization Adatum does not exist yet: there is nothing to update',
    `5:11 users[0].file: staff.csv: every rejected row and its reason: ${join(rs.dir, 'staff.csv.rejected.csv')}`,
  ])
  writeFileSync(
    join(rs.dir, 'staff.csv'),
    'EMAIL,OPERATION,PASSWORD,FIRST_NAME,LAST_NAME,DISPLAY_NAME,DEPARTMENT,COST_CENTER,GROUPS,PIN\nann@adatum.example,CREATE,,Ann,,,,,Crew,\n',
  )
  const {ctx, items} = await plan('adatum.yaml', doc)
  assert.deepEqual(lines(items), [
    'create group Crew',
    'create group Office',
    'create users file staff.csv 1 to create',
    'create user cy@adatum.example',
    'create badge A-1',
    'create pin ann@adatum.example',
    'create preenrollment ADATUM0001',
  ])
  assert.deepEqual(items.find((i) => i.kind === 'badge')!.dependsOn, ['user:ann@adatum.example'])
  assert.deepEqual(await applyPlan(items, ctx), [])
  assert.deepEqual(
    lines((await plan('adatum.yaml', doc)).items).filter((l) => !l.startsWith('unchanged')),
    [],
  )
})

test('new PIN settings: the dry run leaves PINs out (the cloud would judge them by the old ones) and plans an update', async () => {
  const fabrikam = rs.sandbox.info.children[1].id
  await rs.client.loginConfig.set(fabrikam, {pinGeneration: 'auto', pinLength: null})
  const db = openDb(rs.dataDir)
  createUser(db, fabrikam, 'dee@fabrikam.example', {firstName: 'Dee'})
  createUser(db, fabrikam, 'eve@fabrikam.example', {})
  db.close()
  const doc = `version: 1
organization: {name: Fabrikam Health}
loginSettings: {pinGeneration: admin, pinLength: 4}
users: [{email: dee@fabrikam.example, firstName: Dee, pin: "8642"}]
pins: [{email: eve@fabrikam.example, pin: "9753"}]
`
  const {ctx, items} = await plan('pins.yaml', doc)
  assert.deepEqual(lines(items), [
    'update login settings printer login (pinGeneration, pinLength)',
    'update user dee@fabrikam.example (pin)',
    'update pin eve@fabrikam.example (pin)',
  ])
  assert.deepEqual(await applyPlan(items, ctx), [])
  assert.deepEqual(
    lines((await plan('pins.yaml', doc)).items).filter((l) => !l.startsWith('unchanged')),
    [],
  )
})

test('an identity named twice across sources, or a PIN given in users and pins, is refused', async () => {
  writeFileSync(
    join(rs.dir, 'twice.csv'),
    'EMAIL,OPERATION,PASSWORD,FIRST_NAME,LAST_NAME,DISPLAY_NAME,DEPARTMENT,COST_CENTER,GROUPS,PIN\nfay@fabrikam.example,CREATE,,Fay,,,,,,\n',
  )
  assert.deepEqual(
    await refused(
      'twice.yaml',
      `version: 1
organization: {name: Fabrikam Health}
users:
  - {email: fay@fabrikam.example, pin: "1234"}
  - file: twice.csv
pins: [{email: FAY@fabrikam.example, pin: "4321"}]
preenroll: [FAB0000001, fab0000001]
`,
    ),
    [
      '5:11 users[1].file: fay@fabrikam.example is also in users[0]: name it once',
      '6:16 pins[0].email: the PIN of fay@fabrikam.example is also given in users[0]: give it once',
      '7:25 preenroll[1]: serial number FAB0000001 is already in preenroll[0]: a file names it once',
    ],
  )
})

test('an inline row the cloud rejects at apply time fails alone; the others are applied', async () => {
  const contoso = rs.sandbox.info.children[0].id
  const doc = `version: 1
organization: {name: Contoso Retail}
users: [{email: gil@contoso.example}, {email: hal@contoso.example}]
badges: [{badge: G-1, email: gil@contoso.example}, {badge: H-1, email: hal@contoso.example}]
`
  const {ctx, items} = await plan('race.yaml', doc)
  // someone registers H-1 to another user between the plan and its application
  const db = openDb(rs.dataDir)
  putBadge(db, contoso, 'H-1', createUser(db, contoso, 'ivy@contoso.example', {}), false)
  db.close()
  const failed = await applyPlan(items, ctx)
  assert.deepEqual(
    failed.map((f) => `${f.kind} ${f.name}: ${f.error}`),
    ['badge H-1: Badge H-1 is already registered to another user'],
  )
  assert.deepEqual(await refused('race.yaml', doc), ['4:60 badges[1].badge: Badge H-1 is already registered to another user'])
})

test('inline entries are checked at their own line and column, also two on one line', async () => {
  const doc = [
    'version: 1',
    'organization: {name: Contoso Retail}',
    'users:',
    '  - {email: kim@contoso.example, pin: "12"}',
    'badges: [{badge: K-1, email: kim@contoso.example}, {badge: K-1, email: kim@contoso.example}]',
  ]
  assert.deepEqual(await refused('places.yaml', doc.join('\n')), [
    '4:39 users[0].pin: a PIN has 4–12 digits (got 2)',
    '5:60 badges[1].badge: badge K-1 is already in badges[0]: a file names it once',
  ])
})
