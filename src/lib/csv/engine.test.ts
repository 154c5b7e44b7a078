import assert from 'node:assert/strict'
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'

import {tempDir} from '../../../test/helpers/cli.js'
import type {BatchItemResult} from '../cloud/index.js'
import {LcsError} from '../errors.js'
import {runImport, type ImportOptions} from './engine.js'
import {Journal} from './journal.js'
import type {ImportFormat} from './format.js'
import type {MemoryRow} from './scan.js'
import {textRule} from './rules.js'

interface Item {
  op: 'SET' | 'DEL'
  key: string
  value: string
  secret: string
}

const format: ImportFormat<Item> = {
  columns: ['KEY', 'OP', 'VALUE', 'SECRET'],
  decode(cell) {
    const errors = []
    const op = cell('OP')
    if (op !== 'SET' && op !== 'DEL') errors.push({column: 'OP', rule: `"${op}" is not SET or DEL`})
    const broken = textRule(20)(cell('VALUE'))
    if (broken) errors.push({column: 'VALUE', rule: broken})
    return {
      errors,
      item: {key: cell('KEY'), op: op as Item['op'], secret: cell('SECRET'), value: cell('VALUE')},
      keys: [{column: 'KEY', key: cell('KEY'), label: `key ${cell('KEY')}`}],
    }
  },
  fields: {key: 'KEY', value: 'VALUE'},
  label: (i) => i.key,
  maxItems: 3,
  name: 'test',
  noun: 'key',
  secretColumns: ['SECRET'],
}

/** An in-memory cloud: SET creates/updates, DEL deletes (unknown keys are rejected); "bad" values are rejected. */
function cloud() {
  const store = new Map<string, string>()
  const calls: Array<{dryRun: boolean; n: number; bytes: number}> = []
  let failAfter = Number.POSITIVE_INFINITY
  const send = async (items: Item[], dryRun: boolean): Promise<BatchItemResult[]> => {
    calls.push({bytes: JSON.stringify({items}).length, dryRun, n: items.length})
    if (!dryRun && failAfter-- <= 0) throw new LcsError('unavailable', 'connection lost')
    return items.map((i): BatchItemResult => {
      if (i.value === 'bad')
        return {error: {code: 'validation', details: [{field: 'value', rule: 'not bad'}], message: 'value is bad'}, status: 422}
      if (i.op === 'DEL') {
        if (!store.has(i.key)) return {error: {code: 'not_found', message: `no key ${i.key}`}, status: 404}
        if (!dryRun) store.delete(i.key)
        return {outcome: 'deleted', status: 200}
      }
      const before = store.get(i.key)
      if (!dryRun) store.set(i.key, i.value)
      return before === undefined ? {outcome: 'created', status: 201} : {outcome: before === i.value ? 'unchanged' : 'updated', status: 200}
    })
  }
  return {calls, failAfterApplies: (n: number) => (failAfter = n), send, store}
}

function file(rows: string[]): string {
  const f = join(tempDir(), 'in.csv')
  writeFileSync(f, ['KEY,OP,VALUE,SECRET', ...rows].join('\n') + '\n')
  return f
}

const opts = (f: string, c: ReturnType<typeof cloud>, extra: Partial<ImportOptions<Item>> = {}): ImportOptions<Item> => ({
  file: f,
  format,
  send: c.send,
  orgId: 'org-1',
  ...extra,
})

async function rejects(p: Promise<unknown>): Promise<LcsError> {
  try {
    await p
  } catch (error) {
    assert.ok(error instanceof LcsError, String(error))
    return error
  }
  assert.fail('expected an error')
}

test('applies in chunks of the endpoint\'s size, then a second run plans "unchanged" and sends nothing', async () => {
  const c = cloud()
  const f = file(Array.from({length: 10}, (_, i) => `k${i},SET,v${i},s3cret-${i}`))
  const s = await runImport(opts(f, c))
  assert.deepEqual([s.created, s.updated, s.unchanged, s.rejected, s.rows], [10, 0, 0, 0, 10])
  assert.equal(c.store.size, 10)
  assert.ok(c.calls.every((x) => x.n <= 3))
  assert.equal(c.calls.filter((x) => !x.dryRun).length, 4)
  assert.ok(!existsSync(`${f}.journal`), 'a finished import leaves no journal')
  c.calls.length = 0
  const again = await runImport(opts(f, c))
  assert.deepEqual([again.created, again.unchanged], [0, 10])
  assert.ok(
    c.calls.every((x) => x.dryRun),
    'nothing is applied the second time',
  )
})

test('chunks also respect the body size limit', async () => {
  const c = cloud()
  const f = file(Array.from({length: 9}, (_, i) => `k${i},SET,${'x'.repeat(19)},s`))
  await runImport(opts(f, c, {maxBodyBytes: 150}))
  assert.ok(
    c.calls.every((x) => x.bytes <= 150),
    JSON.stringify(c.calls),
  )
  assert.ok(c.calls.some((x) => x.n < 3))
})

