// MPS Express end to end against the sandbox over real sockets, through the commands (in-process): the
// eligibility report with the seed's statuses, contacts (create and assign, assign, duplicate, update,
// delete refused while assigned), entitlement (cannot be undone: --yes), adding Eligible printers only,
// and the roles the sandbox enforces. Bad input leaves the cloud as it was.
import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'

import MpsAdd from '../../src/commands/mps/add.js'
import MpsContactsAssign from '../../src/commands/mps/contacts/assign.js'
import MpsContactsCreate from '../../src/commands/mps/contacts/create.js'
import MpsContactsDelete from '../../src/commands/mps/contacts/delete.js'
import MpsContactsDuplicate from '../../src/commands/mps/contacts/duplicate.js'
import MpsContactsUpdate from '../../src/commands/mps/contacts/update.js'
import MpsEligibility from '../../src/commands/mps/eligibility.js'
import MpsEntitle from '../../src/commands/mps/entitle.js'
import PrintersList from '../../src/commands/printers/list.js'
import type {CloudClient, EnrolledPrinter} from '../../src/lib/cloud/index.js'
import type {EligibilitySummary} from '../../src/lib/mps/index.js'
import {openDb} from '../../src/lib/sandbox/db.js'
import {registerPrinter} from '../../src/lib/sandbox/store/enrollment.js'
import {failRegistration} from '../../src/lib/sandbox/store/mps.js'
import {contactFlags, SUPPLIES_CONTACT} from '../helpers/cli.js'
import {collect, runInProcess, sandboxForCommands} from '../helpers/inprocess.js'

let sb: Awaited<ReturnType<typeof sandboxForCommands>>
let client: CloudClient
let env: NodeJS.ProcessEnv
let contoso: {id: string; name: string}
let lexmark: EnrolledPrinter[]
let hp: EnrolledPrinter[]

// mixed case: the cloud keeps e-mail and country normalized
const contact = contactFlags({...SUPPLIES_CONTACT, country: 'us', email: 'Dana@Contoso.example'})

before(async () => {
  sb = await sandboxForCommands()
  const {info} = sb
  contoso = info.children[0]
  client = sb.client
  env = {...sb.env, LCS_ORG: contoso.id}
  const printers: EnrolledPrinter[] = []
  for await (const p of client.printers.list(contoso.id)) printers.push(p)
  lexmark = printers.filter((p) => p.manufacturer === 'Lexmark')
  hp = printers.filter((p) => p.manufacturer !== 'Lexmark')
  assert.ok(lexmark.length >= 2 && hp.length >= 1, 'the seed gives Contoso Lexmark and other printers')
  // Fabrikam gets one printer per status that needs facts the seed does not have
  const db = openDb(sb.dataDir)
  const fabrikam = info.children[1].id
  const lex = {agent: 'native', manufacturer: 'Lexmark', modelName: 'CX943adxse'}
  for (const serial of ['FAILREG001', 'NOPAGES001', 'MANYPAGES01', 'OLDAGENT01']) {
    registerPrinter(db, fabrikam, {...lex, agent: serial === 'OLDAGENT01' ? 'fleet' : 'native', serial})
    const counters = serial === 'NOPAGES001' ? {} : {lifetimeCount: serial === 'MANYPAGES01' ? 500_001 : 1200}
    db.prepare('UPDATE assets SET counters = ? WHERE serial = ?').run(JSON.stringify(counters), serial)
  }
  failRegistration(db, 'FAILREG001')
  db.close()
})
after(() => sb.sandbox.stop())

const statusOf = (r: EligibilitySummary, serial: string) => r.printers.find((p) => p.serialNumber === serial)?.status

