// Notification policies against the sandbox over its HTTP API: the guide's rules and limits (a 51st
// supplies policy, a threshold outside 0–100, 1–7 days, forbidden characters, unique names, the Fleet
// Management Administrator role), and the activity engine: a simulated printer prints on the sandbox
// clock until its toner crosses a supplies policy's threshold, and a printer that stops communicating
// fires a printer information policy; both land in the notification history and the outbox.
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {after, before, test} from 'node:test'
import snmp from 'net-snmp'
import {parse} from 'yaml'

import {CloudClient, type AssetSupply} from '../../src/lib/cloud/index.js'
import type {LcsError} from '../../src/lib/errors.js'
import type {PolicyInput} from '../../src/lib/policies/index.js'
import {advanceSandbox, setPrinterMode} from '../../src/lib/sandbox/control.js'
import {runSandbox} from '../../src/lib/sandbox/daemon.js'
import {readOutbox} from '../../src/lib/sandbox/db.js'
import {tempDir} from '../helpers/cli.js'

const PORT = 17_480
const TAG = 'Policy-Test'
const dataDir = tempDir()
let sandbox: Awaited<ReturnType<typeof runSandbox>>
let client: CloudClient
let orgId: string
/** The simulated printer the test enrolls, and a seeded printer that keeps communicating. */
let simSerial: string
let simAddress: string
let seededSerial: string

const spec = parse(readFileSync(new URL('../../docs/api/openapi.yaml', import.meta.url), 'utf8')) as {
  components: {schemas: Record<string, {required?: string[]}>}
}
/** The sandbox's answer carries every field the contract requires. */
const hasAll = (obj: object, schema: string) => {
  for (const k of spec.components.schemas[schema].required ?? []) assert.ok(k in obj, `${schema} lacks ${k}: ${JSON.stringify(obj)}`)
}

const rejects = (p: Promise<unknown>, kind: string, re: RegExp) =>
  assert.rejects(p, (e: LcsError) => {
    assert.equal(e.kind, kind, e.message)
    assert.match(e.message, re)
    return true
  })

const toner = (over: Partial<PolicyInput> = {}): PolicyInput => ({
  name: 'Low toner',
  recipients: ['facilities@example.com'],
  tags: [TAG],
  threshold: 20,
  type: 'Toner',
  ...over,
})

/** prtMarkerLifeCount of the simulated printer, over SNMP. */
async function lifeCount(): Promise<number> {
  const s = snmp.createSession(simAddress, 'public', {port: PORT + 1, retries: 1, timeout: 1000, version: snmp.Version2c})
  try {
    const vbs = await new Promise<snmp.Varbind[]>((resolve, reject) =>
      s.get(['1.3.6.1.2.1.43.10.2.1.4.1.1'], (e, v) => (e ? reject(e) : resolve(v!))),
    )
    return Number(vbs[0].value)
  } finally {
    s.close()
  }
}

async function tonerOf(serial: string): Promise<AssetSupply & {percentRemaining: number}> {
  for await (const a of client.assets.list('supplies'))
    if (a.serialNumber === serial) {
      const s = a.supplies?.find((x) => /toner|cartridge/i.test(`${x.type} ${x.description}`) && typeof x.percentRemaining === 'number')
      if (s) return s as AssetSupply & {percentRemaining: number}
    }
  throw new Error(`no toner level for ${serial}`)
}

before(async () => {
  sandbox = await runSandbox({
    activity: {rate: 20, tickMs: 100, timeScale: 1},
    dataDir,
    port: 0,
    printers: {count: 2, ewsPort: PORT, mdns: false, snmpPort: PORT + 1, subnet: '127.28.0.0/29'},
    seed: 5,
  })
  const {info} = sandbox
  orgId = info.orgId
  client = new CloudClient({
    credentials: {clientId: info.clientId, clientSecret: info.clientSecret, kind: 'client'},
    endpoints: {apis: info.apiUrl, idp: info.apiUrl},
    maxRetries: 0,
  })
  // a simulated printer registers itself with the organization's enrollment code, as after `printers enroll`
  const sim = info.printers.find((p) => p.ews?.capability === 'native') ?? info.printers[0]
  const {code} = await client.enrollmentCodes.get(orgId)
  const res = await fetch(`${info.apiUrl}/cfm/fleet-management-service/v1.0/registrations`, {
    body: JSON.stringify({
      address: sim.address,
      agent: 'native',
      code,
      firmware: sim.firmware,
      manufacturer: sim.vendor,
      modelName: sim.model,
      serialNumber: sim.serialNumber,
    }),
    headers: {'Content-Type': 'application/json'},
    method: 'POST',
  })
  assert.ok(res.ok, await res.text())
  simSerial = sim.serialNumber!.toUpperCase()
  simAddress = sim.address
  await client.printers.setTags(orgId, simSerial, [TAG])
  for await (const p of client.printers.list(orgId)) if (p.serialNumber !== simSerial) seededSerial ??= p.serialNumber
  await client.printers.setTags(orgId, seededSerial, [TAG])
})
after(() => sandbox.stop())

