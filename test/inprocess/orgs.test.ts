// orgs create-child, run in-process against an in-process sandbox: the line a partner reads, and the
// same name again as a conflict (exit 6) that says what exists.
import assert from 'node:assert/strict'
import {test} from 'node:test'

import OrgsCreateChild from '../../src/commands/orgs/create-child.js'
import {fileSandbox, runInProcess} from '../helpers/inprocess.js'

const ctx = fileSandbox()

test('create-child: one line naming the new organization and its parent; the same name again is a conflict (exit 6)', async () => {
  const r = await runInProcess(OrgsCreateChild, ['Acme Clinics'], {env: ctx.env})
  assert.equal(r.code, 0, r.stderr)
  assert.equal(r.stdout, `Created Acme Clinics (${r.result!.id}) under Northwind Partners.\n`)
  const again = await runInProcess(OrgsCreateChild, ['acme clinics'], {env: ctx.env})
  assert.equal(again.code, 6, again.stderr)
  assert.equal(again.stdout, '')
  assert.match(again.stderr, new RegExp(`^Error: A child organization named "Acme Clinics" already exists \\(${r.result!.id}\\)$`, 'm'))
  const json = await runInProcess(OrgsCreateChild, ['Acme Clinics', '--json'], {env: ctx.env})
  assert.deepEqual([JSON.parse(json.stdout).error.code, json.code], ['conflict', 6])
})
