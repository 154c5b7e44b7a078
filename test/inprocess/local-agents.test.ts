// Local Agents against the sandbox over real sockets, through the commands (in-process): the activation
// code (1–3000 activations, raised to 10–3000, valid 72 hours, expired on demand, used up), activation by
// an installed agent, Edit Local Agent (polling 15–1440 minutes, 180 by default), deactivate and delete.
// Out-of-range values are one line, exit 2, and change nothing.
import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'

import Deactivate from '../../src/commands/agents/local/deactivate.js'
import Delete from '../../src/commands/agents/local/delete.js'
import List from '../../src/commands/agents/local/list.js'
import Update from '../../src/commands/agents/local/update.js'
import Expire from '../../src/commands/agents/local/activation-code/expire.js'
import Generate from '../../src/commands/agents/local/activation-code/generate.js'
import Show from '../../src/commands/agents/local/activation-code/show.js'
import Raise from '../../src/commands/agents/local/activation-code/update.js'
import type {CloudClient, LocalAgent, LocalAgentCode} from '../../src/lib/cloud/index.js'
import {openDb} from '../../src/lib/sandbox/db.js'
import {runInProcess, sandboxForCommands} from '../helpers/inprocess.js'

let sb: Awaited<ReturnType<typeof sandboxForCommands>>
let client: CloudClient
let env: NodeJS.ProcessEnv

before(async () => {
  sb = await sandboxForCommands()
  ;({client, env} = sb)
})
after(() => sb.sandbox.stop())

const json = <T>(r: {stdout: string}) => JSON.parse(r.stdout) as T

test('activation code: ranges, raise (never lower, expiry kept), used up, expired', async () => {
  const none = await runInProcess(Show, [], {env})
  assert.equal(none.code, 3)
  assert.match(none.stderr, /no valid Local Agent activation code/)
  for (const n of ['0', '3001']) {
    const r = await runInProcess(Generate, ['--activations', n], {env})
    assert.equal(r.code, 2)
    assert.match(r.stderr, /^Error: --activations must be a whole number from 1 to 3000, got \d+$/m)
  }
  assert.equal((await runInProcess(Show, [], {env})).code, 3, 'nothing was generated')

  const gen = await runInProcess(Generate, ['--json'], {env})
  assert.equal(gen.code, 0, gen.stderr)
  const code = json<LocalAgentCode>(gen)
  assert.equal(code.activations, 10, 'the portal proposes 10')
  assert.equal(code.remaining, 10)
  assert.ok(
    Math.abs(Date.parse(code.expiresAt as unknown as string) - Date.now() - 72 * 3_600_000) < 60_000,
    'valid 72 hours (ISO 8601 in --json)',
  )
  assert.match((await runInProcess(Show, [], {env})).stdout, /10\/10 activations remaining/)

  const low = await runInProcess(Raise, ['--activations', '9'], {env})
  assert.equal(low.code, 2)
  assert.match(low.stderr, /from 10 to 3000/)
  const raised = json<LocalAgentCode>(await runInProcess(Raise, ['--activations', '20', '--json'], {env}))
  assert.deepEqual([raised.code, raised.activations, raised.expiresAt], [code.code, 20, code.expiresAt])
  const lower = await runInProcess(Raise, ['--activations', '15'], {env})
  assert.equal(lower.code, 7)
  assert.match(lower.stderr, /can only be increased: the code supports 20/)

  const one = json<LocalAgentCode>(await runInProcess(Generate, ['--activations', '1', '--json'], {env}))
  assert.notEqual(one.code, code.code, 'a new code replaces the old one')
  await assert.rejects(client.localAgents.activate(code.code, 'OLD-PC'), /not valid|expired|no activations/)
  const pc = await client.localAgents.activate(one.code, 'FRONTDESK-PC')
  assert.deepEqual([pc.status, pc.logLevel, pc.pollingIntervalMin], ['Communicating', 'detailed', 180])
  await assert.rejects(client.localAgents.activate(one.code, 'SECOND-PC'), /no activations left \(all 1 used\)/)

  const fresh = json<LocalAgentCode>(await runInProcess(Generate, ['--activations', '5', '--json'], {env}))
  assert.equal((await runInProcess(Expire, [], {env})).code, 2, 'unattended: --yes')
  const expired = await runInProcess(Expire, ['--yes'], {env})
  assert.equal(expired.code, 0, expired.stderr)
  await assert.rejects(client.localAgents.activate(fresh.code, 'LATE-PC'), /has expired \(codes are valid for 72 hours\)/)
  const raiseExpired = await runInProcess(Raise, ['--activations', '50'], {env})
  assert.equal(raiseExpired.code, 3)
  assert.match(raiseExpired.stderr, /cannot increase the activations allowed for an expired activation code/)

  // a code past its 72 hours is refused even without being expired by hand
  const later = json<LocalAgentCode>(await runInProcess(Generate, ['--json'], {env}))
  const db = openDb(sb.dataDir)
  db.prepare('UPDATE local_agent_codes SET expires_at = ? WHERE code = ?').run(Date.now() - 1, later.code)
  db.close()
  await assert.rejects(client.localAgents.activate(later.code, 'LATE-PC'), /has expired/)
})

test('Edit Local Agent, deactivate (a code reactivates), delete', async () => {
  const code = json<LocalAgentCode>(await runInProcess(Generate, ['--activations', '3', '--json'], {env}))
  const a = await client.localAgents.activate(code.code, 'WAREHOUSE-PC')
  for (const n of ['14', '1441']) {
    const r = await runInProcess(Update, ['WAREHOUSE-PC', '--polling-interval', n], {env})
    assert.equal(r.code, 2)
    assert.match(r.stderr, /^Error: --polling-interval must be a whole number of minutes from 15 to 1440, got \d+$/m)
  }
  const updated = json<LocalAgent[]>(await runInProcess(Update, ['WAREHOUSE-PC', '--polling-interval', '300', '--json'], {env}))
  assert.equal(updated[0].pollingIntervalMin, 300)
  assert.equal(updated[0].logLevel, 'detailed')

  const off = await runInProcess(Deactivate, [a.id, '--yes', '--json'], {env})
  assert.equal(off.code, 0, off.stdout)
  const listed = json<LocalAgent[]>(await runInProcess(List, ['--json'], {env}))
  assert.equal(listed.find((x) => x.id === a.id)?.status, 'Deactivated')
  const back = await client.localAgents.activate(code.code, 'WAREHOUSE-PC', a.id)
  assert.deepEqual([back.id, back.status, back.pollingIntervalMin], [a.id, 'Communicating', 300])

  const gone = await runInProcess(Delete, ['WAREHOUSE-PC', '--yes'], {env})
  assert.equal(gone.code, 0, gone.stdout)
  const missing = await runInProcess(Delete, ['WAREHOUSE-PC', '--yes'], {env})
  // deleting what is already gone is a repeat: unchanged, exit 0
  assert.equal(missing.code, 0)
  assert.match(missing.stdout, /unchanged: No Local Agent "WAREHOUSE-PC"/)
})

test('roles: a user without Fleet Management Administrator cannot generate codes', async () => {
  const {info} = sb
  const tech = await sb.technician()
  await assert.rejects(tech.localAgents.generateCode(info.orgId, 5), (e: Error & {kind?: string}) => e.kind === 'forbidden')
  await assert.rejects(tech.localAgents.code(info.orgId), (e: Error & {kind?: string}) => e.kind === 'forbidden')
})
