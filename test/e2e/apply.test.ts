// Rollout files end to end against a fresh sandbox (its seeded printers): the example creates everything
// it names (PIN settings, groups, users, badges, PINs and serials inline and from CSV files, resources,
// configurations, deployments), a second run is all unchanged with exit 0, --dry-run on a changed file
// shows exactly the difference, bad files (a CSV reference among them) are refused with their lines
// before anything changes, passwords and PINs never show, a partial failure exits 9 and a re-run of the
// fixed file finishes the job, and a partner creates a child organization.
import assert from 'node:assert/strict'
import {copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, test} from 'node:test'

import {isolatedEnv, run, startSandbox, stopSandbox, tempDir, type SandboxJson} from '../helpers/cli.js'

interface Result {
  plan: Array<{kind: string; name: string; action: string; changes?: string[]}>
  applied: boolean
  failed: Array<{kind: string; name: string; error: string}>
}

let sb: SandboxJson
let env: NodeJS.ProcessEnv
const fx = (f: string) => new URL(`../../fixtures/${f}`, import.meta.url).pathname
const lcs = (args: string[]) => run(args, {env, timeoutMs: 60_000})
const apply = async (file: string, extra: string[] = []) => {
  const r = await lcs(['apply', '-f', file, '--json', '--poll-interval', '300', ...extra])
  return {...r, result: r.stdout ? (JSON.parse(r.stdout) as Result) : undefined}
}
const changed = (r: Result) =>
  r.plan
    .filter((p) => p.action !== 'unchanged')
    .map((p) => `${p.action} ${p.kind} ${p.name}${p.changes ? ` (${p.changes.join(', ')})` : ''}`)

before(async () => {
  sb = await startSandbox()
  env = isolatedEnv({LCS_API_URL: sb.apiUrl, LCS_CLIENT_ID: sb.clientId, LCS_CLIENT_SECRET: sb.clientSecret})
})
after(() => stopSandbox(sb))

test('bad rollout files are refused with the line of each problem, before anything changes', async () => {
  const cases: Array<[string, RegExp]> = [
    ['typo.yaml', /typo\.yaml:9:9: configurations\[0\]\.apps\[1\]\.resorce: unknown key "resorce" \(did you mean "resource"\?\)/],
    [
      'wrong-type.yaml',
      /wrong-type\.yaml:6:26: configurations\[0\]\.recommendedFirmware: must be true or false[\s\S]*wrong-type\.yaml:11:11: deployments\[0\]\.wait/,
    ],
    ['missing-file.yaml', /missing-file\.yaml:8:11: resources\[0\]\.file: file not found: \.\.\/\.\.\/settings\/no-such-file\.ucf/],
    ['unknown-resource.yaml', /unknown-resource\.yaml:7:9: configurations\[0\]\.apps\[0\]: unknown resource "Front Desk Kiosk 9\.9"/],
    [
      'two-firmware.yaml',
      /two-firmware\.yaml:13:31: configurations\[0\]\.firmware\[1\]: two firmware resources for one model: "CS730 special" and "CS730 latest" both support the CS730de/,
    ],
    ['not-enrolled.yaml', /not-enrolled\.yaml:10:28: deployments\[0\]\.targets\.serials\[1\]: 50999999Z is not enrolled in Contoso Retail/],
    ['missing-csv.yaml', /missing-csv\.yaml:7:11: users\[1\]\.file: file not found: \.\.\/contoso\/no-such-users\.csv/],
    [
      'bad-csv.yaml',
      /bad-csv\.yaml:6:11: users\[0\]\.file: bad-users\.csv:2:10 \(PIN\): a PIN is digits only\n.*bad-csv\.yaml:6:11: users\[0\]\.file: bad-users\.csv:3:1 \(EMAIL\): "not-an-address" is not a valid e-mail address\n[\s\S]*bad-csv\.yaml:8:10: users\[1\]\.pin: the organization's PINs have exactly 6 digits \(got 4\)/,
    ],
  ]
  for (const [file, re] of cases) {
    const r = await lcs(['apply', '-f', fx(`rollout/bad/${file}`)])
    assert.equal(r.code, 7, `${file}: ${r.stderr}`)
    assert.match(r.stderr, re)
    assert.match(r.stderr, /nothing was changed/)
  }
  rmSync(fx('rollout/bad/bad-users.csv.rejected.csv'), {force: true})
  const resources = JSON.parse((await lcs(['resources', 'list', '--json', '--org', 'Contoso Retail'])).stdout) as unknown[]
  assert.equal(resources.length, 0, 'nothing was created by the refused files')
  const users = JSON.parse((await lcs(['users', 'list', '--json', '--org', 'Contoso Retail'])).stdout) as unknown[]
  assert.equal(users.length, 0)
  const cfg = await lcs(['configs', 'create', '-f', fx('configs/store-standard.yaml'), '--org', 'Contoso Retail'])
  assert.equal(cfg.code, 7)
  assert.match(cfg.stderr, /store-standard\.yaml:9:12: settings\[0\]: unknown resource "Front desk settings"/)
})

