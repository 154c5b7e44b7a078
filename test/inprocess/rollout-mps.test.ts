// The rollout file's `mps` section against the sandbox over real sockets (lcs apply, in-process):
// entitlement and adding printers are planned as steps that cannot be undone and need --yes; contacts
// and their printers are applied idempotently (a second run is all unchanged); an ineligible printer, a
// missing acceptance of the terms, or deleting an assigned contact refuse the file with their lines.
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, test} from 'node:test'

import Apply from '../../src/commands/apply.js'
import type {CloudClient, EnrolledPrinter} from '../../src/lib/cloud/index.js'
import {tempDir} from '../helpers/cli.js'
import {runInProcess, sandboxForCommands} from '../helpers/inprocess.js'

let sb: Awaited<ReturnType<typeof sandboxForCommands>>
let client: CloudClient
let env: NodeJS.ProcessEnv
let lex: string[]
let other: string
const dir = tempDir()

const dana = (printers: string[]) =>
  `{firstName: Dana, lastName: Reyes, email: dana@contoso.example, countryCode: "1", phone: 555 0100, businessName: Contoso Retail, addressLine1: 1 Main St, city: Lexington, postalCode: "40507", country: US, printers: [${printers.join(', ')}]}`

function file(name: string, mps: string): string {
  const path = join(dir, name)
  writeFileSync(path, `version: 1\norganization: {name: Contoso Retail}\nmps:\n${mps}\n`)
  return path
}

before(async () => {
  sb = await sandboxForCommands()
  ;({client, env} = sb)
  const {info} = sb
  const printers: EnrolledPrinter[] = []
  for await (const p of client.printers.list(info.children[0].id)) printers.push(p)
  lex = printers.filter((p) => p.manufacturer === 'Lexmark').map((p) => p.serialNumber)
  other = printers.find((p) => p.manufacturer !== 'Lexmark')!.serialNumber
})
after(() => sb.sandbox.stop())

test('bad input refuses the file with its lines, nothing changed', async () => {
  const ineligible = file('ineligible.yaml', `  entitled: true\n  contacts: [${dana([other])}]\n  add: [${other}]`)
  const r = await runInProcess(Apply, ['-f', ineligible, '--yes'], {env})
  assert.equal(r.code, 7)
  assert.match(r.stderr, new RegExp(`ineligible.yaml:\\d+:\\d+.*${other} cannot be added to MPS Express: Model not supported`))
  assert.match(r.stderr, /terms of service accepted: acceptTermsOfService: true/)
  const contoso = sb.info.children[0].id
  assert.deepEqual((await client.mps.entitlements(sb.info.orgId, contoso)).entitlements, [])
  const contacts = []
  for await (const c of client.mpsContacts.list(contoso)) contacts.push(c)
  assert.equal(contacts.length, 0)
})

test('plan, --yes for what cannot be undone, apply, and a second run all unchanged', async () => {
  const path = file('mps.yaml', `  entitled: true\n  acceptTermsOfService: true\n  contacts: [${dana(lex)}]\n  add: [${lex[0]}]`)
  const plan = await runInProcess(Apply, ['-f', path, '--dry-run'], {env})
  assert.equal(plan.code, 0, plan.stderr)
  assert.match(plan.stdout, /\+ mps entitlement +MPS Express +create \[cannot be undone\]/)
  assert.match(plan.stdout, /\+ mps contact +Dana Reyes <dana@contoso.example> +create/)
  assert.match(plan.stdout, new RegExp(`\\+ supplies contact +${lex[1]} +create`))
  assert.match(plan.stdout, new RegExp(`\\+ mps printer +${lex[0]} +create \\[cannot be undone\\]`))

  const unattended = await runInProcess(Apply, ['-f', path], {env})
  assert.equal(unattended.code, 2)
  assert.match(unattended.stderr, /confirmation of 2 steps that cannot be undone: pass --yes/)

  const applied = await runInProcess(Apply, ['-f', path, '--yes', '--json'], {env})
  assert.equal(applied.code, 0, applied.stderr)
  const out = JSON.parse(applied.stdout) as {failed: unknown[]; plan: Array<{kind: string; irreversible?: boolean}>}
  assert.deepEqual(out.failed, [])
  assert.equal(out.plan.filter((i) => i.irreversible).length, 2)
  const contoso = sb.info.children[0].id
  assert.equal((await client.printers.get(contoso, lex[0])).mpsStatus, 'pending')

  const again = await runInProcess(Apply, ['-f', path, '--json'], {env})
  assert.equal(again.code, 0, again.stderr)
  const second = JSON.parse(again.stdout) as {plan: Array<{action: string}>}
  assert.ok(second.plan.length >= 5)
  assert.ok(
    second.plan.every((i) => i.action === 'unchanged'),
    JSON.stringify(second.plan),
  )

  const drop = file('drop.yaml', `  contacts: [{firstName: Dana, lastName: Reyes, email: dana@contoso.example, state: absent}]`)
  const refused = await runInProcess(Apply, ['-f', drop, '--yes'], {env})
  assert.equal(refused.code, 7)
  assert.match(refused.stderr, /You cannot delete a contact that is assigned to a printer/)
  const undo = file('undo.yaml', '  entitled: false')
  const r = await runInProcess(Apply, ['-f', undo, '--yes'], {env})
  assert.equal(r.code, 7)
  assert.match(r.stderr, /cannot be undone: contact your Lexmark Customer Operations Specialist/)
})
