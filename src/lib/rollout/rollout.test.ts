import assert from 'node:assert/strict'
import {mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'node:test'

import {LcsError} from '../errors.js'
import {applyPlan, applySummary, confineFile, failureKind, loadRollout, rerunHelps} from './rollout.js'
import type {PlanItem, RolloutContext} from './types.js'

const fixtures = new URL('../../../fixtures/rollout/', import.meta.url)

test('the example rollout files follow the published schema', async () => {
  for (const f of readdirSync(fixtures).filter((n) => n.endsWith('.yaml'))) {
    const {doc} = await loadRollout(new URL(f, fixtures).pathname)
    assert.equal(doc.version, 1, f)
  }
})

test('apply runs phases in order, runs deployments together, and skips what depends on a failure', async () => {
  const log: string[] = []
  const step = (name: string, phase: number, extra: Partial<PlanItem> = {}, fail = false): PlanItem => ({
    action: 'create',
    kind: name.split(' ')[0],
    name: name.split(' ')[1],
    path: [],
    phase,
    async run() {
      log.push(`start ${name}`)
      await new Promise((r) => setTimeout(r, 5))
      if (fail) throw new LcsError('badData', `${name} refused`)
      log.push(`end ${name}`)
    },
    ...extra,
  })
  const items = [
    step('deployment d1', 50, {dependsOn: ['configuration:c1'], parallel: true}),
    step('deployment d2', 50, {dependsOn: ['configuration:c2'], parallel: true}),
    step('configuration c1', 20, {dependsOn: ['resource:r1']}),
    step('configuration c2', 20, {dependsOn: ['resource:r2']}),
    step('resource r1', 10, {}, true),
    step('resource r2', 10),
    {...step('resource r3', 10), action: 'unchanged' as const},
  ]
  const failed = await applyPlan(items, {} as RolloutContext)
  assert.deepEqual(
    failed.map((f) => `${f.kind} ${f.name}: ${f.error}`),
    [
      'resource r1: resource r1 refused',
      'configuration c1: not applied: resource "r1" failed',
      'deployment d1: not applied: configuration "c1" failed',
    ],
  )
  assert.deepEqual(
    failed.map((f) => f.retry),
    [false, false, false],
    'the cloud refused r1: a re-run refuses it again, and what depends on it cannot be done either',
  )
  assert.deepEqual(log, [
    'start resource r1',
    'start resource r2',
    'end resource r2',
    'start configuration c2',
    'end configuration c2',
    'start deployment d2',
    'end deployment d2',
  ])
})

test('an apply where every attempted item failed with 8 exits 8; any success or mix is partial (9)', () => {
  const f = (exitCode: number) => ({action: 'create' as const, error: 'x', exitCode, kind: 'user', name: 'n', retry: true})
  assert.equal(failureKind([f(8), f(8), f(9)], 3), 'unavailable', 'the blocked one does not count')
  assert.equal(failureKind([f(8), f(8)], 3), 'partial', 'one item was applied')
  assert.equal(failureKind([f(8), f(6)], 2), 'partial', 'different failures')
  assert.equal(failureKind([f(9), f(9)], 2), 'partial')
})

test('"run the file again" only where a re-run can help', () => {
  assert.equal(rerunHelps(new LcsError('unavailable', 'down')), true)
  assert.equal(rerunHelps(new LcsError('partial', '1 of 3 printers did not get "c"')), true)
  assert.equal(rerunHelps(new LcsError('partial', '2 rows rejected', {details: [{line: 4, rule: 'taken'}]})), false)
  for (const kind of ['conflict', 'badData', 'forbidden', 'notFound'] as const)
    assert.equal(rerunHelps(new LcsError(kind, 'no')), false, kind)
  const f = (retry: boolean) => ({action: 'create' as const, error: 'x', exitCode: 9, kind: 'user', name: 'n', retry})
  assert.equal(applySummary([], 3), 'Applied 3 changes.')
  assert.equal(applySummary([f(true)], 3), 'Applied 2 of 3 changes; 1 failed. Run the file again to finish.')
  assert.equal(
    applySummary([f(false), f(false)], 3),
    'Applied 1 of 3 changes; 2 failed. Running the file again cannot change that: fix what each failure names first.',
  )
  assert.equal(
    applySummary([f(true), f(false)], 2),
    'Applied 0 of 2 changes; 2 failed. Running the file again can finish 1 of them; the other 1 need what their failure names fixed first.',
  )
})

test('files a rollout file names are confined to its folder (symlinks resolved), its root: or --allow-outside folders', () => {
  const top = mkdtempSync(join(tmpdir(), 'lcs-confine-'))
  const dir = join(top, 'rollout')
  const other = join(top, 'other')
  mkdirSync(dir)
  mkdirSync(other)
  writeFileSync(join(dir, 'in.ucf'), 'A 1\n')
  writeFileSync(join(other, 'secret.txt'), 'root:x\n')
  symlinkSync(join(other, 'secret.txt'), join(dir, 'bundle.zip'))
  symlinkSync(other, join(dir, 'linked'))
  const confined = confineFile(dir, undefined, [])
  assert.equal(confined('in.ucf'), realpathSync(join(dir, 'in.ucf')))
  assert.equal(confined('sub/missing.csv'), join(realpathSync(dir), 'sub/missing.csv'), 'a missing file inside is left to "not found"')
  for (const p of ['../other/secret.txt', join(other, 'secret.txt'), 'bundle.zip', 'linked/secret.txt', '/etc/passwd', '..']) {
    assert.throws(
      () => confined(p),
      (e: LcsError) =>
        e.kind === 'badData' && e.message.startsWith(`${p} is outside the rollout file's folder`) && /--allow-outside/.test(e.message),
      p,
    )
  }
  assert.throws(() => confined('bundle.zip'), /it resolves to .*other\/secret\.txt/)
  assert.equal(confineFile(dir, '..', [])('../other/secret.txt'), realpathSync(join(other, 'secret.txt')), 'root: widens it')
  assert.throws(() => confineFile(dir, '..', [])('/etc/passwd'), /outside the file's root/)
  assert.equal(confineFile(dir, undefined, [other])('bundle.zip'), realpathSync(join(other, 'secret.txt')), '--allow-outside')
  rmSync(top, {force: true, recursive: true})
})
