// The bad-input corpus (fixtures/csv-bad, described and listed in its README): every file exits 7 with an
// error naming the line and column of its first problem, and nothing reaches the cloud — no write at all
// for the files refused by validation, and the cloud's state unchanged for every file.
import assert from 'node:assert/strict'
import {copyFileSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, test} from 'node:test'

import {run, sandboxEnv, startSandbox, stopSandbox, tempDir, type SandboxJson} from '../helpers/cli.js'

const corpus = new URL('../../fixtures/csv-bad/', import.meta.url)
const cases = readFileSync(new URL('README.md', corpus), 'utf8')
  .split('\n')
  .filter((l) => /^\| [\w.-]+\.(csv|txt) \|/.test(l))
  .map((l) => {
    const [file, command, line, column, what] = l
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim())
    return {cloud: what.startsWith('*cloud*'), column: Number(column), command: command.split(' '), file, line: Number(line)}
  })

let sb: SandboxJson
let env: NodeJS.ProcessEnv
const dir = tempDir('lcs-bad-')
const lcs = (...args: string[]) => run(args, {env, timeoutMs: 60_000})

/** Everything an import could have changed, as the cloud reports it. */
async function state(): Promise<string> {
  const lists = [
    ['users', 'list'],
    ['badges', 'list'],
    ['preenroll', 'list'],
    ['mps', 'contacts', 'list'],
    ['login-config', 'get'],
  ]
  return (await Promise.all(lists.map(async (a) => (await lcs(...a, '--json')).stdout))).join('\n')
}

/** Batch requests the sandbox has served (its log has one line per request). */
const batchRequests = () =>
  readFileSync(join(sb.dataDir, 'sandbox.log'), 'utf8')
    .split('\n')
    .filter((l) => /^\S+ POST \S+\/batch /.test(l)).length

before(async () => {
  sb = await startSandbox()
  env = sandboxEnv(sb)
  const users = join(dir, 'users.csv')
  copyFileSync(new URL('../../fixtures/import/users.csv', import.meta.url), users)
  assert.equal((await lcs('users', 'import', users)).code, 0)
})
after(() => stopSandbox(sb))

test('the corpus has the files the issue lists, and more', () => {
  assert.ok(cases.length >= 25, `${cases.length} files`)
})

test('every bad file: exit 7, its first error at the documented line and column, the cloud unchanged', async () => {
  const before = await state()
  for (const c of cases) {
    const file = join(dir, c.file)
    copyFileSync(new URL(c.file, corpus), file)
    const requests = batchRequests()
    const r = await lcs(...c.command, file, '--json')
    assert.equal(r.code, 7, `${c.file}: ${r.stderr}`)
    const {error} = JSON.parse(r.stdout) as {error: {code: string; details: Array<{line: number; column: number}>}}
    assert.equal(error.code, 'badData', c.file)
    assert.deepEqual([error.details[0].line, error.details[0].column], [c.line, c.column], `${c.file}: ${JSON.stringify(error.details[0])}`)
    assert.match(r.stderr, new RegExp(`line ${c.line}, column ${c.column}`), c.file)
    if (c.cloud) assert.ok(batchRequests() > requests, `${c.file}: refused by the dry-run plan`)
    else assert.equal(batchRequests(), requests, `${c.file}: validation errors send nothing at all`)
  }
  assert.equal(await state(), before, 'nothing reached the cloud')
})

test('line numbers stay right after a quoted line break; the report of formula-like cells is safe to open', async () => {
  let r = await lcs('badges', 'import', join(dir, 'line-break-in-badge.csv'), '--json')
  assert.deepEqual(
    JSON.parse(r.stdout).error.details.map((d: {line: number}) => d.line),
    [2, 4],
  )
  r = await lcs('users', 'import', join(dir, 'formula-cells.csv'), '--json')
  const report = readFileSync(JSON.parse(r.stdout).reportFile, 'utf8')
  assert.match(report, /,"'=HYPERLINK\(""http:\/\/evil\.example"",""click""\)",/)
  assert.match(report, /,'@SUM\(A1\),'\+1,/)
  assert.doesNotMatch(report, /,[=@+]/, 'no cell starts with a formula character')
})
