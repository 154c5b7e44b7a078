// The "done when", driven as a user would: spawn bin/run.js against a detached sandbox.
import assert from 'node:assert/strict'
import {existsSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, test} from 'node:test'

import {isolatedEnv, run, startSandbox, stopSandbox, type SandboxJson} from '../helpers/cli.js'

let sb: SandboxJson
before(async () => {
  sb = await startSandbox()
})
after(() => stopSandbox(sb))

test('sandbox start --json prints what a new user needs', () => {
  for (const k of ['apiUrl', 'clientId', 'clientSecret', 'adminEmail', 'adminPassword', 'orgId'])
    assert.ok((sb as unknown as Record<string, unknown>)[k], k)
  assert.match(sb.apiUrl, /^http:\/\/127\.0\.0\.1:\d+$/)
})

test('login with client credentials from stdin, then auth status reports authenticated', async () => {
  const env = isolatedEnv()
  const login = await run(['login', '--api-url', sb.apiUrl, '--client-id', sb.clientId, '--client-secret-stdin', '--json'], {
    env,
    input: sb.clientSecret + '\n',
  })
  assert.equal(login.code, 0, login.stderr)
  assert.equal(JSON.parse(login.stdout).organization.id, sb.orgId)
  const cred = join(env.LCS_CONFIG_DIR!, 'credentials.json')
  assert.equal(statSync(cred).mode & 0o777, 0o600)
  assert.match(login.stderr, /plain text/, 'the file fallback is announced')
  const status = await run(['auth', 'status', '--json'], {env})
  assert.equal(status.code, 0, status.stderr)
  const s = JSON.parse(status.stdout)
  assert.equal(s.authenticated, true)
  assert.equal(s.organization.id, sb.orgId)
  assert.match(s.credentialSource, /profile "default"/)
  assert.ok(Date.parse(s.tokenExpiresAt) > Date.now())
  const orgs = await run(['orgs', 'use', 'Contoso Retail', '--json'], {env})
  assert.equal(orgs.code, 0, orgs.stderr)
  const after = JSON.parse((await run(['auth', 'status', '--json'], {env})).stdout)
  assert.equal(after.organization.name, 'Contoso Retail')
  const out = await run(['logout', '--json'], {env})
  assert.equal(JSON.parse(out.stdout).removed, true)
  assert.ok(!JSON.parse(readFileSync(cred, 'utf8')).default, 'secrets removed from the file')
  const st = await run(['auth', 'status', '--json'], {env})
  assert.equal(st.code, 4)
  assert.equal(JSON.parse(st.stdout).authenticated, false)
})

test('with only LCS_API_URL, LCS_CLIENT_ID and LCS_CLIENT_SECRET, orgs list shows the three seeded organizations', async () => {
  const env = isolatedEnv({LCS_API_URL: sb.apiUrl, LCS_CLIENT_ID: sb.clientId, LCS_CLIENT_SECRET: sb.clientSecret})
  const r = await run(['orgs', 'list', '--json'], {env})
  assert.equal(r.code, 0, r.stderr)
  const orgs = JSON.parse(r.stdout) as Array<{name: string}>
  assert.deepEqual(orgs.map((o) => o.name).sort(), ['Contoso Retail', 'Fabrikam Health', 'Northwind Partners'])
  assert.equal(r.stderr, '', '--json keeps stderr quiet when nothing goes wrong')
  assert.ok(!existsSync(join(env.LCS_CONFIG_DIR!, 'config.json')), 'env credentials store nothing')
  const printers = await run(['printers', 'list', '--integration', '--json', '--page-size', '5'], {env})
  assert.equal(printers.code, 0, printers.stderr)
  assert.equal(JSON.parse(printers.stdout).length, 12)
})

test('password login non-interactively, and the refresh token keeps working across runs', async () => {
  const env = isolatedEnv()
  const r = await run(
    ['login', '--api-url', sb.apiUrl, '--email', sb.adminEmail.toUpperCase(), '--password-stdin', '--org', 'Fabrikam Health'],
    {env, input: sb.adminPassword},
  )
  assert.equal(r.code, 0, r.stderr)
  const s = JSON.parse((await run(['auth', 'status', '--json'], {env})).stdout)
  assert.equal(s.principal, sb.adminEmail)
  assert.equal(s.organization.name, 'Fabrikam Health')
  assert.equal(s.authMethod, 'password')
})

test('without a terminal and without credentials, login fails naming the flags instead of prompting', async () => {
  const r = await run(['login', '--api-url', sb.apiUrl])
  assert.equal(r.code, 2)
  assert.match(r.stderr, /--client-id with --client-secret-stdin, or --email with --password-stdin/)
})

test('unknown commands exit 127 with the suggestion (arguments kept) and the topic help on stderr; a JSON error under --json', async () => {
  const r = await run(['orgs', 'lst', '--profile', 'x'])
  assert.equal(r.code, 127)
  assert.match(r.stderr, /"lcs orgs lst" is not a command\. Did you mean: lcs orgs list --profile x/)
  assert.match(r.stderr, /lcs help orgs/)
  assert.equal(r.stdout, '')
  const j = await run(['prnters', 'show', '75270VABN9K', '--json'])
  assert.equal(j.code, 127)
  const body = JSON.parse(j.stdout)
  assert.equal(body.error.code, 'unknownCommand')
  assert.equal(body.error.exitCode, 127)
  assert.equal(body.suggestion, 'lcs printers show 75270VABN9K --json')
  const none = await run(['zzqqxx'])
  assert.equal(none.code, 127)
  assert.match(none.stderr, /"lcs zzqqxx" is not a command\.\n/)
})

test('an argument to a command that takes none is a usage error of that command (exit 2), not an unknown command', async () => {
  const r = await run(['apply', 'rollout.yaml', '--dry-run'])
  assert.equal(r.code, 2, r.stderr)
  assert.equal(r.stderr, 'Error: Unexpected argument: rollout.yaml\n  lcs apply takes no arguments: see `lcs apply --help`.\n')
  const j = await run(['policies', 'list', 'extra', '--json'])
  assert.equal(j.code, 2)
  assert.equal(JSON.parse(j.stdout).error.message, 'Unexpected argument: extra')
})