test("the eligibility report: the seed's statuses, with serials and models per status, as a table and as --json", async () => {
  const json = await runInProcess<EligibilitySummary>(MpsEligibility, ['--json'], {env})
  assert.equal(json.code, 0, json.stderr)
  const r = JSON.parse(json.stdout) as EligibilitySummary
  assert.equal(r.entitled, false)
  for (const p of lexmark) assert.equal(statusOf(r, p.serialNumber), 'No supplies delivery contact assigned')
  for (const p of hp) assert.equal(statusOf(r, p.serialNumber), 'Model not supported')
  const group = r.statuses.find((g) => g.status === 'Model not supported')!
  assert.equal(group.count, hp.length)
  assert.deepEqual(
    group.printers,
    hp.map((p) => ({modelName: p.modelName, serialNumber: p.serialNumber})).sort((a, b) => a.serialNumber.localeCompare(b.serialNumber)),
  )
  const table = await runInProcess(MpsEligibility, [], {env})
  assert.match(table.stdout, /^No supplies delivery contact assigned\s+2$/m)
  assert.match(table.stdout, new RegExp(`${hp[0].serialNumber}\\t${hp[0].modelName}\\tModel not supported`))
  assert.match(table.stderr, /not entitled to MPS Express/)

  const fab = JSON.parse(
    (
      await runInProcess(MpsEligibility, ['FAILREG001', 'NOPAGES001', 'MANYPAGES01', 'OLDAGENT01', '--json'], {
        env: {...env, LCS_ORG: sb.info.children[1].id},
      })
    ).stdout,
  ) as EligibilitySummary
  assert.deepEqual(
    fab.statuses.map((g) => [g.status, g.printers.map((p) => p.serialNumber)]),
    [
      ['Printer failed registration', ['FAILREG001']],
      ['Associated with down-level fleet agent', ['OLDAGENT01']],
      ['Lifetime page count missing', ['NOPAGES001']],
      ['Lifetime page count exceeds maximum allowed', ['MANYPAGES01']],
    ],
  )
  const unknown = await runInProcess(MpsEligibility, ['NOSUCH0001'], {env})
  assert.equal(unknown.code, 3)
  assert.match(unknown.stderr, /No enrolled printer with serial NOSUCH0001/)
})

test('contacts: create and assign, assign, duplicate, update; a contact that does not exist or an assigned one are refused', async () => {
  const created = await runInProcess(MpsContactsCreate, [...contact, '--assign', lexmark[0].serialNumber, '--json'], {env})
  assert.equal(created.code, 0, created.stderr)
  const dana = JSON.parse(created.stdout) as {contact: {id: string; email: string; country: string}; results: unknown[]}
  assert.equal(dana.contact.email, 'dana@contoso.example')
  assert.equal(dana.contact.country, 'US')
  assert.deepEqual(dana.results, [{outcome: 'created', serialNumber: lexmark[0].serialNumber}])

  const again = await runInProcess(MpsContactsCreate, contact, {env})
  assert.equal(again.code, 6)
  assert.match(again.stderr, /Contact Dana Reyes <dana@contoso.example> already exists/)
  const bad = await runInProcess(
    MpsContactsCreate,
    contactFlags({...SUPPLIES_CONTACT, country: undefined, countryCode: '+1', firstName: 'Other'}),
    {
      env,
    },
  )
  assert.equal(bad.code, 2)
  assert.match(bad.stderr, /^Error: --country-code: .+; --country is required$/m)

  const before = await collect(client.mps.assignments(contoso.id))
  const ghost = await runInProcess(MpsContactsAssign, ['nobody@contoso.example', lexmark[1].serialNumber], {env})
  assert.equal(ghost.code, 3)
  assert.match(ghost.stderr, /^Error: No supplies delivery contact "nobody@contoso.example" in this organization\.$/m)
  const noPrinter = await runInProcess(MpsContactsAssign, ['Dana Reyes', lexmark[1].serialNumber, 'NOSUCH0001'], {env})
  assert.equal(noPrinter.code, 3)
  assert.match(noPrinter.stderr, /No enrolled printer with serial NOSUCH0001/)
  assert.deepEqual(await collect(client.mps.assignments(contoso.id)), before, 'nothing changed')

  const dup = await runInProcess<{id: string}>(
    MpsContactsDuplicate,
    ['dana@contoso.example', '--first-name', 'Sam', '--email', 'sam@contoso.example', '--json'],
    {env},
  )
  assert.equal(dup.code, 0, dup.stderr)
  const sam = JSON.parse(dup.stdout) as {id: string; businessName: string; firstName: string}
  assert.equal(sam.businessName, 'Contoso Retail')
  const sameAgain = await runInProcess(MpsContactsDuplicate, ['dana@contoso.example'], {env})
  assert.equal(sameAgain.code, 6)

  const upd = await runInProcess(MpsContactsUpdate, ['sam@contoso.example', '--phone', '555 0199', '--json'], {env})
  assert.equal(upd.code, 0, upd.stderr)
  assert.equal((JSON.parse(upd.stdout) as {phone: string; city: string}).phone, '555 0199')

  const assigned = await runInProcess(MpsContactsAssign, [sam.id, lexmark[1].serialNumber, '--json'], {env})
  assert.equal(assigned.code, 0, assigned.stderr)
  assert.deepEqual(JSON.parse(assigned.stdout).results, [{outcome: 'created', serialNumber: lexmark[1].serialNumber}])

  const refused = await runInProcess(MpsContactsDelete, ['dana@contoso.example', '--yes'], {env})
  assert.equal(refused.code, 9)
  assert.match(refused.stdout, /You cannot delete a contact that is assigned to a printer/)
  assert.ok(await client.mpsContacts.get(contoso.id, dana.contact.id), 'still there')
  // Sam's printer goes to Dana: Sam is free to go
  await runInProcess(MpsContactsAssign, ['dana@contoso.example', lexmark[1].serialNumber], {env})
  const deleted = await runInProcess(MpsContactsDelete, ['sam@contoso.example', '--yes', '--json'], {env})
  assert.equal(deleted.code, 0, deleted.stdout)
})