test('the example creates everything it names; again, everything is unchanged (exit 0); --dry-run shows exactly the difference', async (t) => {
  const first = await apply(fx('rollout/contoso.yaml'))
  assert.equal(first.code, 0, first.stderr)
  assert.deepEqual(changed(first.result!), [
    'update login settings printer login (pinLength)',
    'create group Store managers',
    'create group Front desk',
    'create group Back office',
    'create users file contoso/users.csv',
    'create user amelia.ortiz@contoso.example',
    'create badges file contoso/badges.csv',
    'create badge C0FFEE12',
    'create pin ben.carter@contoso.example',
    'create preenrollment 7528X9X0031',
    'create preenroll file contoso/serials.txt',
    'create resource CS730 special firmware',
    'create resource Front Desk Kiosk 1.2.0',
    'create resource Front desk settings',
    'create resource Security baseline',
    'create resource Energy saver',
    'create configuration Store standard',
    'create deployment Store standard, first stores',
  ])
  assert.equal(first.result!.applied, true)
  assert.deepEqual(first.result!.failed, [])
  const configs = JSON.parse((await lcs(['configs', 'list', '--json', '--org', 'Contoso Retail'])).stdout) as Array<{
    name: string
    isDefault: boolean
    deployed: boolean
  }>
  assert.deepEqual(
    configs.map((c) => [c.name, c.isDefault, c.deployed]),
    [['Store standard', true, true]],
  )
  const users = JSON.parse((await lcs(['users', 'list', '--json', '--org', 'Contoso Retail'])).stdout) as Array<{
    email: string
    groups: string[]
    pinSet: boolean
  }>
  assert.deepEqual(
    users.map((u) => [u.email, u.groups.join(';'), u.pinSet]),
    [
      ['amelia.ortiz@contoso.example', 'Store managers', true],
      ['ben.carter@contoso.example', 'Front desk', true],
      ['chloe.nguyen@contoso.example', 'Back office;Front desk', true],
      ['diego.silva@contoso.example', 'Back office', false],
    ],
  )
  const badges = JSON.parse((await lcs(['badges', 'list', '--json', '--org', 'Contoso Retail'])).stdout) as unknown[]
  assert.equal(badges.length, 4)
  const again = await apply(fx('rollout/contoso.yaml'))
  assert.equal(again.code, 0, again.stderr)
  assert.deepEqual(changed(again.result!), [])
  assert.ok(again.result!.plan.every((p) => p.action === 'unchanged'))
  // a changed copy of the file, next to the fixtures so its relative paths still work
  const dir = join(fx('rollout'), `.tmp-${process.pid}`)
  mkdirSync(dir, {recursive: true})
  const file = join(dir, 'contoso.yaml')
  writeFileSync(
    file,
    readFileSync(fx('rollout/contoso.yaml'), 'utf8')
      .replaceAll('../', '../../')
      .replace('root: ..', 'root: ../..')
      .replaceAll('file: contoso/', 'file: ../contoso/')
      .replace('department: Store 12', 'department: Store 14')
      .replace('pin: "731904"', 'pin: "731905"')
      .replace('  - 7528X9X0031\n', '  - 7528X9X0031\n  - 7528X9X0039\n')
      .replace('Badge login, sleep after 20 minutes', 'Badge login, sleep after 10 minutes')
      .replace('    file: ../../settings/energy-saver.txt\n', '    file: ../../settings/energy-saver.txt\n    state: absent\n')
      .replace('\ndeployments:', '  - name: Lobby kiosks\n    apps: [{resource: Front Desk Kiosk 1.2.0}]\n\ndeployments:'),
  )
  t.after(() => rmSync(dir, {force: true, recursive: true}))
  const dry = await apply(file, ['--dry-run'])
  assert.equal(dry.code, 0, dry.stderr)
  assert.equal(dry.result!.applied, false)
  assert.deepEqual(changed(dry.result!), [
    'update user amelia.ortiz@contoso.example (department)',
    'update pin ben.carter@contoso.example (pin)',
    'create preenrollment 7528X9X0039',
    'update resource Front desk settings (description)',
    'delete resource Energy saver',
    'create configuration Lobby kiosks',
  ])
  const noYes = await lcs(['apply', '-f', file])
  assert.equal(noYes.code, 2, 'a deletion needs --yes without a terminal')
  assert.deepEqual(changed((await apply(fx('rollout/contoso.yaml'), ['--dry-run'])).result!), [], 'the dry run changed nothing')
  const human = await lcs(['apply', '-f', file, '--dry-run'])
  assert.match(human.stdout, /~ resource\s+Front desk settings\s+update \(description\)/)
  assert.match(human.stdout, /- resource\s+Energy saver\s+delete/)
  assert.match(human.stdout, /\+ configuration\s+Lobby kiosks\s+create/)
  assert.match(human.stdout, /~ pin\s+ben\.carter@contoso\.example\s+update \(pin\)/)
  assert.match(human.stdout, /= users file\s+\.\.\/contoso\/users\.csv\s+unchanged\s+— 3 unchanged/)
  assert.match(human.stdout, /Plan: 2 to create, 3 to update, 1 to delete, 15 unchanged\./)
  assert.doesNotMatch(human.stdout + human.stderr, /731905|731904|482913/)
})

