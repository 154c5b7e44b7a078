// Twenty `lcs login` at once into one config folder, each into its own profile: every profile and every
// secret is kept (the config folder's files are changed under a lock).
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, test} from 'node:test'

import {isolatedEnv, run, startSandbox, stopSandbox, type SandboxJson} from '../helpers/cli.js'

let sb: SandboxJson
before(async () => {
  sb = await startSandbox()
})
after(() => stopSandbox(sb))

test('20 concurrent logins into one config folder keep 20 profiles and their secrets', {timeout: 120_000}, async () => {
  const env = isolatedEnv()
  const n = 20
  const results = await Promise.all(
    Array.from({length: n}, (_, i) =>
      run(['login', '--api-url', sb.apiUrl, '--client-id', sb.clientId, '--client-secret-stdin', '--profile', `p${i}`], {
        env,
        input: `${sb.clientSecret}\n`,
        timeoutMs: 100_000,
      }),
    ),
  )
  for (const r of results) assert.equal(r.code, 0, r.stderr)
  const dir = env.LCS_CONFIG_DIR!
  const profiles = Object.keys((JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as {profiles: object}).profiles)
  assert.equal(profiles.length, n, profiles.join(' '))
  const secrets = Object.keys(JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8')) as object)
  assert.equal(secrets.length, n, secrets.join(' '))
  for (const i of [0, n - 1]) {
    const r = await run(['orgs', 'list', '--profile', `p${i}`, '--json'], {env})
    assert.equal(r.code, 0, r.stderr)
  }
})
