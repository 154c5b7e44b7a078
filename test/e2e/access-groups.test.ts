// A partner onboards a customer as a new user would: creates the customer organization, a Child
// Organization Access Group with the enrolling roles, adds a technician; the technician, logged in with
// their own password, enrolls simulated printers in the customer organization. Removed from the group,
// their next enroll is one line naming the role (exit 5).
import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'

import {isolatedEnv, run, runJson, startSandbox, stopSandbox, type SandboxJson} from '../helpers/cli.js'

interface Sim {
  address: string
  ews: {capability: string} | null
}

const SNMP = 33_000 + (process.pid % 9000)
const EWS = SNMP + 1
let sb: SandboxJson & {printers: Sim[]}
let partner: NodeJS.ProcessEnv

before(async () => {
  sb = (await startSandbox([
    '--printers',
    '6',
    '--subnet',
    '127.38.0.0/28',
    '--snmp-port',
    String(SNMP),
    '--ews-port',
    String(EWS),
    '--no-mdns',
    '--seed',
    '7',
  ])) as typeof sb
  partner = isolatedEnv()
  const login = await run(['login', '--api-url', sb.apiUrl, '--email', sb.adminEmail, '--password-stdin'], {
    env: partner,
    input: sb.adminPassword,
  })
  assert.equal(login.code, 0, login.stderr)
})
after(() => stopSandbox(sb))

test('partner → access group → technician enrolls in the customer organization → removed → permission denied', async () => {
  const child = await runJson(['orgs', 'create-child', 'Acme Clinics'], partner)
  assert.equal(child.code, 0, child.stderr)
  const group = await runJson(
    ['access-groups', 'create', 'Fleet technicians', '--role', 'Fleet Management Administrator', '--role', 'file service administrator'],
    partner,
  )
  assert.equal(group.code, 0, group.stderr)
  assert.deepEqual(group.body.roles, ['File Service Administrator', 'Fleet Management Administrator', 'Partner Administrator'])
  const password = 'Field#Tech2026'
  assert.equal(
    (await run(['users', 'create', 'field.tech@northwind.example', '--password-stdin'], {env: partner, input: password})).code,
    0,
  )

  const tech = isolatedEnv()
  assert.equal(
    (
      await run(['login', '--api-url', sb.apiUrl, '--email', 'field.tech@northwind.example', '--password-stdin'], {
        env: tech,
        input: password,
      })
    ).code,
    0,
  )
  const enroll = (address: string) =>
    run(
      [
        'printers',
        'enroll',
        address,
        '--org',
        'Acme Clinics',
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
  const [first, second] = sb.printers.filter((p) => p.ews && p.ews.capability !== 'none')

  const outside = await enroll(first.address)
  assert.equal(outside.code, 5, 'a partner user outside every access group has no access to the customer')
  assert.match(outside.stderr, /not in a Child Organization Access Group.*Partner Administrator.*lcs access-groups members add GROUP EMAIL/)

  const add = await runJson(['access-groups', 'members', 'add', 'fleet technicians', 'field.tech@northwind.example'], partner)
  assert.equal(add.code, 0, add.stderr)
  const ok = await enroll(first.address)
  assert.equal(ok.code, 0, ok.stderr)
  assert.equal(JSON.parse(ok.stdout)[0].result, 'enrolled')
  const listed = await runJson(['printers', 'list', '--org', 'Acme Clinics'], partner)
  assert.equal(listed.body.length, 1, 'the seeded administrator reaches the customer through the seeded access group')

  const keep = await run(['access-groups', 'roles', 'remove', 'Fleet technicians', 'Partner Administrator'], {env: partner})
  assert.equal(keep.code, 7)
  assert.match(keep.stderr, /Partner Administrator cannot be removed from a Child Organization Access Group/)

  assert.equal(
    (await runJson(['access-groups', 'members', 'remove', 'Fleet technicians', 'field.tech@northwind.example'], partner)).code,
    0,
  )
  const denied = await enroll(second.address)
  assert.equal(denied.code, 5)
  assert.match(denied.stderr, /Partner Administrator/)
  assert.equal(
    denied.stderr
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('Error:')).length,
    1,
  )
  const groups = await runJson(['access-groups', 'list'], partner)
  assert.deepEqual(
    (groups.body as Array<{name: string}>).map((g) => g.name),
    ['Fleet technicians', 'Partner Administrators'],
  )
})