test('passwords and PINs of a rollout file and of its CSV files never show: plan, --json, errors, traces', async () => {
  const dir = tempDir('lcs-rollout-')
  const secrets = {csvPassword: 'Rt5nB2x!Q9w', csvPin: '62953', password: 'Vq8mZ3k@Pw7', pin: '80417', pin2: '31790'}
  const csv = (pin: string) => `EMAIL,OPERATION,PASSWORD,FIRST_NAME,LAST_NAME,DISPLAY_NAME,DEPARTMENT,COST_CENTER,GROUPS,PIN
nora.one@fabrikam.example,CREATE,${secrets.csvPassword},Nora,One,,Ward 3,,Nurses,${pin}
tom.two@fabrikam.example,CREATE,,Tom,Two,,Ward 3,,Nurses,
`
  const doc = (pin: string) => `version: 1
organization: {name: Fabrikam Health}
loginSettings: {pinLength: 5}
users:
  - file: staff.csv
  - {email: head.nurse@fabrikam.example, password: "${secrets.password}", pin: "${pin}", groups: [Nurses]}
pins:
  - {email: tom.two@fabrikam.example, pin: "${secrets.pin2}"}
`
  const file = join(dir, 'fabrikam.yaml')
  const leaks = (r: {stdout: string; stderr: string}) => Object.values(secrets).filter((v) => (r.stdout + r.stderr).includes(v))
  // refused: a PIN too short inline, one with a letter in the CSV
  writeFileSync(join(dir, 'staff.csv'), csv('6295x'))
  writeFileSync(file, doc('8041'))
  for (const args of [[], ['--json']]) {
    const bad = await lcs(['apply', '-f', file, ...args])
    assert.equal(bad.code, 7, bad.stderr)
    assert.match(bad.stderr, /fabrikam\.yaml:5:11: users\[0\]\.file: staff\.csv:2:10 \(PIN\): a PIN is digits only/)
    assert.match(bad.stderr, /fabrikam\.yaml:6:72: users\[1\]\.pin: the organization's PINs have exactly 5 digits \(got 4\)/)
    assert.deepEqual(leaks(bad), [])
  }
  writeFileSync(join(dir, 'staff.csv'), csv(secrets.csvPin))
  writeFileSync(file, doc(secrets.pin))
  const dry = await lcs(['apply', '-f', file, '--dry-run'])
  assert.equal(dry.code, 0, dry.stderr)
  assert.match(dry.stdout, /\+ users file\s+staff\.csv\s+create\s+— 2 to create/)
  assert.deepEqual(leaks(dry), [])
  const r = await lcs(['apply', '-f', file, '--json', '--verbose'])
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stderr, /users\/batch/, 'the HTTP trace is there, masked')
  assert.deepEqual(leaks(r), [])
  const again = await apply(file)
  assert.deepEqual(changed(again.result!), [])
  assert.deepEqual(leaks(again), [])
})

