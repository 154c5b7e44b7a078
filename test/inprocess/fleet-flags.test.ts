// `agents fleet create|update` with the Create Fleet Agent form's fields as flags, in-process against the
// sandbox over real sockets: create with flags (secrets from the environment, never printed), an update of
// one field leaves the others as they were, flags win over --definition, a profile no criterion uses is
// a warning naming it, and a bad value is one line naming the flag, exit 2, nothing changed.
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'

import Create from '../../src/commands/agents/fleet/create.js'
import Show from '../../src/commands/agents/fleet/show.js'
import Update from '../../src/commands/agents/fleet/update.js'
import type {FleetAgent} from '../../src/lib/cloud/index.js'
import {tempDir} from '../helpers/cli.js'
import {fileSandbox, runInProcess} from '../helpers/inprocess.js'

const sb = fileSandbox()
const json = (r: {stdout: string}) => JSON.parse(r.stdout) as FleetAgent
const definitionOf = async (name: string) => json(await runInProcess(Show, [name, '--json'], {env: sb.env})).definition

test('create with flags, update one field, flags over --definition, bad values change nothing', async () => {
  const env = {...sb.env, LCS_SNMP_COMMUNITY: 's3cret-community'}
  const made = await runInProcess(
    Create,
    [
      ...['--name', 'Site 2', '--description', 'floors 1-3'],
      ...['--snmp-profile', 'name=Site 2,version=v2c,timeout=30,retries=3', '--snmp-profile', 'name=Spare,version=v1'],
      ...['--include', '10.2.0.0/24@Site 2', '--include', '10.2.1.1-10.2.1.50', '--exclude', '10.2.0.1', '--transfer-management'],
      ...['--discovery-schedule', 'monthly', '--discovery-day', 'last', '--discovery-at', '02:00', '--refresh-every', '6h'],
      ...['--log-level', 'summary', '--network-delay', '500', '--json'],
    ],
    {env},
  )
  assert.equal(made.code, 0, made.stderr)
  assert.ok(!made.stdout.includes('s3cret') && !made.stderr.includes('s3cret'), 'the community is never printed')
  assert.match(made.stderr, /SNMP profile "Spare" is used by no include criterion: it matches no printer\./)
  const d = json(made).definition
  assert.deepEqual(d.discovery, {
    exclude: ['10.2.0.1'],
    include: [
      {address: '10.2.0.0/24', profile: 'Site 2'},
      {address: '10.2.1.1-10.2.1.50', profile: 'Default'},
    ],
    searchType: 'advanced',
    transferManagement: true,
  })
  assert.deepEqual(d.snmpProfiles[1], {community: '(set)', name: 'Site 2', retries: 3, timeoutSec: 30, version: 'v2c'})
  assert.deepEqual(d.schedule, {discovery: {dayOfMonth: 'last', interval: 'monthly', time: '02:00'}, refresh: '6h'})
  assert.deepEqual([d.logLevel, d.networkDelayMs, d.description], ['summary', 500, 'floors 1-3'])

  const one = await runInProcess(Update, ['Site 2', '--refresh-every', '15m'], {env: sb.env})
  assert.equal(one.code, 0, one.stderr)
  assert.match(one.stdout, /Refresh task {7}every 15m/)
  assert.deepEqual(await definitionOf('Site 2'), {...d, schedule: {...d.schedule, refresh: '15m'}}, 'only the refresh changed')

  const before = await definitionOf('Site 2')
  for (const [argv, line] of [
    [['--network-delay', '0'], /^Error: --network-delay 0: a delay of 1–60000 milliseconds \(it must not be set to zero\)$/m],
    [['--snmp-profile', 'name=Site 2,timeout=61'], /^Error: --snmp-profile Site 2: Discovery timeout range: 1 - 60 seconds$/m],
    [['--snmp-profile', 'name=Site 2,retries=21'], /^Error: --snmp-profile Site 2: Number of retries range: 0 - 20 retries$/m],
    [['--delete-snmp-profile', 'Nope'], /^Error: --delete-snmp-profile Nope: this agent has no SNMP profile named "Nope"$/m],
    [['--refresh-every', '10m'], /^Error: --refresh-every 10m: one of 15m, 30m, 1h, 2h, 6h, 12h/m],
    [['--include', '10.2.0.0/33'], /^Error: --include: 10\.2\.0\.0\/33: /m],
  ] as const) {
    const r = await runInProcess(Update, ['Site 2', ...argv], {env: sb.env})
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, line)
    assert.equal(r.stderr.split('\n').filter((l) => l.startsWith('Error:')).length, 1, 'one line')
  }
  assert.deepEqual(await definitionOf('Site 2'), before, 'nothing changed')
  const none = await runInProcess(Create, ['--name', 'Site 3', '--discovery-at', '24:00'], {env: sb.env})
  assert.equal(none.code, 2)
  assert.equal((await runInProcess(Show, ['Site 3'], {env: sb.env})).code, 3, 'nothing was created')

  // --definition plus flags: the flags win; "(set)" keeps the stored secrets
  const file = join(tempDir(), 'agent.json')
  writeFileSync(file, JSON.stringify({...before, logLevel: 'detailed', networkDelayMs: 900}))
  const both = await runInProcess(Update, ['Site 2', '--definition', file, '--network-delay', '750', '--json'], {env: sb.env})
  assert.equal(both.code, 0, both.stderr)
  assert.deepEqual([json(both).definition.logLevel, json(both).definition.networkDelayMs], ['detailed', 750])
})
