import assert from 'node:assert/strict'
import {mkdtempSync} from 'node:fs'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'node:test'

import {saveSecrets} from '../auth/secrets.js'
import {writeConfig} from '../config/store.js'
import {CloudClient} from './client.js'

// A tiny token server: tokens are "t1", "t2", …; the API accepts only the latest token.
async function tokenServer(opts: {expiresIn?: number; pages?: number} = {}) {
  let issued = 0
  const calls: string[] = []
  const server = createServer((req, res) => {
    calls.push(`${req.method} ${req.url}`)
    res.setHeader('Content-Type', 'application/json')
    if (req.url === '/oauth/token') {
      issued++
      return res.end(JSON.stringify({access_token: `t${issued}`, expires_in: opts.expiresIn ?? 3600, token_type: 'Bearer'}))
    }
    if (req.headers.authorization !== `Bearer t${issued}`) {
      res.statusCode = 401
      return res.end(JSON.stringify({error: {code: 'invalid_token', message: 'Invalid access token', requestId: 'r'}}))
    }
    const u = new URL(req.url!, 'http://x')
    const page = Number(u.searchParams.get('page'))
    const size = Number(u.searchParams.get('size'))
    const total = opts.pages ?? 1
    return res.end(
      JSON.stringify({
        content: Array.from({length: size}, (_, i) => ({n: page * size + i})),
        last: page + 1 >= total,
        number: page,
        size,
        totalElements: total * size,
        totalPages: total,
      }),
    )
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {calls, close: () => new Promise<void>((r) => server.close(() => r())), revoke: () => issued++, url}
}

const creds = {clientId: 'c', clientSecret: 'sec-ret-1', kind: 'client' as const}

test('a token is fetched once and reused; a 401 renews it once and repeats the call', async () => {
  const s = await tokenServer()
  const c = new CloudClient({credentials: creds, endpoints: {apis: s.url, idp: s.url}})
  await c.call('assets')
  await c.call('assets')
  assert.equal(s.calls.filter((x) => x.includes('/oauth/token')).length, 1)
  s.revoke() // server-side the token becomes invalid
  await c.call('assets')
  assert.equal(s.calls.filter((x) => x.includes('/oauth/token')).length, 2)
  s.close()
})

test('a token close to expiry is refreshed before use', async () => {
  const s = await tokenServer({expiresIn: 30}) // inside the 60 s margin
  const seen: string[] = []
  const c = new CloudClient({credentials: creds, endpoints: {apis: s.url, idp: s.url}, onToken: (t) => void seen.push(t.accessToken)})
  await c.call('assets')
  await c.call('assets')
  assert.deepEqual(seen, ['t1', 't2'])
  s.close()
})

test('paginate walks every page with size ≤ 200 and stops at limit', async () => {
  const s = await tokenServer({pages: 3})
  const c = new CloudClient({credentials: creds, endpoints: {apis: s.url, idp: s.url}})
  const all: unknown[] = []
  for await (const x of c.paginate('assets', {pageSize: 500})) all.push(x)
  assert.equal(all.length, 600)
  assert.ok(s.calls.every((x) => !x.includes('size=500')))
  const few: unknown[] = []
  for await (const x of c.paginate('assets', {limit: 5, pageSize: 2})) few.push(x)
  assert.equal(few.length, 5)
  s.close()
})

test('an LCS_TOKEN-style token that is rejected fails with an auth error, not a loop', async () => {
  const s = await tokenServer()
  const c = new CloudClient({credentials: {accessToken: 'stale', kind: 'token'}, endpoints: {apis: s.url, idp: s.url}})
  await assert.rejects(c.call('assets'), (e: Error & {kind?: string}) => e.kind === 'auth')
  assert.equal(s.calls.length, 1)
  s.close()
})

test('forRegion and fromEnv build the client the CLI would; fromEnv without credentials is a usage error', async () => {
  assert.deepEqual(CloudClient.forRegion('eu', creds).endpoints, {
    apis: 'https://apis.eu.iss.lexmark.com',
    idp: 'https://idp.eu.iss.lexmark.com',
  })
  assert.throws(() => CloudClient.forRegion('mars' as 'us', creds), /Unknown region "mars"/)
  const s = await tokenServer()
  const c = CloudClient.fromEnv({LCS_API_URL: s.url + '/', LCS_CLIENT_ID: 'c', LCS_CLIENT_SECRET: 'x'})
  assert.deepEqual(c.endpoints, {apis: s.url, idp: s.url})
  await c.call('assets')
  assert.deepEqual(s.calls, ['POST /oauth/token', 'GET /cfm/fleetmgmt-integration-service/v1.0/assets'])
  await s.close()
  assert.equal(CloudClient.fromEnv({LCS_REGION: 'eu', LCS_TOKEN: 'tok'}).endpoints.apis, 'https://apis.eu.iss.lexmark.com')
  assert.throws(
    () => CloudClient.fromEnv({}),
    (e: Error & {kind?: string}) => e.kind === 'usage' && /LCS_CLIENT_ID/.test(e.message),
  )
  assert.throws(() => CloudClient.fromEnv({LCS_CLIENT_ID: 'c'}), /LCS_CLIENT_SECRET is not set/)
})

test('fromLogin reads the profile the CLI stored; a profile without a login is an auth error', async () => {
  const s = await tokenServer()
  const env = {LCS_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'lcs-cfg-')), LCS_NO_KEYCHAIN: '1'}
  await writeConfig({profiles: {work: {apiUrl: s.url, authMethod: 'client_credentials', clientId: 'c', secretStore: 'file'}}}, env)
  await saveSecrets('work', {clientSecret: 'sec'}, {env, insecure: true})
  const c = await CloudClient.fromLogin({env, profile: 'work'})
  assert.equal(c.endpoints.apis, s.url)
  await c.call('assets')
  assert.equal(s.calls[0], 'POST /oauth/token')
  await s.close()
  await assert.rejects(
    CloudClient.fromLogin({env, profile: 'nobody'}),
    (e: Error & {kind?: string}) => e.kind === 'auth' && /Not logged in/.test(e.message),
  )
})

test('a per-request AbortSignal stops the call and its retries', async () => {
  let hits = 0
  const server = createServer((_req, res) => {
    hits++
    res.statusCode = 503
    res.setHeader('Retry-After', '30')
    res.end('{}')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const c = new CloudClient({credentials: {accessToken: 't', kind: 'token'}, endpoints: {apis: url, idp: url}})
  const started = Date.now()
  await assert.rejects(c.orgs.list({signal: AbortSignal.timeout(300)}).next(), (e: Error) => e.name === 'TimeoutError')
  assert.ok(Date.now() - started < 3000, 'the 30 s Retry-After wait was cut short')
  assert.equal(hits, 1)
  const ac = new AbortController()
  ac.abort()
  await assert.rejects(c.tokenInfo({signal: ac.signal}), (e: Error) => e.name === 'AbortError')
  assert.equal(hits, 1, 'an aborted signal sends nothing')
  await new Promise<void>((r) => server.close(() => r()))
})