test('a partial failure exits 9 and says what failed; the fixed file, applied again, finishes the job', async () => {
  const dir = tempDir('lcs-rollout-')
  for (const f of ['front-desk-kiosk-1.2.0.fls']) copyFileSync(fx(`apps/${f}`), join(dir, f))
  const file = join(dir, 'fabrikam.yaml')
  const doc = (serials: string) => `version: 1
organization: {name: Fabrikam Health}
resources:
  - {name: Kiosk, type: app, file: front-desk-kiosk-1.2.0.fls}
configurations:
  - {name: Clinic standard, apps: [{resource: Kiosk}]}
deployments:
  - configuration: Clinic standard
    targets: {serials: [${serials}]}
`
  // Fabrikam's seeded printers: a CS943de (eSF) and a Xerox AltaLink (no eSF: "unsupported model")
  const printers = JSON.parse((await lcs(['printers', 'list', '--json', '--org', 'Fabrikam Health'])).stdout) as Array<{
    serialNumber: string
    manufacturer: string
  }>
  const lexmark = printers.filter((p) => p.manufacturer === 'Lexmark').map((p) => p.serialNumber)
  const other = printers.find((p) => p.manufacturer !== 'Lexmark')!.serialNumber
  writeFileSync(file, doc([...lexmark, other].join(', ')))
  const r = await apply(file)
  assert.equal(r.code, 9, r.stderr)
  assert.deepEqual(
    r.result!.failed.map((f) => f.kind),
    ['deployment'],
  )
  assert.match(r.result!.failed[0].error, new RegExp(`${other}: .*unsupported model`))
  writeFileSync(file, doc(lexmark.join(', ')))
  const again = await apply(file)
  assert.equal(again.code, 0, again.stderr)
  assert.deepEqual(changed(again.result!), [], 'the resource, the configuration and the Lexmark printers were done by the first run')
})

test('a partner creates a child organization from a rollout file; a second run changes nothing', async () => {
  const r = await apply(fx('rollout/new-customer.yaml'))
  assert.equal(r.code, 0, r.stderr)
  assert.deepEqual(changed(r.result!), [
    'create organization Tailspin Toys',
    'create resource CX735 firmware',
    'create resource Energy saver',
    'create configuration Tailspin baseline',
  ])
  assert.match(r.stdout, /"action": "unchanged"/)
  const orgs = JSON.parse((await lcs(['orgs', 'list', '--json'])).stdout) as Array<{name: string}>
  assert.ok(orgs.some((o) => o.name === 'Tailspin Toys'))
  const again = await apply(fx('rollout/new-customer.yaml'))
  assert.deepEqual(changed(again.result!), [])
})

