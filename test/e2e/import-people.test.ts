// Users, badges and PINs imports end to end (bin/run.js against a detached sandbox), on the sample files
// of fixtures/import, copied to a temporary directory (reports and journals are written next to a file).
import assert from 'node:assert/strict'
import {cpSync, existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, test} from 'node:test'

import {isolatedEnv, run, runJson, sandboxEnv, startSandbox, stopSandbox, tempDir, type SandboxJson} from '../helpers/cli.js'

let sb: SandboxJson
let env: NodeJS.ProcessEnv
const dir = tempDir('lcs-import-')
const f = (name: string) => join(dir, name)
const lcs = (...args: string[]) => run(args, {env, timeoutMs: 60_000})
const json = (...args: string[]) => runJson(args, env)

before(async () => {
  sb = await startSandbox()
  env = sandboxEnv(sb)
  cpSync(new URL('../../fixtures/import', import.meta.url), dir, {recursive: true})
})
after(() => stopSandbox(sb))

test('users, then each documented badge/PIN layout: the cloud holds exactly what the files say; a second run changes nothing', async () => {
  let r = await json('users', 'import', f('users.csv'))
  assert.equal(r.code, 0, r.stderr)
  assert.deepEqual([r.body.created, r.body.unchanged, r.body.rejected, r.body.reportFile], [6, 0, 0, null])
  assert.doesNotMatch(r.stdout + r.stderr, /Gotham#2026|4321/, 'passwords and PINs never printed')
  r = await json('users', 'import', f('users.csv'))
  assert.deepEqual([r.body.created, r.body.unchanged], [0, 6])

  const expected: Record<string, number> = {
    'badges-badge-and-pin.csv': 1,
    'badges-badge-only.csv': 2,
    'badges-pin-only.csv': 2,
    'badges-reordered.csv': 2,
  }
  for (const [file, rows] of Object.entries(expected)) {
    r = await json('badges', 'import', f(file))
    assert.equal(r.code, 0, `${file}: ${r.stderr}`)
    assert.deepEqual([r.body.created, r.body.updated, r.body.unchanged, r.body.rejected], [rows, 0, 0, 0], file)
    r = await json('badges', 'import', f(file))
    assert.deepEqual([r.body.created, r.body.updated, r.body.unchanged], [0, 0, rows], `${file}, second run`)
  }
  const badges = (await json('badges', 'list')).body as Array<{badgeId: string; email: string; temporary: boolean}>
  assert.deepEqual(
    badges.map((b) => [b.badgeId, b.email, b.temporary]),
    [
      ['20171a', 'jdoe@company.com', true],
      ['20172b,2a,3a', 'ckent@company.com', false],
      ['20173c', 'pparker@company.com', false],
      ['20174d', 'sally@company.com', true],
      ['20175e', 'jdoe@company.com', false],
    ],
  )
  const users = (await json('users', 'list')).body as Array<{email: string; pinSet: boolean; groups: string[]; displayName: string | null}>
  const by = Object.fromEntries(users.map((u) => [u.email, u]))
  assert.deepEqual(
    ['bwayne@company.com', 'dprince@company.com', 'pparker@company.com', 'sally@company.com'].map((e) => by[e].pinSet),
    [true, true, true, true],
  )
  assert.deepEqual([by['jdoe@company.com'].pinSet, by['ckent@company.com'].pinSet], [false, false])
  assert.deepEqual(by['jdoe@company.com'].groups, ['Finance', 'Printing'])
  assert.equal(by['dprince@company.com'].displayName, 'Prince, Diana')

  // the PIN-only layout through lcs pins import: the same PINs are already set
  r = await json('pins', 'import', f('badges-pin-only.csv'))
  assert.deepEqual([r.code, r.body.unchanged], [0, 2])
  r = await json('pins', 'import', f('badges-badge-only.csv'))
  assert.equal(r.code, 7)
  assert.match(r.body.error.details[0].rule, /lcs badges import/)

  // DELETE asks first; without a terminal it needs --yes; deleting again is unchanged
  r = await json('badges', 'import', f('badges-delete.csv'))
  assert.equal(r.code, 2)
  assert.match(r.body.error.message, /--yes/)
  r = await json('badges', 'import', f('badges-delete.csv'), '--yes')
  assert.deepEqual([r.code, r.body.deleted], [0, 1])
  r = await json('badges', 'import', f('badges-delete.csv'), '--yes')
  assert.deepEqual([r.code, r.body.deleted, r.body.unchanged], [0, 0, 1])
})

test('UPDATE and DELETE rows; an unknown user stops the import before anything changes, or is reported with --continue-on-error', async () => {
  const file = f('changes.csv')
  writeFileSync(
    file,
    [
      'OPERATION,EMAIL,FIRST_NAME,LAST_NAME,DISPLAY_NAME,DEPARTMENT,COST_CENTER,GROUPS,PIN,PASSWORD',
      'UPDATE,jdoe@company.com,,,,Sales,,Printing,,NewPass#2026x',
      'DELETE,ckent@company.com,,,,,,,,',
      'UPDATE,ghost@company.com,,,,Sales,,,,Ghost#2026pw',
    ].join('\r\n') + '\r\n',
  )
  let r = await json('users', 'import', file, '--yes')
  assert.equal(r.code, 7)
  assert.deepEqual(
    r.body.error.details.map((d: {line: number; column: number; field: string}) => [d.line, d.column, d.field]),
    [[4, 2, 'EMAIL']],
  )
  type Listed = Array<{email: string; department: string; groups: string[]}>
  let users = (await json('users', 'list')).body as Listed
  assert.ok(
    users.some((u) => u.email === 'ckent@company.com'),
    'nothing was changed',
  )
  r = await json('users', 'import', file, '--yes', '--continue-on-error')
  assert.equal(r.code, 9, r.stderr)
  assert.deepEqual([r.body.updated, r.body.deleted, r.body.rejected, r.body.error.code], [1, 1, 1, 'partial'])
  const report = readFileSync(r.body.reportFile, 'utf8')
  assert.match(report, /^LINE,OPERATION,EMAIL,.*,PASSWORD,REASON\r?\n/)
  assert.match(report, /\n4,UPDATE,ghost@company\.com,.*,\*\*\*\*,EMAIL: No user ghost@company\.com/)
  assert.doesNotMatch(report + r.stdout + r.stderr, /Ghost#2026pw|NewPass#2026x/)
  users = (await json('users', 'list')).body as Listed
  const jdoe = users.find((u) => u.email === 'jdoe@company.com')!
  assert.deepEqual([jdoe.department, jdoe.groups], ['Sales', ['Printing']])
  assert.ok(!users.some((u) => u.email === 'ckent@company.com'))
  assert.ok(!existsSync(`${file}.journal`))
})

test('--dry-run plans per row and changes nothing; --validate-only needs no login', async () => {
  const file = f('plan.csv')
  writeFileSync(
    file,
    'EMAIL,OPERATION,PASSWORD,FIRST_NAME,LAST_NAME,DISPLAY_NAME,DEPARTMENT,COST_CENTER,GROUPS,PIN\nnew@company.com,CREATE,,New,User,,,,,\njdoe@company.com,UPDATE,,,,,Sales,,,\npparker@company.com,DELETE,,,,,,,,\n',
  )
  const r = await json('users', 'import', file, '--dry-run')
  assert.equal(r.code, 0, r.stderr)
  assert.deepEqual(
    r.body.plan.map((p: {line: number; action: string}) => [p.line, p.action]),
    [
      [2, 'create'],
      [3, 'unchanged'],
      [4, 'delete'],
    ],
  )
  const users = (await json('users', 'list')).body as Array<{email: string}>
  assert.ok(!users.some((u) => u.email === 'new@company.com'))
  const offline = await run(['users', 'import', file, '--validate-only', '--json'], {env: isolatedEnv()})
  assert.equal(offline.code, 0, offline.stderr)
  assert.equal(JSON.parse(offline.stdout).rows, 3)
})

test('single-user commands: create, conflict, update, delete', async () => {
  let r = await json('users', 'create', 'lane@company.com', '--first-name', 'Lois', '--groups', 'Newsroom;Printing')
  assert.deepEqual([r.code, r.body.outcome], [0, 'created'])
  r = await json('users', 'create', 'lane@company.com', '--first-name', 'Lois')
  assert.deepEqual([r.code, r.body.outcome], [0, 'unchanged'])
  r = await json('users', 'create', 'lane@company.com', '--first-name', 'Louise')
  assert.equal(r.code, 6)
  r = await json('users', 'update', 'nobody@company.com', '--department', 'X')
  assert.equal(r.code, 3)
  r = await json('users', 'update', 'lane@company.com', '--first-name', '=HYPERLINK("x")')
  assert.equal(r.code, 2)
  r = await json('users', 'delete', 'lane@company.com')
  assert.equal(r.code, 2, 'no terminal: --yes needed')
  r = await json('users', 'delete', 'lane@company.com', '--yes')
  assert.deepEqual([r.code, r.body.outcome], [0, 'deleted'])
  r = await json('users', 'delete', 'lane@company.com', '--yes')
  assert.deepEqual([r.code, r.body.outcome], [0, 'unchanged'])
  r = await json('badges', 'register', 'b-lane', '--email', 'dprince@company.com', '--temporary')
  assert.deepEqual([r.code, r.body.outcome], [0, 'created'])
  r = await json('badges', 'register', 'b-lane', '--email', 'bwayne@company.com')
  assert.equal(r.code, 6)
  r = await json('badges', 'delete', 'b-lane', '--yes')
  assert.deepEqual([r.code, r.body.outcome], [0, 'deleted'])
  r = await json('badges', 'delete', 'never-registered', '--yes')
  assert.equal(r.code, 3)
})

test('PINs follow the organization setting: generated and e-mailed, admin-set from stdin, or refused', async () => {
  assert.equal((await lcs('login-config', 'set', '--pin-generation', 'auto')).code, 0)
  const file = f('auto.csv')
  writeFileSync(file, 'BADGE,OPERATION,EMAIL,TEMPORARY,PIN\n,CREATE,jdoe@company.com,,555555\n,CREATE,dprince@company.com,,\n')
  let j = await json('pins', 'import', file)
  assert.equal(j.code, 0, j.stderr)
  assert.match(j.stderr, /PIN ignored: the organization generates PINs.*\(1 row\)/)
  assert.deepEqual(
    [j.body.created, j.body.unchanged, j.body.warnings.length],
    [1, 1, 1],
    'a PIN generated for jdoe, who had none; dprince keeps hers',
  )
  j = await json('pins', 'import', file)
  assert.deepEqual([j.body.created, j.body.unchanged], [0, 2])
  j = await json('pins', 'set', 'jdoe@company.com')
  assert.deepEqual([j.code, j.body.generated, j.body.outcome], [0, true, 'updated'])
  assert.equal((await lcs('login-config', 'set', '--pin-generation', 'user')).code, 0)
  j = await json('pins', 'set', 'jdoe@company.com')
  assert.equal(j.code, 6)
  j = await json('login-config', 'set', '--pin-generation', 'admin', '--pin-length', '6')
  assert.deepEqual(j.body, {methods: ['badge', 'pin'], pinExpiry: null, pinGeneration: 'admin', pinLength: 6})
  j = await json('pins', 'import', f('badges-pin-only.csv'))
  assert.equal(j.code, 7, 'the organization now wants 6 digits')
  assert.deepEqual([j.body.error.details[0].line, j.body.error.details[0].column], [3, 5])
  assert.match(j.body.error.details[0].rule, /exactly 6 digits/)
  assert.equal((await lcs('login-config', 'set', '--pin-length', 'any')).code, 0)
  let r = await run(['pins', 'set', 'ckent2@company.com', '--pin-stdin', '--json'], {env, input: '8642\n'})
  assert.equal(r.code, 3, 'unknown user')
  r = await run(['pins', 'set', 'jdoe@company.com', '--pin-stdin', '--json'], {env, input: '8642\n'})
  assert.deepEqual([r.code, JSON.parse(r.stdout).outcome], [0, 'updated'])
  assert.doesNotMatch(r.stdout + r.stderr, /8642/)
  r = await run(['pins', 'set', 'jdoe@company.com', '--pin-stdin', '--json'], {env, input: '12\n'})
  assert.equal(r.code, 2)
  assert.match(r.stderr, /4–12 digits/)
  r = await lcs('pins', 'set', 'jdoe@company.com')
  assert.equal(r.code, 2, 'no terminal: --pin-stdin needed')
})
