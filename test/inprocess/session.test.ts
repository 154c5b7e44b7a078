// Session errors of any cloud command, run in-process (formerly spawned end-to-end): no sandbox needed,
// and each case checks the exit code and the one line the user reads.
import assert from 'node:assert/strict'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {test} from 'node:test'

import OrgsList from '../../src/commands/orgs/list.js'
import {isolatedEnv} from '../helpers/cli.js'
import {runInProcess} from '../helpers/inprocess.js'

test('bad targets: unknown region and malformed --api-url are usage errors (exit 2)', async () => {
  const env = isolatedEnv({LCS_CLIENT_ID: 'a', LCS_CLIENT_SECRET: 'bbbb'})
  const region = await runInProcess(OrgsList, ['--region', 'mars'], {env})
  assert.equal(region.code, 2)
  assert.match(region.stderr, /Expected --region=mars to be one of: us, eu\n/)
  const url = await runInProcess(OrgsList, ['--api-url', 'htp//nope'], {env})
  assert.equal(url.code, 2)
  assert.match(url.stderr, /Malformed --api-url/)
  const envUrl = await runInProcess(OrgsList, [], {env: {...env, LCS_API_URL: 'ftp://x'}})
  assert.equal(envUrl.code, 2)
  assert.match(envUrl.stderr, /LCS_API_URL/)
})

test('an unreachable API or an HTML page instead of the API: exit 8 with what to check', async () => {
  const html = createServer((_q, s) => {
    s.writeHead(200, {'Content-Type': 'text/html'})
    s.end('<!doctype html><title>Portal</title>')
  })
  await new Promise<void>((r) => html.listen(0, '127.0.0.1', r))
  const port = (html.address() as AddressInfo).port
  const env = isolatedEnv({LCS_CLIENT_ID: 'a', LCS_CLIENT_SECRET: 'bbbb'})
  const h = await runInProcess(OrgsList, ['--api-url', `http://127.0.0.1:${port}`], {env})
  assert.equal(h.code, 8)
  assert.match(h.stderr, /HTML page/)
  await new Promise((r) => html.close(r))
  const dead = await runInProcess(OrgsList, ['--api-url', `http://127.0.0.1:${port}`], {env})
  assert.equal(dead.code, 8)
  assert.match(dead.stderr, /connection was refused/)
})

test('--json: the error object on stdout, the typed result absent, the message on stderr', async () => {
  const env = isolatedEnv({LCS_CLIENT_ID: 'a', LCS_CLIENT_SECRET: 'bbbb'})
  const r = await runInProcess(OrgsList, ['--region', 'mars', '--json'], {env})
  assert.equal(r.code, 2)
  assert.equal(r.result, undefined)
  const e = JSON.parse(r.stdout).error
  assert.equal(e.exitCode, 2)
  assert.equal(e.code, 'usage')
  assert.match(r.stderr, /Expected --region=mars to be one of: us, eu/)
})
