// `printers enroll`'s flow with hostile printer web services beside real (simulated) printers: each hostile
// one fails with its own reason, bounded in size and time, and the others still enroll.
import assert from 'node:assert/strict'
import {createServer, type Server, type ServerResponse} from 'node:http'
import {after, before, test} from 'node:test'
import {gzipSync} from 'node:zlib'

import {CloudClient} from '../../src/lib/cloud/index.js'
import {enrollPrinters, type EnrollCandidate, type EnrollRow} from '../../src/lib/enroll/flow.js'
import {runSandbox} from '../../src/lib/sandbox/daemon.js'
import {tempDir} from '../helpers/cli.js'
import {printerStatus} from '../helpers/ews.js'

const PORT = 30_000 + (process.pid % 8000)
const bomb = gzipSync(Buffer.alloc(64 * 2 ** 20))
const HOSTILE: Record<string, [string, (res: ServerResponse) => void, RegExp]> = {
  '127.27.1.1': [
    'endless',
    (res) => {
      res.writeHead(200, {'Content-Type': 'application/json'})
      const chunk = Buffer.alloc(65536, 'a')
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump)
      }
      pump()
    },
    /sent more than 256 KiB/,
  ],
  '127.27.1.2': [
    'gzip bomb',
    (res) => {
      res.writeHead(200, {'Content-Encoding': 'gzip', 'Content-Type': 'application/json'})
      res.end(bomb)
    },
    /sent more than 256 KiB/,
  ],
  '127.27.1.3': [
    'slowloris',
    (res) => {
      res.writeHead(200, {'Content-Type': 'application/json'})
      const t = setInterval(() => res.write(' '), 500)
      res.on('close', () => clearInterval(t))
    },
    /no complete answer within 10 s/,
  ],
  '127.27.1.4': [
    'error object',
    (res) => {
      res.writeHead(500, {'Content-Type': 'application/json'})
      res.end(JSON.stringify({error: {code: 'E', nested: true}}))
    },
    /refused \(HTTP 500\) without a readable reason/,
  ],
  '127.27.1.5': [
    'bad status',
    (res) => {
      res.writeHead(200, {'Content-Type': 'application/json'})
      res.end(JSON.stringify(printerStatus({enrollment: 'enrolled', serialNumber: 'HOSTILE5'})))
    },
    /status answer has no valid enrollment\.state/,
  ],
  '127.27.1.6': [
    'redirect',
    (res) => {
      res.writeHead(302, {Location: 'http://127.0.0.1/'})
      res.end()
    },
    /answered HTTP 302/,
  ],
}

let sandbox: Awaited<ReturnType<typeof runSandbox>>
const servers: Server[] = []
let rows: EnrollRow[]
let elapsed: number

before(async () => {
  sandbox = await runSandbox({
    dataDir: tempDir(),
    port: 0,
    printers: {count: 3, ewsPort: PORT, mdns: false, snmpPort: PORT + 1, subnet: '127.27.0.0/29'},
    seed: 3,
  })
  for (const [address, [, answer]] of Object.entries(HOSTILE)) {
    const server = createServer((req, res) => (req.on('data', () => {}), req.on('end', () => answer(res))))
    await new Promise<void>((r) => server.listen(PORT, address, r))
    servers.push(server)
  }
  const {info} = sandbox
  const real: EnrollCandidate[] = info.printers
    .filter((p) => p.ews?.capability === 'native')
    .map((p) => ({
      address: p.address,
      agentType: 'native',
      model: p.model,
      reason: '',
      serialNumber: p.serialNumber ?? null,
      status: 'eligible',
      vendor: 'Lexmark',
    }))
  assert.ok(real.length > 0)
  const hostile: EnrollCandidate[] = Object.keys(HOSTILE).map((address, i) => ({
    address,
    agentType: 'native',
    model: 'CX735',
    reason: '',
    serialNumber: `HOSTILE${i}`,
    status: 'eligible',
    vendor: 'Lexmark',
  }))
  const client = new CloudClient({
    credentials: {clientId: info.clientId, clientSecret: info.clientSecret, kind: 'client'},
    endpoints: {apis: info.apiUrl, idp: info.apiUrl},
  })
  const started = Date.now()
  rows = await enrollPrinters([...hostile, ...real], {
    client,
    cloudUrl: info.apiUrl,
    concurrency: 8,
    credentials: {password: 'sandbox-ews', user: 'admin'},
    ewsPort: PORT,
    orgId: info.orgId,
    pollMs: 300,
    preferAgent: 'native',
    timeoutMs: 15_000,
  })
  elapsed = Date.now() - started
})
after(async () => {
  for (const s of servers) {
    s.closeAllConnections()
    await new Promise<void>((r) => s.close(() => r()))
  }
  await sandbox.stop()
})

test('each hostile printer fails with its own reason; the real ones enroll', () => {
  for (const r of rows) {
    const h = HOSTILE[r.address]
    if (h) {
      assert.equal(r.result, 'failed', `${h[0]}: ${r.reason}`)
      assert.match(r.reason, h[2], h[0])
      assert.doesNotMatch(r.reason, /object Object/)
    } else {
      assert.equal(r.result, 'enrolled', `${r.address}: ${r.reason}`)
    }
  }
  assert.ok(elapsed < 30_000, `${elapsed} ms`)
  assert.ok(process.memoryUsage().rss < 1.5 * 2 ** 30)
})
