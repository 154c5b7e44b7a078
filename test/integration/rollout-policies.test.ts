// The rollout file's `policies` section against an in-process sandbox: two policies planned, applied,
// then all unchanged; a change is one update naming its fields; absent deletes; the guide's rules are
// problems with their line, before anything changes.
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, test} from 'node:test'

import {CloudClient} from '../../src/lib/cloud/index.js'
import {LcsError} from '../../src/lib/errors.js'
import {applyPlan, createContext, loadRollout, planRollout} from '../../src/lib/rollout/rollout.js'
import type {PlanItem} from '../../src/lib/rollout/types.js'
import {runSandbox} from '../../src/lib/sandbox/daemon.js'
import {tempDir} from '../helpers/cli.js'

let sandbox: Awaited<ReturnType<typeof runSandbox>>
let client: CloudClient
const dir = tempDir()

before(async () => {
  sandbox = await runSandbox({dataDir: tempDir(), port: 0})
  const {info} = sandbox
  client = new CloudClient({
    credentials: {clientId: info.clientId, clientSecret: info.clientSecret, kind: 'client'},
    endpoints: {apis: info.apiUrl, idp: info.apiUrl},
  })
})
after(() => sandbox.stop())

async function plan(text: string) {
  const file = join(dir, 'policies.yaml')
  writeFileSync(file, text)
  const ctx = createContext(await loadRollout(file), {activeOrgId: sandbox.info.orgId, client, wait: false})
  return {ctx, items: await planRollout(ctx)}
}

const lines = (items: PlanItem[]) =>
  items.filter((i) => i.kind !== 'organization').map((i) => `${i.action} ${i.name}${i.changes ? ` (${i.changes.join(', ')})` : ''}`)

const DOC = `version: 1
organization: {name: Contoso Retail}
policies:
  - name: Low toner
    type: toner
    threshold: 20
    recipients: [facilities@contoso.example]
  - name: 3-day No Communications
    type: Last communicated
    days: 3
    tags: [Floor2]
    recipients: [it@contoso.example, facilities@contoso.example]
    attachData: true
`

test('two policies: created, then all unchanged; a change is an update; absent deletes', async () => {
  const first = await plan(DOC)
  assert.deepEqual(lines(first.items), ['create Low toner', 'create 3-day No Communications'])
  assert.ok(first.ctx.warnings.some((w) => /no printer has tag "Floor2"/.test(w)))
  assert.deepEqual(await applyPlan(first.items, first.ctx), [])
  const contoso = sandbox.info.children.find((c) => c.name === 'Contoso Retail')!.id
  const made = []
  for await (const p of client.policies.list(contoso)) made.push(`${p.name} ${p.type} ${p.threshold ?? p.days} ${p.tags.join()}`)
  assert.deepEqual(made, ['Low toner Toner 20 ', '3-day No Communications Last communicated 3 Floor2'])
  assert.deepEqual(
    lines((await plan(DOC)).items).filter((l) => !l.startsWith('unchanged')),
    [],
  )
  const changed = await plan(DOC.replace('threshold: 20', 'threshold: 10').replace('tags: [Floor2]', 'tags: []'))
  assert.deepEqual(lines(changed.items), ['update Low toner (threshold)', 'update 3-day No Communications (tags)'])
  assert.deepEqual(await applyPlan(changed.items, changed.ctx), [])
  const gone = await plan(`version: 1
organization: {name: Contoso Retail}
policies: [{name: Low toner, state: absent}, {name: Never made, state: absent}]
`)
  assert.deepEqual(lines(gone.items), ['delete Low toner', 'unchanged Never made'])
  assert.deepEqual(await applyPlan(gone.items, gone.ctx), [])
})

test('the guide’s rules are problems with their line; nothing is planned', async () => {
  const doc = `version: 1
organization: {name: Fabrikam Health}
policies:
  - {name: A, type: toner, threshold: 120, recipients: [a@fabrikam.example]}
  - {name: B, type: last-data-refresh, days: 9, recipients: [a@fabrikam.example]}
  - {name: C, type: fuser, days: 2, recipients: [a@fabrikam.example]}
  - {name: D, type: toner, threshold: 5}
`
  await assert.rejects(plan(doc), (e: LcsError) => {
    const text = e.details!.map((d) => `${d.field} ${d.message}`).join('\n')
    assert.match(text, /policies\[0\]\.threshold.*Range: 0 to 100/)
    assert.match(text, /policies\[1\]\.days.*1 - 7 days/)
    return true
  })
  const rules = await plan(`version: 1
organization: {name: Fabrikam Health}
policies:
  - {name: C, type: fuser, days: 2, recipients: [a@fabrikam.example]}
  - {name: D, type: toner, threshold: 5}
`).then(
    () => assert.fail('expected problems'),
    (e: LcsError) => e.details!.map((d) => `${d.field} ${d.message}`),
  )
  assert.equal(rules.length, 3, rules.join('\n'))
  assert.match(rules.join('\n'), /policies\[0\]\.days.*days are for printer information policies/)
  assert.match(rules.join('\n'), /policies\[0\].*a supplies policy needs a threshold/)
  assert.match(rules.join('\n'), /policies\[1\].*at least one e-mail address/)
})