test('every validation error is reported with line and column before anything is sent; duplicates too', async () => {
  const c = cloud()
  const f = file(['a,SET,1,s', 'b,PUT,2,s', 'a,SET,3,s', 'c,SET,=cmd(),s'])
  const e = await rejects(runImport(opts(f, c)))
  assert.equal(e.kind, 'badData')
  assert.deepEqual(
    e.details?.map((d) => [d.line, d.column, d.field]),
    [
      [3, 2, 'OP'],
      [4, 1, 'KEY'],
      [5, 3, 'VALUE'],
    ],
  )
  assert.equal(c.calls.length, 0)
  assert.equal(e.result?.rejected, 3)
  const report = readFileSync(`${f}.rejected.csv`, 'utf8')
  assert.match(report, /^LINE,KEY,OP,VALUE,SECRET,REASON\n/)
  assert.match(report, /\n5,c,SET,'=cmd\(\),\*\*\*\*,/, 'formula neutralized and the secret masked')
  assert.doesNotMatch(report, /,s,/)
})

test('rows the cloud would reject stop the import before anything changes', async () => {
  const c = cloud()
  const f = file(['a,SET,1,s', 'b,DEL,,s', 'c,SET,bad,s'])
  const e = await rejects(runImport(opts(f, c)))
  assert.equal(e.kind, 'badData')
  assert.deepEqual(
    e.details?.map((d) => [d.line, d.field]),
    [
      [3, undefined],
      [4, 'VALUE'],
    ],
  )
  assert.equal(c.store.size, 0)
  assert.ok(c.calls.every((x) => x.dryRun))
})

test('--continue-on-error imports the other rows and reports the rejected ones (partial)', async () => {
  const c = cloud()
  const f = file(['a,SET,1,s', 'b,DEL,,s', 'c,SET,bad,top-secret'])
  const e = await rejects(runImport(opts(f, c, {continueOnError: true})))
  assert.equal(e.kind, 'partial')
  assert.deepEqual([e.result?.created, e.result?.rejected, e.result?.reportFile], [1, 2, `${f}.rejected.csv`])
  assert.deepEqual([...c.store.keys()], ['a'])
  const report = readFileSync(`${f}.rejected.csv`, 'utf8')
  assert.match(report, /\n3,b,DEL,,\*\*\*\*,no key b\n/)
  assert.match(report, /\n4,c,SET,bad,\*\*\*\*,VALUE: value is bad\n/)
  const none = await rejects(runImport(opts(file(['b,DEL,,s']), c, {continueOnError: true})))
  assert.deepEqual([none.kind, none.result?.rejected], ['partial', 1], 'nothing left to apply is still partial')
})

test('--dry-run plans every row and changes nothing', async () => {
  const c = cloud()
  c.store.set('a', '1')
  c.store.set('b', 'old')
  const f = file(['a,SET,1,s', 'b,SET,new,s', 'c,SET,3,s', 'a2,DEL,,s'])
  const e = await rejects(runImport(opts(f, c, {continueOnError: true, dryRun: true})))
  assert.equal(e.kind, 'partial')
  const plan = (e.result as {plan: Array<{line: number; action: string}>}).plan
  assert.deepEqual(
    plan.map((p) => [p.line, p.action]),
    [
      [2, 'unchanged'],
      [3, 'update'],
      [4, 'create'],
      [5, 'reject'],
    ],
  )
  assert.deepEqual(
    [...c.store.entries()],
    [
      ['a', '1'],
      ['b', 'old'],
    ],
  )
})

test('an interrupted import resumes from its journal without sending a row twice; the journal holds no values', async () => {
  const c = cloud()
  const f = file(Array.from({length: 12}, (_, i) => `k${i},SET,v${i},pin-${i}-secret`))
  c.failAfterApplies(2)
  const e = await rejects(runImport(opts(f, c, {concurrency: 1})))
  assert.equal(e.kind, 'unavailable')
  assert.match(e.hint ?? '', /--resume/)
  assert.equal(c.store.size, 6)
  const journal = readFileSync(`${f}.journal`, 'utf8')
  assert.doesNotMatch(journal, /secret|v\d/)
  c.failAfterApplies(Number.POSITIVE_INFINITY)
  c.calls.length = 0
  const s = await runImport(opts(f, c, {resume: true}))
  assert.equal(s.resumed, true)
  assert.equal(s.created, 12, 'counts include the first run')
  assert.equal(
    c.calls.filter((x) => x.dryRun).reduce((n, x) => n + x.n, 0),
    6,
    'only the rows not in the journal are planned again',
  )
  assert.equal(c.store.size, 12)
  assert.ok(!existsSync(`${f}.journal`))
})

test('a journal does not resume a changed file or another organization', async () => {
  const c = cloud()
  const f = file(Array.from({length: 6}, (_, i) => `k${i},SET,v${i},s`))
  c.failAfterApplies(1)
  await rejects(runImport(opts(f, c, {concurrency: 1})))
  c.failAfterApplies(Number.POSITIVE_INFINITY)
  const other = await rejects(runImport(opts(f, c, {resume: true, orgId: 'org-2'})))
  assert.equal(other.kind, 'usage')
  assert.match(other.message, /another organization/)
  writeFileSync(f, readFileSync(f, 'utf8') + 'k9,SET,v9,s\n')
  const changed = await rejects(runImport(opts(f, c, {resume: true})))
  assert.match(changed.message, /file changed/)
})

test('--resume refuses a forged or damaged journal with a line saying why; a new import replaces it', async () => {
  const c = cloud()
  const f = file(Array.from({length: 5}, (_, i) => `k${i},SET,v${i},s`))
  c.failAfterApplies(0)
  await rejects(runImport(opts(f, c, {concurrency: 1})))
  c.failAfterApplies(Number.POSITIVE_INFINITY)
  const [identity] = readFileSync(`${f}.journal`, 'utf8').split('\n')
  const cases: Array<[string, RegExp]> = [
    // the file's own hash and organization, but six rows "created" for a file of five (lines 2–6)
    [`${identity}\n{"done":[[2,"c"],[3,"c"],[4,"c"],[5,"c"],[6,"c"],[7,"c"]]}\n`, /records line 7 as done, which is not a row of the file/],
    [`${identity}\n{"done":[[2,"c"],[2,"u"]]}\n`, /line 2 holds line 2 twice/],
    [`${identity}\n{"done":[[2,"x"]]}\n`, /line 2 holds an entry that is not \[line, outcome\]/],
    [`${identity}\nnot json\n{"done":[[2,"c"]]}\n`, /line 2 is not a chunk's outcomes/],
    ['{"done":[[2,"c"]]}\n', /its first line is not the identity of an import \(format, file hash, organization\)/],
  ]
  for (const [text, re] of cases) {
    writeFileSync(`${f}.journal`, text)
    const e = await rejects(runImport(opts(f, c, {resume: true})))
    assert.equal(e.kind, 'usage')
    assert.match(e.message, re)
    assert.match(e.message, /^Cannot resume from .*in\.csv\.journal: .*it is not a journal lcs wrote/)
    assert.doesNotMatch(e.message, /undefined/)
    assert.equal(c.store.size, 0, 'nothing was sent')
  }
  const s = await runImport(opts(f, c))
  assert.equal(s.created, 5, 'without --resume a damaged journal is replaced')
  assert.ok(!existsSync(`${f}.journal`))
})

test('a journal removed while an import runs is not written again without its identity', async () => {
  const f = file(['k0,SET,v0,s'])
  const j = Journal.open(f, {format: 'test', sha256: 'x', target: 'org-1'}, false)
  Journal.discard(f)
  j.record([[2, 'created']])
  j.close()
  assert.ok(!existsSync(`${f}.journal`))
})

test('deletions ask first', async () => {
  const c = cloud()
  c.store.set('a', '1')
  const f = file(['a,DEL,,s'])
  const e = await rejects(
    runImport(
      opts(f, c, {
        confirmDeletes: async (n) => {
          throw new LcsError('usage', `refused ${n}`)
        },
      }),
    ),
  )
  assert.equal(e.message, 'refused 1')
  assert.equal(c.store.size, 1)
})

test('rows held in memory go through the same passes, with their own places, and leave no journal or report behind', async () => {
  const c = cloud()
  const dir = tempDir()
  const f = join(dir, 'inline')
  // two entries on one line of their file ([a, b]): places come from the rows, numbers from their order
  const row = (name: string, values: Record<string, string>, line: number): MemoryRow => ({
    at: (column) => ({column: column === 'OP' ? 20 : 10, field: `${name}${column ? `.${column.toLowerCase()}` : ''}`, line}),
    name,
    values,
  })
  const rows = [row('entries[0]', {KEY: 'a', OP: 'SET', VALUE: '1'}, 7), row('entries[1]', {KEY: 'a', OP: 'PUT'}, 7)]
  const e = await rejects(runImport(opts(f, c, {rows})))
  assert.deepEqual(
    e.details?.map((d) => [d.row, d.line, d.column, d.field, d.rule]),
    [[2, 7, 20, 'entries[1].op', '"PUT" is not SET or DEL']],
    "each error at its value's own place",
  )
  rows[1] = row('entries[1]', {KEY: 'a', OP: 'SET'}, 7)
  const dup = await rejects(runImport(opts(f, c, {rows})))
  assert.deepEqual(
    dup.details?.map((d) => [d.row, d.field, d.rule]),
    [[2, 'entries[1].key', 'key a is already in entries[0]: a file names it once']],
  )
  rows[1] = row('entries[1]', {KEY: 'b', OP: 'SET'}, 7)
  const s = await runImport(opts(f, c, {dryRun: true, rows}))
  assert.deepEqual(
    s.plan?.map((p) => [p.line, p.action]),
    [
      [1, 'create'],
      [2, 'create'],
    ],
    'plan rows are numbered 1…n',
  )
  const applied = await runImport(opts(f, c, {rows}))
  assert.deepEqual([applied.created, applied.reportFile], [2, null])
  assert.deepEqual(readdirSync(dir), [])
})