test('the guide’s rules: ranges, names, unique names, 50 supplies policies at most, the role', async () => {
  const child = sandbox.info.children[0].id
  await rejects(client.policies.create(child, toner({threshold: 101})), 'badData', /Range: 0 to 100/)
  await rejects(client.policies.create(child, toner({threshold: -1})), 'badData', /Range: 0 to 100/)
  await rejects(
    client.policies.create(child, {...toner(), days: 8, threshold: undefined, type: 'Last communicated'}),
    'badData',
    /1 - 7 days/,
  )
  await rejects(client.policies.create(child, toner({name: 'Toner #1'})), 'badData', /character # is not allowed in a Policy Name/)
  await rejects(
    client.policies.create(child, toner({recipients: Array.from({length: 11}, (_, i) => `a${i}@example.com`)})),
    'badData',
    /10 email/,
  )
  await rejects(client.policies.create(child, toner({tags: Array.from({length: 11}, (_, i) => `t${i}`)})), 'badData', /up to 10 tags/)
  for (let i = 1; i <= 50; i++) await client.policies.create(child, toner({name: `Toner ${i}`, threshold: i}))
  await rejects(client.policies.create(child, toner({name: 'Toner 51'})), 'conflict', /already has 50 supplies policies/)
  // the limit is per kind: a printer information policy still fits
  const info = await client.policies.create(child, {...toner({name: 'No data'}), days: 3, threshold: undefined, type: 'Last data refresh'})
  assert.equal(info.category, 'printerInformation')
  await rejects(client.policies.create(child, toner({name: 'toner 7'})), 'conflict', /unique name/)
  const all: string[] = []
  for await (const p of client.policies.list(child, 'supplies')) all.push(p.name)
  assert.equal(all.length, 50)
  // duplicate: prefilled, with a new name (the 51st supplies policy is refused there too)
  const first = (await client.policies.get(child, (await findByName(child, 'Toner 1'))!)).id
  await rejects(client.policies.duplicate(child, first, {name: 'Toner 1 copy'}), 'conflict', /already has 50/)
  await client.policies.delete(child, first)
  const copy = await client.policies.duplicate(child, (await findByName(child, 'Toner 2'))!, {name: 'Toner 2 copy', threshold: 9})
  assert.deepEqual([copy.threshold, copy.recipients, copy.tags], [9, ['facilities@example.com'], [TAG]])
  // a user without Fleet Management Administrator may not manage policies
  const tech = await CloudClient.passwordGrant(
    {apis: sandbox.info.apiUrl, idp: sandbox.info.apiUrl},
    sandbox.info.technicianEmail!,
    sandbox.info.technicianPassword!,
  )
  const techClient = new CloudClient({
    credentials: {accessToken: tech.accessToken, kind: 'token'},
    endpoints: {apis: sandbox.info.apiUrl, idp: sandbox.info.apiUrl},
  })
  await rejects(techClient.policies.create(orgId, toner({name: 'Not mine'})), 'forbidden', /Fleet Management Administrator/)
})

async function findByName(org: string, name: string): Promise<string | undefined> {
  for await (const p of client.policies.list(org)) if (p.name === name) return p.id
  return undefined
}

test('a supplies policy fires once when the simulated printer’s toner crosses its threshold', async () => {
  const before = await tonerOf(simSerial)
  assert.ok(before.percentRemaining > 3, `toner at ${before.percentRemaining}%`)
  const threshold = Math.floor(before.percentRemaining) - 2
  const pagesBefore = await lifeCount()
  const policy = await client.policies.create(orgId, toner({attachData: true, threshold}))
  hasAll(policy, 'NotificationPolicy')
  await advanceSandbox(dataDir, 5 * 60_000)
  assert.equal((await supplyHistory(before.description)).length, 0, 'above the threshold: nothing yet')
  // 20 pages a minute for 6 hours: far more than 2 % of a cartridge
  const r = await advanceSandbox(dataDir, 6 * 3_600_000)
  assert.ok(r.notifications >= 1)
  const after = await tonerOf(simSerial)
  assert.ok(after.percentRemaining <= threshold, `${after.percentRemaining}% ≤ ${threshold}%`)
  const fired = await supplyHistory(before.description)
  assert.equal(fired.length, 1, JSON.stringify(fired))
  const n = fired[0]
  hasAll(n, 'NotificationRecord')
  assert.deepEqual(
    [n.policyId, n.problem, n.notifyAt, n.emails, n.category],
    [policy.id, 'Toner level', `${threshold}%`, ['facilities@example.com'], 'supplies'],
  )
  assert.ok(n.supplyLevel! <= threshold)
  // 6 hours at 20 pages a minute: the printer's own counter (SNMP) and the cloud's moved
  assert.ok((await lifeCount()) >= pagesBefore + 7000, `${await lifeCount()} ≥ ${pagesBefore} + 7000`)
  let pages = 0
  for await (const a of client.assets.list('counters')) if (a.serialNumber === simSerial) pages = a.counters?.lifetimeCount ?? 0
  assert.ok(pages > 0)
  // once per crossing: more printing does not notify again
  await advanceSandbox(dataDir, 3_600_000)
  assert.equal((await supplyHistory(before.description)).length, 1)
  const mail = readOutbox(dataDir)!.find((m) => m.subject.startsWith(`${simSerial} [Northwind Partners] : Toner Level Notification - `))
  assert.ok(mail, 'a toner level e-mail in the outbox')
  assert.equal(mail.to, 'facilities@example.com')
  assert.match(mail.body, new RegExp(`Notify at: Toner below or equal to ${threshold} %`))
  assert.equal(JSON.parse(mail.body.split('Attachment NotificationDetails.json:\n')[1]).notificationThreshold, threshold)
  await client.policies.delete(orgId, policy.id)
})

/** The notifications of the simulated printer's supply `name` (its other supplies may cross too). */
async function supplyHistory(name: string | undefined) {
  const rows = []
  for await (const n of client.policies.history(orgId, {category: 'supplies', serial: simSerial})) if (n.supplyName === name) rows.push(n)
  return rows
}

test('a printer information policy fires when a printer stops communicating', async () => {
  const policy = await client.policies.create(orgId, {
    days: 1,
    name: '1-day No Communications',
    recipients: ['it@example.com'],
    tags: [TAG],
    type: 'Last communicated',
  })
  setPrinterMode(dataDir, [simSerial], 'silent')
  await advanceSandbox(dataDir, 12 * 3_600_000)
  const quiet = async () => {
    const rows = []
    for await (const n of client.policies.history(orgId, {category: 'printerInformation', policyId: policy.id})) rows.push(n)
    return rows
  }
  assert.equal((await quiet()).length, 0, 'half a day: not yet')
  await advanceSandbox(dataDir, 13 * 3_600_000)
  const rows = await quiet()
  assert.deepEqual(
    rows.map((n) => n.serialNumber),
    [simSerial],
    'only the silent printer (the seeded printer with the tag kept communicating)',
  )
  assert.equal(rows[0].notifyAt, '1 day')
  // printers list judges communication by the sandbox clock too
  const shown = (await client.printers.get(orgId, simSerial)) as {communicationStatus?: string}
  assert.match(shown.communicationStatus ?? '', /^not communicating$/i)
  assert.doesNotMatch(
    ((await client.printers.get(orgId, seededSerial)) as {communicationStatus?: string}).communicationStatus ?? '',
    /^not/i,
  )
  assert.ok(rows[0].date - rows[0].lastCommunicated! >= 86_400_000)
  const mail = readOutbox(dataDir)!.find((m) => m.subject === '[Northwind Partners] : Printer Not Communicating')
  assert.ok(mail)
  assert.match(mail.body, /1 printer has not communicated with Lexmark Cloud Services for at least 1 day\./)
  assert.match(mail.body, new RegExp(simSerial))
  assert.doesNotMatch(mail.body, new RegExp(seededSerial))
  // back again, then quiet again: a new episode notifies again
  setPrinterMode(dataDir, [simSerial], 'normal')
  await advanceSandbox(dataDir, 3_600_000)
  setPrinterMode(dataDir, [simSerial], 'silent')
  await advanceSandbox(dataDir, 25 * 3_600_000)
  assert.equal((await quiet()).length, 2)
  // Notification History (Last 30 Days): a month later they are gone
  await advanceSandbox(dataDir, 30 * 86_400_000)
  await advanceSandbox(dataDir, 2 * 86_400_000)
  assert.equal((await quiet()).length, 0)
})
