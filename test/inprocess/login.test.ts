// Failed logins, run in-process against an in-process sandbox (formerly spawned end-to-end): one clear
// line, exit 4, no stack trace, and nothing stored.
import assert from 'node:assert/strict'
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, test} from 'node:test'

import Login from '../../src/commands/login.js'
import {runSandbox} from '../../src/lib/sandbox/daemon.js'
import {isolatedEnv, tempDir} from '../helpers/cli.js'
import {runInProcess} from '../helpers/inprocess.js'
import {answering} from '../helpers/prompter.js'

let sandbox: Awaited<ReturnType<typeof runSandbox>>
before(async () => {
  sandbox = await runSandbox({dataDir: tempDir('lcs-sbx-'), port: 0})
})
after(() => sandbox.stop())

const nothingStored = (env: NodeJS.ProcessEnv) => {
  assert.ok(!existsSync(join(env.LCS_CONFIG_DIR!, 'config.json')), 'no profile')
  assert.ok(!existsSync(join(env.LCS_CONFIG_DIR!, 'credentials.json')), 'no secrets')
}

/** A login whose one question gets a wrong answer: exit 4, that question asked, nothing stored. */
async function wrongLogin(flags: string[], question: string, answer: string): Promise<string> {
  const env = isolatedEnv()
  const prompter = answering(answer)
  const r = await runInProcess(Login, ['--api-url', sandbox.info.apiUrl, ...flags], {env, factory: {prompter}})
  assert.equal(r.code, 4, r.stderr)
  assert.deepEqual(
    prompter.asked.map((q) => q.message),
    [question],
  )
  assert.doesNotMatch(r.stderr, /at .*\.[jt]s:\d+/, 'no stack trace without --verbose')
  nothingStored(env)
  return r.stderr
}

test('a wrong client secret: one clear line, exit 4, nothing stored', async () => {
  const stderr = await wrongLogin(['--client-id', sandbox.info.clientId], 'Client secret', 'wrong-secret')
  assert.match(stderr, /^Error: Wrong client ID or client secret/m)
})

test('a wrong password: exit 4 and nothing stored', async () => {
  assert.match(await wrongLogin(['--email', sandbox.info.adminEmail], 'Password', 'nope'), /Wrong e-mail or password/)
})

test('--json: the failed login as an error object on stdout, exit code inside', async () => {
  const env = isolatedEnv({LCS_CLIENT_SECRET: 'wrong-secret'})
  const r = await runInProcess(Login, ['--api-url', sandbox.info.apiUrl, '--client-id', sandbox.info.clientId, '--json'], {env})
  assert.equal(r.code, 4)
  const {error} = JSON.parse(r.stdout)
  assert.deepEqual([error.code, error.exitCode], ['auth', 4])
  assert.ok(!r.stdout.includes('wrong-secret') && !r.stderr.includes('wrong-secret'), 'the secret never leaks')
  nothingStored(env)
})
