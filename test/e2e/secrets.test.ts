// Every command run with --verbose (HTTP trace on): no secret value may appear in any output.
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

test('no secret appears in any output of any command under --verbose', async () => {
  const env = isolatedEnv()
  const outputs: string[] = []
  const go = async (args: string[], input?: string, extraEnv: NodeJS.ProcessEnv = env) => {
    const r = await run([...args, '--verbose'], {env: extraEnv, input})
    outputs.push(`$ lcs ${args.join(' ')}\n${r.stdout}\n${r.stderr}`)
    return r
  }
  await go(['login', '--api-url', sb.apiUrl, '--email', sb.adminEmail, '--password-stdin'], sb.adminPassword)
  await go(['login', '--api-url', sb.apiUrl, '--client-id', sb.clientId, '--client-secret-stdin'], sb.clientSecret)
  await go(['login', '--api-url', sb.apiUrl, '--client-id', sb.clientId, '--client-secret-stdin'], 'a-wrong-secret-value')
  for (const args of [
    ['auth', 'status'],
    ['auth', 'status', '--json'],
    ['orgs', 'list'],
    ['orgs', 'list', '--csv'],
    ['orgs', 'use', 'Contoso Retail'],
    ['orgs', 'create-child', 'Leak Test Co'],
    ['printers', 'list', '--json'],
    ['sandbox', 'status', '--data', sb.dataDir],
  ]) {
    await go(args)
  }
  const creds = JSON.parse(readFileSync(join(env.LCS_CONFIG_DIR!, 'credentials.json'), 'utf8')).default
  await go(['orgs', 'list'], undefined, {...env, LCS_TOKEN: creds.accessToken})
  await go(
    ['orgs', 'list', '--json'],
    undefined,
    isolatedEnv({LCS_API_URL: sb.apiUrl, LCS_CLIENT_ID: sb.clientId, LCS_CLIENT_SECRET: sb.clientSecret}),
  )
  await go(['logout'])
  const all = outputs.join('\n')
  assert.match(all, /\[http\] → POST/, 'the trace really ran')
  for (const secret of [sb.clientSecret, sb.adminPassword, 'a-wrong-secret-value', creds.accessToken, creds.clientSecret]) {
    assert.ok(!all.includes(secret), `a secret leaked: ${secret.slice(0, 3)}…`)
  }
  // Sandbox tokens are 43-character base64url strings: none may appear anywhere.
  assert.doesNotMatch(all, /(?<![\w-])[\w-]{43}(?![\w-])/)
})