test("files outside the rollout file's folder (a path, a symlink) are refused naming the rule; no content of a foreign file is shown", async () => {
  const top = tempDir('lcs-confine-')
  const dir = join(top, 'rollout')
  const outside = join(top, 'outside')
  mkdirSync(dir)
  mkdirSync(outside)
  const secret = 'root:$6$Zk3xSECRETHASH:19000:0:99999:7:::'
  writeFileSync(join(outside, 'shadow'), `${secret}\ndaemon:*:19000:0:99999:7:::\n`)
  writeFileSync(join(outside, 'notes.txt'), 'Secret.Setting "value"\n')
  symlinkSync(join(outside, 'shadow'), join(dir, 'staff.csv'))
  symlinkSync(join(outside, 'shadow'), join(dir, 'bundle.zip'))
  const file = join(dir, 'rollout.yaml')
  writeFileSync(
    file,
    `version: 1
organization: {name: Fabrikam Health}
users:
  - file: staff.csv
  - file: ../outside/shadow
resources:
  - {name: Notes, type: ucf, file: ../outside/notes.txt}
  - {name: Bundle, type: bundle, file: bundle.zip}
`,
  )
  const r = await lcs(['apply', '-f', file, '--dry-run'])
  assert.equal(r.code, 7, r.stderr)
  assert.match(
    r.stderr,
    /rollout\.yaml:4:11: users\[0\]\.file: staff\.csv is outside the rollout file's folder \(it resolves to .*outside\/shadow\)/,
  )
  assert.match(
    r.stderr,
    /rollout\.yaml:5:11: users\[1\]\.file: \.\.\/outside\/shadow is outside the rollout file's folder: a rollout file reads files only under/,
  )
  assert.match(r.stderr, /rollout\.yaml:7:36: resources\[0\]\.file: \.\.\/outside\/notes\.txt is outside/)
  assert.match(r.stderr, /rollout\.yaml:8:40: resources\[1\]\.file: bundle\.zip is outside .*--allow-outside FOLDER/)
  // allowed, the foreign file is read as a CSV file: refused without echoing its first line
  const allowed = await lcs(['apply', '-f', file, '--dry-run', '--allow-outside', outside])
  assert.equal(allowed.code, 7, allowed.stderr)
  assert.match(allowed.stderr, /staff\.csv:1:1: the first line is not a header of this format: it names none of the columns EMAIL,/)
  assert.doesNotMatch(allowed.stderr, /is outside/)
  for (const out of [r, allowed]) assert.ok(!(out.stdout + out.stderr).includes('SECRETHASH'), out.stderr)
  rmSync(top, {force: true, recursive: true})
})

test('a clean apply leaves no journal behind, even of an interrupted run whose rows the cloud now all holds', async () => {
  const dir = tempDir('lcs-rollout-')
  writeFileSync(
    join(dir, 'staff.csv'),
    `EMAIL,OPERATION,PASSWORD,FIRST_NAME,LAST_NAME,DISPLAY_NAME,DEPARTMENT,COST_CENTER,GROUPS,PIN
jo.journal@fabrikam.example,CREATE,,Jo,Journal,,Ward 9,,,
`,
  )
  const file = join(dir, 'rollout.yaml')
  writeFileSync(file, 'version: 1\norganization: {name: Fabrikam Health}\nusers:\n  - file: staff.csv\n')
  const first = await apply(file)
  assert.equal(first.code, 0, first.stderr)
  // what a run killed after its last chunk leaves: the rows are in the cloud, the journal still there
  writeFileSync(join(dir, 'staff.csv.journal'), '{"format":"users","sha256":"0","target":"x"}\n{"done":[[2,"c"]]}\n')
  const again = await apply(file)
  assert.equal(again.code, 0, again.stderr)
  assert.deepEqual(changed(again.result!), [])
  assert.deepEqual(readdirSync(dir).sort(), ['rollout.yaml', 'staff.csv'])
})
