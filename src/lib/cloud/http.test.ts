import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync} from 'node:fs'
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import {createServer as createHttpsServer} from 'node:https'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {AddressInfo} from 'node:net'
import {test} from 'node:test'

import {LcsError} from '../errors.js'
import {registerSecret} from '../redact.js'
import {HttpTransport} from './http.js'

type Handler = (req: IncomingMessage, res: ServerResponse, n: number, body: string) => void

async function serve(
  handler: Handler,
): Promise<{url: string; close: () => Promise<void>; seen: Array<{headers: IncomingMessage['headers']; body: string}>}> {
  const seen: Array<{headers: IncomingMessage['headers']; body: string}> = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      seen.push({body, headers: req.headers})
      handler(req, res, seen.length, body)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
    seen,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  }
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, {'Content-Type': 'application/json', ...headers})
  res.end(JSON.stringify(body))
}

const noSleep = () => {
  const delays: number[] = []
  return {delays, sleep: async (ms: number) => void delays.push(ms)}
}

test('retries 5xx and 429 with backoff, honours Retry-After, keeps one Idempotency-Key for a POST', async () => {
  const s = await serve((_req, res, n) => {
    if (n === 1) return json(res, 503, {error: {code: 'x', message: 'busy', requestId: 'r'}})
    if (n === 2) return json(res, 429, {}, {'Retry-After': '7'})
    json(res, 200, {ok: true})
  })
  const {delays, sleep} = noSleep()
  const t = new HttpTransport({random: () => 0.5, sleep})
  const r = await t.request<{ok: boolean}>({body: {a: 1}, method: 'POST', url: `${s.url}/x`})
  assert.deepEqual(r.data, {ok: true})
  assert.equal(s.seen.length, 3)
  assert.equal(s.seen[0].headers['user-agent'], `lcs/${(JSON.parse(readFileSync('package.json', 'utf8')) as {version: string}).version}`)
  const keys = new Set(s.seen.map((x) => x.headers['idempotency-key']))
  assert.equal(keys.size, 1)
  assert.ok([...keys][0])
  assert.equal(delays[1], 7000, 'Retry-After seconds are honoured')
  assert.ok(delays[0] >= 100 && delays[0] <= 200, `first backoff ${delays[0]}`)
  await s.close()
})

test('gives up after maxRetries with an "unavailable" error naming the attempts and the request id', async () => {
  const s = await serve((_req, res) => json(res, 500, {error: {code: 'boom', message: 'kaput', requestId: 'req-42'}}))
  const t = new HttpTransport({maxRetries: 2, sleep: noSleep().sleep})
  await assert.rejects(t.request({method: 'GET', url: s.url}), (e: LcsError) => {
    assert.equal(e.kind, 'unavailable')
    assert.match(e.message, /after 3 attempts/)
    assert.equal(e.requestId, 'req-42')
    return true
  })
  assert.equal(s.seen.length, 3)
  await s.close()
})

test('4xx are not retried and map to typed errors; 403 names the missing role', async () => {
  const s = await serve((req, res) => {
    if (req.url === '/403')
      return json(res, 403, {
        error: {code: 'forbidden', message: 'Permission denied', requestId: 'r', requiredRoles: ['Fleet Management Administrator']},
      })
    if (req.url === '/403all')
      return json(res, 403, {
        error: {
          code: 'forbidden',
          match: 'all',
          message: 'Permission denied',
          missingRoles: ['File Service Administrator'],
          requestId: 'r',
          requiredRoles: ['Fleet Management Administrator', 'File Service Administrator'],
        },
      })
    if (req.url === '/404') return json(res, 404, {error: {code: 'nf', message: 'nope', requestId: 'r'}})
    json(res, 422, {error: {code: 'v', details: [{field: 'name', rule: 'required'}], message: 'Invalid', requestId: 'r'}})
  })
  const t = new HttpTransport({sleep: noSleep().sleep})
  await assert.rejects(
    t.request({method: 'GET', url: `${s.url}/403`}),
    (e: LcsError) => e.kind === 'forbidden' && /Fleet Management Administrator/.test(e.message),
  )
  await assert.rejects(
    t.request({method: 'GET', url: `${s.url}/403all`}),
    (e: LcsError) =>
      e.exitCode === 5 &&
      e.message ===
        'Permission denied: this needs Fleet Management Administrator and File Service Administrator; missing the role File Service Administrator. Grant with: lcs users roles assign EMAIL "File Service Administrator"',
  )
  await assert.rejects(t.request({method: 'GET', url: `${s.url}/404`}), (e: LcsError) => e.kind === 'notFound' && e.exitCode === 3)
  await assert.rejects(
    t.request({method: 'GET', url: `${s.url}/422`}),
    (e: LcsError) => e.kind === 'badData' && e.details?.[0].field === 'name',
  )
  assert.equal(s.seen.length, 4)
  await s.close()
})

