// Fault tolerance end to end: injected 5xx/429/drops, and a sandbox killed mid-command or killed and
// started again.
import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'

import {BIN, isolatedEnv, run, runJson, sandboxEnv, startSandbox, stopSandbox, tempDir, type SandboxJson} from '../helpers/cli.js'

test('with --faults error=0.3,429=0.2 the whole login sequence still succeeds', async () => {
  const sb = await startSandbox(['--faults', 'error=0.3,429=0.2,drop=0.05', '--seed', '7'])
  try {
    const env = isolatedEnv()
    const login = await run(['login', '--api-url', sb.apiUrl, '--client-id', sb.clientId, '--client-secret-stdin'], {
      env,
      input: sb.clientSecret,
      timeoutMs: 60_000,
    })
    assert.equal(login.code, 0, login.stderr)
    const status = await run(['auth', 'status', '--json'], {env, timeoutMs: 60_000})
    assert.equal(status.code, 0, status.stderr)
    assert.equal(JSON.parse(status.stdout).authenticated, true)
    const orgs = await run(['orgs', 'list', '--json'], {
      env: isolatedEnv({LCS_API_URL: sb.apiUrl, LCS_CLIENT_ID: sb.clientId, LCS_CLIENT_SECRET: sb.clientSecret}),
      timeoutMs: 60_000,
    })
    assert.equal(orgs.code, 0, orgs.stderr)
    assert.equal(JSON.parse(orgs.stdout).length, 3)
    // a POST whose answer is dropped is retried with the same Idempotency-Key: created once, no 409
    const child = await run(['orgs', 'create-child', 'Retry Co', '--json'], {env, timeoutMs: 60_000})
    assert.equal(child.code, 0, child.stderr)
  } finally {
    await stopSandbox(sb)
  }
})

test('sandbox killed while a command runs: "unavailable" message and exit 8', async () => {
  const sb = await startSandbox(['--faults', 'latency=1500'])
  const env = isolatedEnv({LCS_API_URL: sb.apiUrl, LCS_CLIENT_ID: sb.clientId, LCS_CLIENT_SECRET: sb.clientSecret})
  const child = spawn(process.execPath, [BIN, 'orgs', 'list'], {env, stdio: ['ignore', 'pipe', 'pipe']})
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  await new Promise((r) => setTimeout(r, 700)) // the token request is in flight
  process.kill(sb.pid, 'SIGKILL')
  const code = await new Promise<number | null>((r) => child.on('close', r))
  assert.equal(code, 8, stderr)
  assert.match(stderr, /Cannot reach the printer cloud|unavailable/)
  assert.doesNotMatch(stderr, /at .*\.js:\d+/)
})

/** Whether a process has exited (and been reaped). */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return false
  } catch {
    return true
  }
}

test('a sandbox killed with SIGKILL keeps every write it answered (WAL), and starts again on its data', async () => {
  const sb = await startSandbox()
  const env = sandboxEnv(sb)
  const file = join(tempDir(), 'users.csv')
  const rows = Array.from({length: 200}, (_, i) => `kill${i}@example.com,CREATE,,First${i},Last${i},,,,,`)
  writeFileSync(
    file,
    ['EMAIL,OPERATION,PASSWORD,FIRST_NAME,LAST_NAME,DISPLAY_NAME,DEPARTMENT,COST_CENTER,GROUPS,PIN', ...rows].join('\n') + '\n',
  )
  const imported = await runJson(['users', 'import', file], env)
  assert.equal(imported.code, 0, imported.stderr)
  process.kill(sb.pid, 'SIGKILL')
  for (let i = 0; i < 100 && !gone(sb.pid); i++) await new Promise((r) => setTimeout(r, 50))
  const again = await run(['sandbox', 'start', '--detach', '--port', '0', '--data', sb.dataDir, '--json'])
  assert.equal(again.code, 0, again.stderr)
  const restarted = JSON.parse(again.stdout) as SandboxJson
  try {
    assert.equal(restarted.clientId, sb.clientId, 'the same seeded data')
    const users = await runJson(['users', 'list'], sandboxEnv(restarted))
    assert.equal((users.body as Array<{email: string}>).filter((u) => u.email.startsWith('kill')).length, 200)
  } finally {
    await stopSandbox(restarted)
  }
})
