// Pre-enrollments end to end: TXT and CSV files, the single-serial commands, and the SDK function the
// enrollment work reads them with.
import assert from 'node:assert/strict'
import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, test} from 'node:test'

import {CloudClient} from '../../src/lib/cloud/index.js'
import {runJson, sandboxEnv, startSandbox, stopSandbox, tempDir, type SandboxJson} from '../helpers/cli.js'

let sb: SandboxJson
let env: NodeJS.ProcessEnv
const dir = tempDir('lcs-import-')
const f = (name: string) => join(dir, name)
const json = (...args: string[]) => runJson(args, env)

before(async () => {
  sb = await startSandbox()
  env = sandboxEnv(sb)
  cpSync(new URL('../../fixtures/import', import.meta.url), dir, {recursive: true})
})
after(() => stopSandbox(sb))

test('pre-enrollment from a TXT list and from a discovery CSV; again: unchanged; listPreenrollments reads them', async () => {
  let r = await json('preenroll', 'import', f('preenroll.txt'))
  assert.equal(r.code, 0, r.stderr)
  assert.deepEqual([r.body.created, r.body.rows], [3, 3])
  r = await json('preenroll', 'import', f('preenroll.csv'))
  assert.deepEqual([r.code, r.body.created], [0, 2])
  r = await json('preenroll', 'import', f('preenroll.txt'))
  assert.deepEqual([r.body.created, r.body.unchanged], [0, 3])
  const client = new CloudClient({
    credentials: {clientId: sb.clientId, clientSecret: sb.clientSecret, kind: 'client'},
    endpoints: {apis: sb.apiUrl, idp: sb.apiUrl},
  })
  const rows = []
  for await (const p of client.preenrollments.list(sb.orgId)) rows.push(p)
  assert.deepEqual(rows.map((p) => p.serialNumber).sort(), [
    '50285510100T1',
    '50285510200A2',
    '50285510200B3',
    '7559040000075',
    'CX73512345678',
  ])
  assert.ok(rows.every((p) => p.organizationId === sb.orgId && typeof p.createdAt === 'number'))
})

test('preenroll add/list/remove: lower case is stored upper case; enrolled printers and other organizations conflict', async () => {
  const assets = (await json('printers', 'list')).body as Array<{serialNumber: string}>
  let r = await json('preenroll', 'add', 'abcdefg1234')
  assert.deepEqual([r.code, r.body.results], [0, [{item: 'ABCDEFG1234', outcome: 'created'}]])
  r = await json('preenroll', 'add', assets[0].serialNumber)
  assert.equal(r.code, 6)
  assert.match(r.body.error.message, /already enrolled/)
  r = await json('preenroll', 'add', 'ABCDEFG1234', '--org', 'Contoso Retail')
  assert.equal(r.code, 6)
  assert.match(r.body.error.message, /another organization/)
  r = await json('preenroll', 'add', 'ab-12')
  assert.equal(r.code, 2)
  r = await json('preenroll', 'remove', 'ABCDEFG1234', 'NEVERWAS1')
  assert.equal(r.code, 2, 'no terminal: --yes needed')
  r = await json('preenroll', 'remove', 'ABCDEFG1234', 'NEVERWAS1', '--yes')
  assert.equal(r.code, 0, 'a serial already gone is unchanged')
  assert.deepEqual(
    r.body.results.map((x: {outcome?: string}) => x.outcome),
    ['deleted', 'unchanged'],
  )
  r = await json('preenroll', 'remove', 'ABCDEFG1234', '--yes')
  assert.deepEqual([r.code, r.body.results[0].outcome], [0, 'unchanged'])
  const list = (await json('preenroll', 'list')).body as Array<{serialNumber: string}>
  assert.ok(!list.some((p) => p.serialNumber === 'ABCDEFG1234'))
})

test('a TXT line with two values, a bad serial, a duplicate: line and column, nothing sent', async () => {
  writeFileSync(f('bad.txt'), 'CX73599999999\nABC,DEF\nshort\ncx73599999999\n')
  const r = await json('preenroll', 'import', f('bad.txt'))
  assert.equal(r.code, 7)
  assert.deepEqual(
    r.body.error.details.map((d: {line: number; column: number}) => [d.line, d.column]),
    [
      [2, 2],
      [3, 1],
      [4, 1],
    ],
  )
  const list = (await json('preenroll', 'list')).body as Array<{serialNumber: string}>
  assert.ok(!list.some((p) => p.serialNumber === 'CX73599999999'))
})

test('MPS contacts: the sample (UTF-8, a quoted comma) once, then unchanged; 301 contacts go in two requests; a changed contact conflicts', async () => {
  let r = await json('mps', 'contacts', 'import', f('mps-contacts.csv'))
  assert.equal(r.code, 0, r.stderr)
  assert.deepEqual([r.body.created, r.body.rows], [3, 3])
  r = await json('mps', 'contacts', 'import', f('mps-contacts.csv'))
  assert.deepEqual([r.body.created, r.body.unchanged], [0, 3])
  const header =
    'FIRST_NAME,LAST_NAME,EMAIL,COUNTRY_CODE,PHONE,BUSINESS_NAME,ADDRESS_LINE_1,ADDRESS_LINE_2,CITY,STATE_PROVINCE,POSTAL_CODE,COUNTRY'
  writeFileSync(
    f('many.csv'),
    [
      header,
      ...Array.from(
        {length: 301},
        (_, i) => `Contact,N${i},c${i}@example.com,44,20 7946 ${String(i).padStart(4, '0')},Northwind,1 High Street,,London,,SW1A 1AA,gb`,
      ),
    ].join('\n') + '\n',
  )
  const batches = () =>
    readFileSync(join(sb.dataDir, 'sandbox.log'), 'utf8')
      .split('\n')
      .filter((l) => / POST \S+\/mps\/contacts\/batch 200 /.test(l)).length
  const before = batches()
  r = await json('mps', 'contacts', 'import', f('many.csv'))
  assert.deepEqual([r.code, r.body.created], [0, 301])
  // The sandbox writes its request log asynchronously: wait (bounded) for the last lines to land.
  for (let i = 0; i < 40 && batches() - before < 4; i++) await new Promise((resolve) => setTimeout(resolve, 50))
  assert.equal(batches() - before, 4, 'two requests to plan, two to apply (300 + 1)')
  const contacts = (await json('mps', 'contacts', 'list')).body as Array<{lastName: string; businessName: string; country: string}>
  assert.equal(contacts.length, 304)
  assert.equal(contacts.find((c) => c.lastName === 'Müller')?.businessName, 'Contoso Retail, Filiale München')
  assert.equal(contacts.find((c) => c.lastName === 'N300')?.country, 'GB')
  writeFileSync(
    f('changed.csv'),
    `${header}\nSally,Caret,sally@caret-office.example,1,859 555 0101,Caret Office Supply,740 West New Circle Road,Building 2,Lexington,KY,40550,US\n`,
  )
  r = await json('mps', 'contacts', 'import', f('changed.csv'))
  assert.equal(r.code, 7)
  assert.match(r.body.error.details[0].rule, /already exists with other details/)
})
