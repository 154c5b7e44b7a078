// The SDK against hostile or broken servers (small node:http servers on 127.0.0.1): every answer is
// bounded in size and time, endless paging stops, and unexpected answers are "unavailable" errors (exit 8)
// that say what the server did wrong.
import assert from 'node:assert/strict'
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {test} from 'node:test'
import {gzipSync} from 'node:zlib'

import {LcsError} from '../errors.js'
import {CloudClient, type CloudClientOptions} from './client.js'

async function hostile(handler: (req: IncomingMessage, res: ServerResponse, n: number) => void) {
  let n = 0
  const server = createServer((req, res) => handler(req, res, ++n))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    client: (opts: Partial<CloudClientOptions> = {}) =>
      new CloudClient({credentials: {accessToken: 't', kind: 'token'}, endpoints: {apis: url, idp: url}, ...opts}),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
    hits: () => n,
    url,
  }
}

/** Rejects with an LcsError of this kind whose message matches. */
async function fails(p: Promise<unknown>, kind: string, message: RegExp): Promise<LcsError> {
  let caught: unknown
  await p.then(
    () => assert.fail('expected a failure'),
    (e) => (caught = e),
  )
  assert.ok(caught instanceof LcsError, String(caught))
  assert.equal(caught.kind, kind, caught.message)
  assert.match(caught.message, message)
  return caught
}

const all = async <T>(it: AsyncGenerator<T>): Promise<T[]> => {
  const out: T[] = []
  for await (const x of it) out.push(x)
  return out
}

test("an endless answer is cut at the call type's cap (identity 64 KiB, a page 16 MiB); memory stays bounded", async () => {
  const chunk = Buffer.alloc(64 * 1024, 'a')
  const s = await hostile((_req, res) => {
    res.writeHead(200, {'Content-Type': 'application/json'})
    let sent = 0
    const pump = () => {
      while (sent < 2 ** 30 && res.write(chunk)) sent += chunk.length
      if (sent < 2 ** 30) res.once('drain', pump)
      else res.end()
    }
    res.on('close', () => (sent = 2 ** 30))
    pump()
  })
  const before = process.memoryUsage().rss
  await fails(s.client().tokenInfo(), 'unavailable', /larger than 64 KiB \(decompressed\)/)
  await fails(all(s.client().orgs.list()), 'unavailable', /larger than 16 MiB/)
  assert.ok(process.memoryUsage().rss - before < 300 * 2 ** 20, 'RSS grew by less than 300 MiB')
  await s.close()
})

test('a gzip bomb (256 MiB of zeros in 256 KiB) stays bounded: refused at 4 MiB', async () => {
  const member = gzipSync(Buffer.alloc(64 * 2 ** 20))
  const bomb = Buffer.concat([member, member, member, member])
  assert.ok(bomb.length < 2 ** 20)
  const s = await hostile((_req, res) => {
    res.writeHead(200, {'Content-Encoding': 'gzip', 'Content-Type': 'application/json'})
    res.end(bomb)
  })
  const before = process.memoryUsage().rss
  await fails(s.client().orgs.get('o'), 'unavailable', /larger than 4 MiB \(decompressed\)/)
  assert.ok(process.memoryUsage().rss - before < 200 * 2 ** 20)
  await s.close()
})

test('a slowloris server (a byte every 200 ms) meets the total deadline, not only the idle timeout', async () => {
  const s = await hostile((_req, res) => {
    res.writeHead(200, {'Content-Type': 'application/json'})
    const t = setInterval(() => res.write(' '), 200)
    res.on('close', () => clearInterval(t))
  })
  const started = Date.now()
  const e = await fails(
    s.client({attemptTimeoutMs: 800, backoffMs: 10, deadlineMs: 2000}).orgs.get('o'),
    'unavailable',
    /no complete answer in time \(\d attempts in 2\.\d s; the 2\.0 s deadline of a call was reached\)/,
  )
  assert.ok(Date.now() - started < 3500, `${Date.now() - started} ms: ${e.message}`)
  await s.close()
})

test('a silent server fails within the deadline, with what was tried', async () => {
  const s = await hostile(() => {})
  const started = Date.now()
  await fails(
    s.client({backoffMs: 10, deadlineMs: 1500, timeoutMs: 400}).orgs.get('o'),
    'unavailable',
    /\(\d attempts in 1\.\d s.*the 1\.5 s deadline of a call was reached\)/,
  )
  assert.ok(Date.now() - started < 2500)
  await s.close()
})

