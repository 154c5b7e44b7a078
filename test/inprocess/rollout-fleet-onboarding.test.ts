// fixtures/rollout/fleet-onboarding.yaml (agents, policies and mps sections in one file) applied to a
// sandbox twice through `lcs apply` (in-process, real sockets): the first run creates everything, the
// second plans all unchanged, and the organization then holds exactly what the file names.
import assert from 'node:assert/strict'
import {fileURLToPath} from 'node:url'
import {test} from 'node:test'

import Apply from '../../src/commands/apply.js'
import {fileSandbox, runInProcess} from '../helpers/inprocess.js'

const sb = fileSandbox()
const FILE = fileURLToPath(new URL('../../fixtures/rollout/fleet-onboarding.yaml', import.meta.url))

interface Applied {
  plan: Array<{kind: string; name: string; action: string; irreversible?: boolean}>
  failed: unknown[]
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const x of items) out.push(x)
  return out
}

test('fleet onboarding: created on the first run, all unchanged on the second, exactly what the file names', async () => {
  const first = await runInProcess(Apply, ['-f', FILE, '--yes', '--json'], {env: sb.env})
  assert.equal(first.code, 0, first.stderr)
  const created = JSON.parse(first.stdout) as Applied
  assert.deepEqual(created.failed, [])
  const byKind = (r: Applied, action: string) =>
    r.plan
      .filter((i) => i.kind !== 'organization' && i.action === action)
      .map((i) => `${i.kind}: ${i.name}`)
      .sort()
  assert.deepEqual(byKind(created, 'create'), [
    'fleet agent: Contoso store agent',
    'mps contact: Dana Reyes <dana@contoso.example>',
    'mps entitlement: MPS Express',
    'notification policy: 3-day No Communications',
    'notification policy: Low toner',
    'supplies contact: 50007919B',
    'supplies contact: 50055433H',
  ])
  assert.deepEqual(
    created.plan.filter((i) => i.irreversible).map((i) => i.kind),
    ['mps entitlement'],
  )

  const second = await runInProcess(Apply, ['-f', FILE, '--json'], {env: sb.env})
  assert.equal(second.code, 0, second.stderr)
  const again = JSON.parse(second.stdout) as Applied
  assert.deepEqual(again.failed, [])
  assert.deepEqual(
    again.plan.filter((i) => i.action !== 'unchanged'),
    [],
    'the second run changes nothing (no --yes needed)',
  )
  assert.equal(again.plan.filter((i) => i.kind !== 'organization').length, 7)

  const {client, info} = sb
  const contoso = info.children.find((c) => c.name === 'Contoso Retail')!.id
  assert.deepEqual(
    (await all(client.fleetAgents.list(contoso))).map((a) => [a.name, a.definition.discovery.searchType]),
    [['Contoso store agent', 'local']],
  )
  assert.deepEqual((await all(client.policies.list(contoso))).map((p) => p.name).sort(), ['3-day No Communications', 'Low toner'])
  const contacts = await all(client.mpsContacts.list(contoso))
  assert.deepEqual(
    contacts.map((c) => c.email),
    ['dana@contoso.example'],
  )
  assert.deepEqual((await all(client.mps.assignments(contoso))).map((a) => [a.serialNumber, a.contactId]).sort(), [
    ['50007919B', contacts[0].id],
    ['50055433H', contacts[0].id],
  ])
  assert.deepEqual((await client.mps.entitlements(info.orgId, contoso)).entitlements.length, 1)
})
