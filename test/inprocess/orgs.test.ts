// orgs create-child, run in-process against an in-process sandbox: the line a partner reads, and the
// same name again as a conflict (exit 6) that says what exists.
import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'

import OrgsCreateChild from '../../src/commands/orgs/create-child.js'
import {runSandbox} from '../../src/lib/sandbox/daemon.js'
import {isolatedEnv, tempDir} from '../helpers/cli.js'
import {runInProcess} from '../helpers/inprocess.js'

let sandbox: Awaited<ReturnType<typeof runSandbox>>
let env: NodeJS.ProcessEnv
before(async () => {
  sandbox = await runSandbox({dataDir: tempDir('lcs-sbx-'), port: 0})
  const {apiUrl, clientId, clientSecret} = sandbox.info
  env = isolatedEnv({LCS_API_URL: apiUrl, LCS_CLIENT_ID: clientId, LCS_CLIENT_SECRET: clientSecret})
})
after(() => sandbox.stop())

test('create-child: one line naming the new organization and its parent; the same name again is a conflict (exit 6)', async () => {
  const r = await runInProcess(OrgsCreateChild, ['Acme Clinics'], {env})
  assert.equal(r.code, 0, r.stderr)
  assert.equal(r.stdout, `Created Acme Clinics (${r.result!.id}) under Northwind Partners.\n`)
  const again = await runInProcess(OrgsCreateChild, ['acme clinics'], {env})
  assert.equal(again.code, 6, again.stderr)
  assert.equal(again.stdout, '')
  assert.match(again.stderr, new RegExp(`^Error: A child organization named "Acme Clinics" already exists \\(${r.result!.id}\\)$`, 'm'))
  const json = await runInProcess(OrgsCreateChild, ['Acme Clinics', '--json'], {env})
  assert.deepEqual([JSON.parse(json.stdout).error.code, json.code], ['conflict', 6])
})
