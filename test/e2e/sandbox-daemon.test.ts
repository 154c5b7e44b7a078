// The sandbox daemon on a shared machine: its data folder private, its secrets hashed, and the daemon
// identified by more than a PID before anything is signalled or refused.
import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'

import {run, startSandbox, stopSandbox, tempDir} from '../helpers/cli.js'

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8)

test('the data folder is 0700, every file in it 0600, and the database holds no plain seed secret', {timeout: 60_000}, async () => {
  const sb = await startSandbox()
  try {
    // a login writes to the database, so its -wal and -shm exist
    const login = await run(['login', '--sandbox', '--sandbox-data', sb.dataDir], {timeoutMs: 30_000})
    assert.equal(login.code, 0, login.stderr)
    assert.equal(mode(sb.dataDir), '700')
    const files = readdirSync(sb.dataDir)
    for (const f of ['cloud.db', 'cloud.db-wal', 'cloud.db-shm', 'sandbox.log', 'sandbox.json', 'sandbox.lock', 'seed.json'])
      assert.ok(files.includes(f), `${f} in ${files.join(', ')}`)
    for (const f of files) assert.equal(mode(join(sb.dataDir, f)), '600', f)
    const stored = files
      .filter((f) => f.startsWith('cloud.db'))
      .map((f) => readFileSync(join(sb.dataDir, f)).toString('latin1'))
      .join('')
    assert.ok(!stored.includes(sb.adminPassword), 'admin password in the database')
    assert.ok(!stored.includes(sb.clientSecret), 'client secret in the database')
  } finally {
    await stopSandbox(sb)
  }
  // a restart prints the same credentials again (from seed.json), and they still work
  const again = await run(['sandbox', 'start', '--detach', '--port', '0', '--data', sb.dataDir, '--json'])
  assert.equal(again.code, 0, again.stderr)
  const restarted = JSON.parse(again.stdout) as typeof sb
  assert.equal(restarted.adminPassword, sb.adminPassword)
  assert.equal(restarted.clientSecret, sb.clientSecret)
  await stopSandbox(restarted)
})

test(
  'a PID reused by a stranger is never signalled: status says stopped, stop leaves it alone, start works',
  {timeout: 60_000},
  async () => {
    const sb = await startSandbox()
    const state = JSON.parse(readFileSync(join(sb.dataDir, 'sandbox.json'), 'utf8')) as {pid: number}
    process.kill(state.pid, 'SIGKILL')
    await new Promise((r) => setTimeout(r, 300))
    // the system hands the PID to another program: the files still name it
    const stranger = spawn('sleep', ['30'], {stdio: 'ignore'})
    try {
      for (const f of ['sandbox.json', 'sandbox.lock']) {
        const path = join(sb.dataDir, f)
        writeFileSync(path, JSON.stringify({...JSON.parse(readFileSync(path, 'utf8')), pid: stranger.pid}))
      }
      const status = await run(['sandbox', 'status', '--data', sb.dataDir, '--json'])
      assert.equal(status.code, 0, status.stderr)
      assert.equal(JSON.parse(status.stdout).running, false)
      const stop = await run(['sandbox', 'stop', '--data', sb.dataDir, '--json'])
      assert.equal(JSON.parse(stop.stdout).stopped, false)
      assert.equal(stranger.exitCode, null, 'the stranger was signalled')
      assert.equal(stranger.signalCode, null, 'the stranger was signalled')
      const start = await run(['sandbox', 'start', '--detach', '--port', '0', '--data', sb.dataDir, '--json'])
      assert.equal(start.code, 0, start.stderr)
      await stopSandbox(JSON.parse(start.stdout))
      assert.equal(stranger.signalCode, null, 'the stranger was signalled')
    } finally {
      stranger.kill('SIGKILL')
    }
  },
)

test('two sandboxes started at the same instant on one data folder: one runs, the other exits 6 saying so', {timeout: 60_000}, async () => {
  const data = tempDir('lcs-sbx-')
  const start = () => run(['sandbox', 'start', '--detach', '--port', '0', '--data', data, '--json'])
  const results = await Promise.all([start(), start()])
  const winner = results.find((r) => r.code === 0)
  const loser = results.find((r) => r.code !== 0)
  try {
    assert.ok(winner, results.map((r) => r.stderr).join('\n'))
    assert.ok(loser, 'both started')
    assert.equal(loser.code, 6, loser.stderr)
    assert.match(loser.stderr, new RegExp(`A sandbox is already running for ${data}`))
    assert.doesNotMatch(loser.stderr, /UNIQUE|constraint/)
  } finally {
    if (winner) await stopSandbox(JSON.parse(winner.stdout))
  }
})