test('adding printers: terms explicitly, Eligible only (refused with the status), entitled first, cannot be undone: --yes', async () => {
  const [a, b] = lexmark.map((p) => p.serialNumber)
  const noTerms = await runInProcess(MpsAdd, [a, '--yes'], {env})
  assert.equal(noTerms.code, 2)
  assert.match(noTerms.stderr, /terms of service accepted: pass --accept-terms/)
  const ineligible = await runInProcess(MpsAdd, [a, hp[0].serialNumber, '--accept-terms', '--yes'], {env})
  assert.equal(ineligible.code, 6)
  assert.match(
    ineligible.stderr,
    new RegExp(`Only Eligible printers can be added to MPS Express: ${hp[0].serialNumber} \\(Model not supported\\)`),
  )
  const notEntitled = await runInProcess(MpsAdd, [a, '--accept-terms', '--yes'], {env})
  assert.equal(notEntitled.code, 6)
  assert.match(notEntitled.stderr, /not entitled to MPS Express/)
  assert.equal((await client.printers.get(contoso.id, a)).mpsStatus, 'none', 'nothing changed')

  const unattended = await runInProcess(MpsEntitle, [contoso.name], {env})
  assert.equal(unattended.code, 2)
  assert.match(unattended.stderr, /--yes/)
  const entitled = await runInProcess(MpsEntitle, [contoso.name, '--yes', '--json'], {env})
  assert.equal(entitled.code, 0, entitled.stderr)
  assert.deepEqual(JSON.parse(entitled.stdout).entitlements, ['MPS Express'])
  const twice = await runInProcess(MpsEntitle, [contoso.name, '--json'], {env})
  assert.equal(JSON.parse(twice.stdout).outcome, 'unchanged')

  const add = await runInProcess(MpsAdd, [a, b, '--accept-terms', '--yes', '--json'], {env})
  assert.equal(add.code, 0, add.stderr)
  assert.deepEqual(JSON.parse(add.stdout), {added: [a, b].sort(), unchanged: []})
  const list = await runInProcess(PrintersList, [], {env})
  assert.match(list.stdout, new RegExp(`${a}.*MPS Express \\(Pending\\)`))
  const report = JSON.parse((await runInProcess(MpsEligibility, [a, '--json'], {env})).stdout) as EligibilitySummary
  assert.equal(statusOf(report, a), 'Printer pending management')
  const repeat = await runInProcess(MpsAdd, [a, '--accept-terms', '--yes', '--json'], {env})
  assert.deepEqual(JSON.parse(repeat.stdout), {added: [], unchanged: [a]})
})

test('roles: reading needs Fleet Management Administrator or Reporting Analyst; entitling needs Partner and Organization Administrator', async () => {
  const {info} = sb
  const tech = await sb.technician()
  await assert.rejects(tech.mps.eligibility(info.orgId), (e: Error & {kind?: string}) => e.kind === 'forbidden')
  await client.roles.changeUser(info.orgId, info.technicianEmail!, {assign: ['Fleet Management Reporting Analyst']})
  const r = await tech.mps.eligibility(info.orgId)
  assert.ok(r.printers.some((p) => p.status === 'Printer already managed'))
  await assert.rejects(tech.mps.add(info.orgId, [r.printers[0].serialNumber], true), /Permission denied/)
  await assert.rejects(tech.mps.entitle(info.orgId, info.children[1].id), (e: Error & {kind?: string}) => e.kind === 'forbidden')
})

test('a printer that registers with its page count has one for the eligibility check', async () => {
  const {code} = await client.enrollmentCodes.get(contoso.id)
  const res = await fetch(`${sb.info.apiUrl}/cfm/fleet-management-service/v1.0/registrations`, {
    body: JSON.stringify({
      agent: 'native',
      code,
      manufacturer: 'Lexmark',
      modelName: 'CX730de',
      pageCount: 4321,
      serialNumber: 'PAGES00001',
    }),
    headers: {'Content-Type': 'application/json'},
    method: 'POST',
  })
  assert.equal(res.status, 201)
  const [p] = (await client.mps.eligibility(contoso.id, ['PAGES00001'])).printers
  assert.deepEqual([p.lifetimePageCount, p.status], [4321, 'No supplies delivery contact assigned'])
})
