import assert from 'node:assert/strict'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {test} from 'node:test'

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
    return res.end(JSON.stringify({content: Array.from({length: size}, (_, i) => ({n: page * size + i})), last: page + 1 >= total, number: page, size, totalElements: total * size, totalPages: total}))
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
