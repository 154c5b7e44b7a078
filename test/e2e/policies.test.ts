// A trainee's path through notification policies with the real binary and a detached sandbox started
// with --activity: the settings reach the background process, a policy fires on the sandbox's activity,
// a quiet printer fires a printer information policy after `sandbox advance`, the outbox shows the mails.
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'

import {run, runJson, sandboxEnv, startSandbox, stopSandbox} from '../helpers/cli.js'

test('--activity in the background: policies fire, history and outbox show them', {timeout: 90_000}, async () => {
  const lone = await run(['sandbox', 'start', '--time-scale', '60', '--port', '0'])
  assert.equal(lone.code, 2)
  assert.match(lone.stderr, /--activity/)
  const sb = await startSandbox(['--activity', '20', '--time-scale', '60'])
  try {
    const state = JSON.parse(readFileSync(join(sb.dataDir, 'sandbox.json'), 'utf8')) as {activity?: unknown}
    assert.deepEqual(state.activity, {rate: 20, timeScale: 60})
    const env = sandboxEnv(sb)
    const toner = await runJson(
      ['policies', 'create', '--name', 'Any toner', '--type', 'toner', '--threshold', '100', '--email', 'facilities@example.com'],
      env,
    )
    assert.equal(toner.code, 0, toner.stderr)
    const quiet = await runJson(
      ['policies', 'create', '--name', 'No communication', '--type', 'last-communicated', '--days', '2', '--email', 'it@example.com'],
      env,
    )
    assert.equal(quiet.code, 0, quiet.stderr)
    assert.equal((await run(['sandbox', 'quiet', '50000000A', '--data', sb.dataDir])).code, 0)
    const advanced = await runJson(['sandbox', 'advance', '2d1h', '--data', sb.dataDir], env)
    assert.equal(advanced.code, 0, advanced.stderr)
    const history = await runJson(['policies', 'history'], env)
    assert.equal(history.code, 0, history.stderr)
    const rows = history.body as Array<{policyName: string; serialNumber: string; category: string}>
    assert.ok(rows.some((n) => n.policyName === 'Any toner' && n.category === 'supplies'))
    assert.deepEqual(
      rows.filter((n) => n.policyName === 'No communication').map((n) => n.serialNumber),
      ['50000000A'],
    )
    const outbox = await runJson(['sandbox', 'outbox', '--data', sb.dataDir], env)
    const subjects = (outbox.body as Array<{subject: string}>).map((m) => m.subject)
    assert.ok(subjects.includes('[Northwind Partners] : Printer Not Communicating'), subjects.join('\n'))
    const full = await runJson(
      ['policies', 'create', '--name', 'x', '--type', 'toner', '--threshold', '101', '--email', 'a@example.com'],
      env,
    )
    assert.equal(full.code, 2)
    assert.equal(full.body.error.code, 'usage')
  } finally {
    await stopSandbox(sb)
  }
})