test('Retry-After beyond the cap fails at once and says what was asked; the retry budget is per client', async () => {
  const s = await hostile((req, res) => {
    res.writeHead(503, {
      'Content-Type': 'application/json',
      ...(req.url?.includes('/far') ? {'Retry-After': '999999'} : {'Retry-After': '0'}),
    })
    res.end('{}')
  })
  const c = s.client({retryBudget: 3})
  const started = Date.now()
  await fails(
    c.call('getOrganization', {params: {orgId: 'far'}}),
    'unavailable',
    /HTTP 503\) after 1 attempt .*asked to retry after 999999 s, longer than the 30 s lcs waits/,
  )
  assert.ok(Date.now() - started < 1000)
  await fails(c.orgs.get('a'), 'unavailable', /after 4 attempts .*budget of 3 retries is spent/)
  const hits = s.hits()
  await fails(c.orgs.get('b'), 'unavailable', /after 1 attempt .*budget of 3 retries is spent/)
  assert.equal(s.hits(), hits + 1, 'no retry once the budget is spent')
  await s.close()
})

test('endless paging stops: the same page twice, a page number that does not advance, more items than announced', async () => {
  const pages = (f: (page: number) => object) =>
    hostile((req, res) => {
      const page = Number(new URL(req.url!, 'http://x').searchParams.get('page'))
      res.writeHead(200, {'Content-Type': 'application/json'})
      res.end(JSON.stringify(f(page)))
    })
  let s = await pages(() => ({content: [{id: 'same'}], last: false, number: undefined}))
  await fails(all(s.client().orgs.list()), 'unavailable', /paging of listOrganizations makes no progress: page 1 repeats page 0/)
  assert.equal(s.hits(), 2)
  await s.close()
  s = await pages((page) => ({content: [{id: `o${page}`}], last: false, number: 0}))
  await fails(all(s.client().orgs.list()), 'unavailable', /page 1 was asked for and page 0 answered/)
  await s.close()
  s = await pages((page) => ({content: [{id: `o${page}`}], last: false, number: page, totalElements: 3}))
  await fails(all(s.client().orgs.list()), 'unavailable', /4 items so far, more than the 3 announced/)
  await s.close()
  s = await pages(() => ({error: 'nope'}))
  await fails(all(s.client().orgs.list()), 'unavailable', /page 0 has no list of items/)
  await s.close()
})

test('unexpected answers: a redirect, an object where text belongs, expires_in as a string, a 20 MB token', async () => {
  const big = 'x'.repeat(20 * 2 ** 20)
  const s = await hostile((req, res) => {
    const u = req.url!
    if (u.includes('/redirect')) {
      res.writeHead(302, {Location: 'https://login.example.com/sso'})
      res.end()
      return
    }
    res.writeHead(u.includes('/conflict') ? 409 : 200, {'Content-Type': 'application/json'})
    if (u.includes('/conflict')) res.end(JSON.stringify({error: {code: 'x', message: {text: 'object'}}}))
    else if (u.includes('/oauth/token'))
      res.end(
        JSON.stringify(
          req.headers['user-agent']?.includes('big') ? {access_token: big, expires_in: 3600} : {access_token: 'tok', expires_in: '3600'},
        ),
      )
    else res.end(JSON.stringify({results: []}))
  })
  await fails(
    s.client().orgs.get('redirect'),
    'unavailable',
    /answered HTTP 302 \(a redirect to https:\/\/login\.example\.com\) where the printer cloud API answers directly/,
  )
  const e = await fails(s.client().orgs.get('conflict'), 'conflict', /^HTTP 409$/)
  assert.doesNotMatch(e.message, /object Object/)
  const creds = {clientId: 'c', clientSecret: 's', kind: 'client' as const}
  await fails(s.client({credentials: creds}).tokenInfo(), 'unavailable', /expires_in that is not a number of seconds \(a string\)/)
  await fails(s.client({credentials: creds, userAgent: 'big'}).tokenInfo(), 'unavailable', /larger than 64 KiB/)
  await fails(s.client().users.apply('o', [{email: 'a@b.c', operation: 'CREATE'}]), 'unavailable', /without one result per item \(1 sent\)/)
  await s.close()
})