test('HTML or garbage instead of JSON is a clear error naming the URL to check', async () => {
  const s = await serve((req, res) => {
    if (req.url === '/html') {
      res.writeHead(200, {'Content-Type': 'text/html'})
      return res.end('<html><body>Proxy login</body></html>')
    }
    res.writeHead(200, {'Content-Type': 'application/json'})
    return res.end('{"truncated": ')
  })
  const t = new HttpTransport({sleep: noSleep().sleep})
  await assert.rejects(
    t.request({method: 'GET', url: `${s.url}/html`}),
    (e: LcsError) => e.kind === 'unavailable' && /HTML page/.test(e.message) && /--api-url/.test(e.hint ?? ''),
  )
  await assert.rejects(t.request({method: 'GET', url: `${s.url}/garbage`}), (e: LcsError) => /not JSON/.test(e.message))
  await s.close()
})

test('a refused connection is retried briefly, then reported as unreachable', async () => {
  const s = await serve(() => {})
  const url = s.url
  await s.close()
  const {delays, sleep} = noSleep()
  const t = new HttpTransport({sleep})
  await assert.rejects(
    t.request({method: 'GET', url}),
    (e: LcsError) => e.kind === 'unavailable' && /connection was refused/.test(e.message),
  )
  assert.equal(delays.length, 2)
})

test('dropped connections are retried', async () => {
  const s = await serve((req, res, n) => (n < 3 ? req.socket.destroy() : json(res, 200, {ok: 1})))
  const t = new HttpTransport({sleep: noSleep().sleep})
  assert.deepEqual((await t.request({method: 'GET', url: s.url})).data, {ok: 1})
  await s.close()
})

test('the trace redacts Authorization, secret-named body fields and registered secret values', async () => {
  const s = await serve((_req, res) => json(res, 400, {error: 'invalid_client', error_description: 'bad secret s3cr3t-value'}))
  registerSecret('s3cr3t-value')
  const lines: string[] = []
  const t = new HttpTransport({sleep: noSleep().sleep, trace: (l) => lines.push(l)})
  await assert.rejects(
    t.request({
      body: {client_id: 'abc', client_secret: 's3cr3t-value'},
      headers: {Authorization: 'Bearer tok-123456'},
      method: 'POST',
      url: s.url,
    }),
  )
  const all = lines.join('\n')
  assert.match(all, /client_id/)
  assert.doesNotMatch(all, /s3cr3t-value|tok-123456/)
  assert.match(all, /\[REDACTED\]/)
  await s.close()
})

test(
  'a TLS failure (self-signed certificate) names TLS and what to check',
  {skip: spawnSync('openssl', ['version']).status !== 0 && 'openssl missing'},
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lcs-tls-'))
    const r = spawnSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=127.0.0.1',
      '-days',
      '1',
      '-keyout',
      join(dir, 'k.pem'),
      '-out',
      join(dir, 'c.pem'),
    ])
    assert.equal(r.status, 0, String(r.stderr))
    const server = createHttpsServer({cert: readFileSync(join(dir, 'c.pem')), key: readFileSync(join(dir, 'k.pem'))}, (_q, s) =>
      s.end('{}'),
    )
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', res))
    const t = new HttpTransport({sleep: noSleep().sleep})
    await assert.rejects(t.request({method: 'GET', url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/`}), (e: LcsError) => {
      assert.equal(e.kind, 'unavailable')
      assert.match(e.message, /TLS failure/)
      assert.match(e.hint ?? '', /NODE_EXTRA_CA_CERTS/)
      return true
    })
    server.close()
  },
)
