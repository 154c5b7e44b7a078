// The CLI against a hostile cloud (a small node:http server on 127.0.0.1), run in-process (formerly
// spawned end-to-end): unexpected answers end in exit 8 with what the server did wrong, never a
// JavaScript error.
import assert from 'node:assert/strict'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {after, before, test} from 'node:test'

import Login from '../../src/commands/login.js'
import OrgsList from '../../src/commands/orgs/list.js'
import {isolatedEnv} from '../helpers/cli.js'
import {runInProcess} from '../helpers/inprocess.js'
import {answering} from '../helpers/prompter.js'

let url: string
const server = createServer((req, res) => {
  if (req.url!.startsWith('/oauth/token')) {
    res.writeHead(200, {'Content-Type': 'application/json'})
    res.end(JSON.stringify({access_token: 'x'.repeat(20 * 2 ** 20), expires_in: 3600, token_type: 'Bearer'}))
    return
  }
  if (req.url!.startsWith('/esc/')) {
    res.writeHead(422, {'Content-Type': 'application/json'})
    res.end(JSON.stringify({code: 'validation', message: 'Bad \u001b]0;pwned\u0007 request\u001b[2J \u202eevil'}))
    return
  }
  res.writeHead(302, {Location: 'https://portal.example.com/login'})
  res.end()
})
before(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
after(() => {
  server.closeAllConnections()
  server.close()
})

test('a redirect where the API answers: exit 8 naming it', async () => {
  const r = await runInProcess(OrgsList, [], {env: isolatedEnv({LCS_API_URL: url, LCS_TOKEN: 'tok'})})
  assert.equal(r.code, 8, r.stderr)
  assert.match(r.stderr, /answered HTTP 302 \(a redirect to https:\/\/portal\.example\.com\)/)
  assert.doesNotMatch(r.stderr, /at .*\.[jt]s:\d+/, 'no stack trace')
})

test('a 20 MB token: exit 8, refused at 64 KiB', async () => {
  const prompter = answering('secret')
  const r = await runInProcess(Login, ['--api-url', url, '--client-id', 'c'], {env: isolatedEnv(), factory: {prompter}})
  assert.equal(r.code, 8, r.stderr)
  assert.match(r.stderr, /larger than 64 KiB/)
})

test("terminal controls in a cloud's error message are shown escaped, never sent to the terminal", async () => {
  const r = await runInProcess(OrgsList, [], {env: isolatedEnv({LCS_API_URL: `${url}/esc`, LCS_TOKEN: 'tok'})})
  assert.notEqual(r.code, 0)
  assert.match(r.stderr, /Bad \\x1b\]0;pwned\\x07 request\\x1b\[2J \\u202eevil/)
  for (const ch of '\u001b\u0007\u202e') assert.ok(!(r.stderr + r.stdout).includes(ch))
})
