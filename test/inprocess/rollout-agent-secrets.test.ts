// `lcs apply` with a Fleet Agent whose SNMP profiles take their secrets from environment variables
// (in-process, real sockets): the plan, --json and a refusal never print them, and the cloud holds them.
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, test} from 'node:test'

import Apply from '../../src/commands/apply.js'
import {tempDir} from '../helpers/cli.js'
import {fileSandbox, runInProcess} from '../helpers/inprocess.js'

const sb = fileSandbox()
const SECRETS = {LCS_TEST_SITE_COMMUNITY: 'site-c0mmunity-42', LCS_TEST_SITE_AUTH: 'site-auth-k3y-42'}
after(() => {
  for (const k of Object.keys(SECRETS)) delete process.env[k]
})

const agent = (timeout: number) => `version: 1
agents:
  - name: Secret site agent
    include: [10.9.0.0/24@Site, 10.9.1.0/24@Secure]
    snmpProfiles:
      - {name: Site, version: v2c, timeout: ${timeout}, communityEnv: LCS_TEST_SITE_COMMUNITY}
      - {name: Secure, version: v3, user: fleet, auth: sha, authKeyEnv: LCS_TEST_SITE_AUTH}
`

test('secrets from environment variables: never in the plan, --json or a refusal; the cloud has them', async () => {
  Object.assign(process.env, SECRETS)
  const file = join(tempDir(), 'agents.yaml')
  const run = async (text: string, ...args: string[]) => {
    writeFileSync(file, text)
    const r = await runInProcess(Apply, ['-f', file, ...args], {env: sb.env})
    for (const s of Object.values(SECRETS)) assert.ok(!`${r.stdout}${r.stderr}`.includes(s), `${args.join(' ')}: no secret printed`)
    return r
  }
  const created = await run(agent(10), '--json')
  assert.equal(created.code, 0, created.stderr)
  assert.deepEqual(
    (JSON.parse(created.stdout) as {plan: Array<{action: string; name: string}>}).plan.map((i) => `${i.action} ${i.name}`),
    ['create Secret site agent'],
  )
  const plan = await run(agent(30), '--dry-run')
  assert.equal(plan.code, 0, plan.stderr)
  assert.match(plan.stdout, /~ fleet agent\s+Secret site agent\s+update \(snmpProfiles\[Site\]\.timeoutSec\)/)
  const refused = await run(agent(0), '--dry-run', '--json')
  assert.equal(refused.code, 7)
  assert.match(refused.stderr, /agents\.yaml:6:45: agents\[0\]\.snmpProfiles\[0\]\.timeout: Discovery timeout range: 1 - 60 seconds/)
  const again = await run(agent(10), '--json')
  assert.deepEqual(
    (JSON.parse(again.stdout) as {plan: Array<{action: string}>}).plan.map((i) => i.action),
    ['unchanged'],
  )

  let stored: {definition: {snmpProfiles: unknown[]}} | undefined
  for await (const a of sb.client.fleetAgents.list(sb.info.orgId)) if (a.name === 'Secret site agent') stored = a
  assert.deepEqual(stored!.definition.snmpProfiles.slice(1), [
    {community: '(set)', name: 'Site', retries: 1, timeoutSec: 10, version: 'v2c'},
    {name: 'Secure', retries: 1, timeoutSec: 15, v3: {authKey: '(set)', authProtocol: 'sha', user: 'fleet'}, version: 'v3'},
  ])
})
