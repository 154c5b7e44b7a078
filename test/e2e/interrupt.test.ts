// Ctrl-C during an import: exit 130 and the way to continue, then --resume finishes the file.
import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'

import {BIN, runJson, sandboxEnv, startSandbox, stopSandbox, tempDir} from '../helpers/cli.js'

test('SIGINT mid-import exits 130 and says to --resume; the resumed import ends with every user once', async () => {
  const sb = await startSandbox(['--faults', 'latency=400'])
  try {
    const env = sandboxEnv(sb)
    const file = join(tempDir(), 'users.csv')
    const rows = Array.from({length: 3000}, (_, i) => `user${i}@example.com,CREATE,,First${i},Last${i},,,,,`)
    writeFileSync(
      file,
      ['EMAIL,OPERATION,PASSWORD,FIRST_NAME,LAST_NAME,DISPLAY_NAME,DEPARTMENT,COST_CENTER,GROUPS,PIN', ...rows].join('\n') + '\n',
    )
    const child = spawn(process.execPath, [BIN, 'users', 'import', file, '--concurrency', '1'], {env, stdio: ['ignore', 'ignore', 'pipe']})
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    const closed = new Promise<number | null>((r) => child.on('close', r))
    // Interrupt once the apply pass has journalled its first chunk (identity line + one chunk), not after
    // a fixed time: a loaded machine may not have started by then. Bounded at 60 s.
    const journal = `${file}.journal`
    const until = Date.now() + 60_000
    while (!(existsSync(journal) && readFileSync(journal, 'utf8').split('\n').filter(Boolean).length >= 2)) {
      assert.ok(Date.now() < until, 'the import journalled no chunk within 60 s')
      await new Promise((r) => setTimeout(r, 50))
    }
    child.kill('SIGINT')
    const code = await closed
    assert.equal(code, 130, stderr)
    assert.match(stderr, /Interrupted\. .*--resume/)
    const resumed = await runJson(['users', 'import', file, '--resume'], env)
    assert.equal(resumed.code, 0, resumed.stderr)
    const users = await runJson(['users', 'list'], env)
    const emails = (users.body as Array<{email: string}>).map((u) => u.email).filter((e) => e.startsWith('user'))
    assert.equal(emails.length, 3000)
    assert.equal(new Set(emails).size, 3000)
  } finally {
    await stopSandbox(sb)
  }
})
