// The sandbox enforces what the real cloud does against misuse: confidential clients authenticate, wrong
// passwords are rate limited, an Idempotency-Key is never replayed for another body and is forgotten after 24 h.
import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'

import {runSandbox} from '../../src/lib/sandbox/daemon.js'
import {IDEMPOTENCY_TTL_MS, openDb, purgeIdempotency, rememberResponse} from '../../src/lib/sandbox/db.js'
import {tempDir} from '../helpers/cli.js'

let sandbox: Awaited<ReturnType<typeof runSandbox>>
before(async () => {
  sandbox = await runSandbox({dataDir: tempDir(), port: 0})
})
after(() => sandbox.stop())

const token = (fields: Record<string, string>) =>
  fetch(`${sandbox.info.apiUrl}/oauth/token`, {body: new URLSearchParams(fields), method: 'POST'})

test('the password grant with the integration client needs its secret', async () => {
  const {adminEmail, adminPassword, clientId, clientSecret} = sandbox.info
  const without = await token({client_id: clientId, grant_type: 'password', password: adminPassword, username: adminEmail})
  assert.equal(without.status, 401)
  const withSecret = await token({
    client_id: clientId,
    client_secret: clientSecret,
    grant_type: 'password',
    password: adminPassword,
    username: adminEmail,
  })
  assert.equal(withSecret.status, 200)
  const publicClient = await token({client_id: 'lcs-cli', grant_type: 'password', password: adminPassword, username: adminEmail})
  assert.equal(publicClient.status, 200)
})

test('wrong passwords are rate limited per account: 429 with Retry-After, other accounts unaffected', async () => {
  const guess = (password: string) =>
    token({client_id: 'lcs-cli', grant_type: 'password', password, username: 'Avery.Guess@northwind.example'})
  const statuses = []
  for (let i = 0; i < 12; i++) statuses.push((await guess(`wrong-${i}`)).status)
  assert.deepEqual(statuses.slice(0, 10), Array(10).fill(400))
  const limited = await guess('wrong-again')
  assert.equal(limited.status, 429)
  assert.ok(Number(limited.headers.get('retry-after')) > 0)
  // another account is not affected
  const other = await token({
    client_id: 'lcs-cli',
    grant_type: 'password',
    password: sandbox.info.adminPassword,
    username: sandbox.info.adminEmail,
  })
  assert.equal(other.status, 200)
})

test('an Idempotency-Key reused with another body is 422; the same body replays', async () => {
  const {apiUrl, clientId, clientSecret, orgId} = sandbox.info
  const {access_token: at} = (await (
    await token({client_id: clientId, client_secret: clientSecret, grant_type: 'client_credentials'})
  ).json()) as {access_token: string}
  const post = (name: string) =>
    fetch(`${apiUrl}/ciam/identity-management-service/v1.0/organizations/${orgId}/groups`, {
      body: JSON.stringify({name}),
      headers: {authorization: `Bearer ${at}`, 'content-type': 'application/json', 'idempotency-key': 'k-1'},
      method: 'POST',
    })
  assert.equal((await post('Night shift')).status, 201)
  const replay = await post('Night shift')
  assert.equal(replay.status, 201)
  assert.equal(replay.headers.get('idempotent-replayed'), 'true')
  const other = await post('Day shift')
  assert.equal(other.status, 422)
  assert.match(((await other.json()) as {error: {message: string}}).error.message, /another request body/)
})

test('remembered answers older than the TTL are purged', () => {
  const db = openDb(tempDir())
  rememberResponse(db, 'k', 'client:c', {hash: 'h', method: 'POST', path: '/x'}, 201, '{}')
  assert.equal(purgeIdempotency(db), 0)
  assert.equal(purgeIdempotency(db, Date.now() + IDEMPOTENCY_TTL_MS + 1), 1)
  db.close()
})

test('printer registrations: a retry with its Idempotency-Key is replayed and recorded once; a check-in by serial learns no record', async () => {
  const {apiUrl, clientId, clientSecret, orgId} = sandbox.info
  const {access_token: at} = (await (
    await token({client_id: clientId, client_secret: clientSecret, grant_type: 'client_credentials'})
  ).json()) as {access_token: string}
  const auth = {Authorization: `Bearer ${at}`}
  const FM = `${apiUrl}/cfm/fleet-management-service/v1.0`
  const {code} = (await (await fetch(`${FM}/organizations/${orgId}/enrollment-code`, {headers: auth})).json()) as {code: string}
  const printer = {agent: 'native', firmware: 'x', manufacturer: 'Lexmark', modelName: 'CX735', serialNumber: 'IDEM00042'}
  const register = (body: object, key?: string) =>
    fetch(`${FM}/registrations`, {
      body: JSON.stringify(body),
      headers: {'Content-Type': 'application/json', ...(key ? {'Idempotency-Key': key} : {})},
      method: 'POST',
    })
  const first = await register({...printer, code}, 'reg-key-1')
  assert.equal(first.status, 201)
  const retry = await register({...printer, code}, 'reg-key-1')
  assert.equal(retry.status, 201)
  assert.equal(retry.headers.get('idempotent-replayed'), 'true')
  assert.equal((await register({...printer, code})).status, 200, 'a second registration without the key: already enrolled')
  const tasks = (await (await fetch(`${FM}/organizations/${orgId}/tasks?size=200`, {headers: auth})).json()) as {
    content: Array<{type: string; serialNumber?: string | null; printers?: unknown}>
  }
  const enrolls = JSON.stringify(tasks.content).split('IDEM00042').length - 1
  assert.equal(enrolls, 1, JSON.stringify(tasks.content.filter((t) => JSON.stringify(t).includes('IDEM00042'))))
  // anyone can POST a serial: the answer says where it is enrolled, not what the organization knows of it
  const checkIn = await register(printer)
  assert.equal(checkIn.status, 200)
  assert.deepEqual(await checkIn.json(), {organizationId: orgId, serialNumber: 'IDEM00042'})
})
