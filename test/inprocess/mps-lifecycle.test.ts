// MPS Express in the sandbox as the real program runs (001), over real sockets with simulated printers and
// the activity engine: a Fleet Agent reports its version and a down-level one keeps its printers out until
// `agents fleet upgrade` updates it on its next cycle; printers added to the program are "MPS Express
// (Pending)" until Lexmark takes them a day of sandbox time later (`sandbox advance`), and one whose agent
// stopped communicating by then fails registration.
import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'

import AgentsFleetList from '../../src/commands/agents/fleet/list.js'
import AgentsFleetUpgrade from '../../src/commands/agents/fleet/upgrade.js'
import MpsEligibility from '../../src/commands/mps/eligibility.js'
import PrintersList from '../../src/commands/printers/list.js'
import {newDefinition} from '../../src/lib/agents/index.js'
import {CloudClient, type FleetAgent, type FleetAgentTask} from '../../src/lib/cloud/index.js'
import type {LcsError} from '../../src/lib/errors.js'
import {MPS_RULES, type EligibilitySummary} from '../../src/lib/mps/index.js'
import {runFleetAgent} from '../../src/lib/sandbox/agent.js'
import {FLEET_AGENT_VERSION} from '../../src/lib/sandbox/catalog.js'
import {advanceSandbox, setPrinterMode} from '../../src/lib/sandbox/control.js'
import {runSandbox} from '../../src/lib/sandbox/daemon.js'
import {isolatedEnv, tempDir} from '../helpers/cli.js'
import {SUPPLIES_CONTACT} from '../helpers/cli.js'
import {runInProcess} from '../helpers/inprocess.js'

const SNMP = 18_000 + (process.pid % 6000)
const dataDir = tempDir()
let sandbox: Awaited<ReturnType<typeof runSandbox>>
let client: CloudClient
let child: {id: string; name: string}
let env: NodeJS.ProcessEnv
let agent: FleetAgent
/** Two Lexmark printers the Fleet Agent enrolled, with lifetime page counts the program takes. */
let lexmark: string[] = []

const until = async <T>(get: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 60_000): Promise<T> => {
  const deadline = Date.now() + ms
  for (;;) {
    const v = await get()
    if (ok(v)) return v
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`)
    await new Promise((r) => setTimeout(r, 300))
  }
}
const status = async (serial: string) => (await client.mps.eligibility(child.id, [serial])).printers[0].status

before(async () => {
  sandbox = await runSandbox({
    activity: {rate: 1, tickMs: 100, timeScale: 1},
    dataDir,
    port: 0,
    printers: {count: 16, ewsPort: SNMP + 1, mdns: false, snmpPort: SNMP, subnet: '127.31.0.0/27'},
    seed: 7,
  })
  const {info} = sandbox
  child = info.children[0]
  client = new CloudClient({
    credentials: {clientId: info.clientId, clientSecret: info.clientSecret, kind: 'client'},
    endpoints: {apis: info.apiUrl, idp: info.apiUrl},
    maxRetries: 0,
  })
  env = isolatedEnv({LCS_API_URL: info.apiUrl, LCS_CLIENT_ID: info.clientId, LCS_CLIENT_SECRET: info.clientSecret, LCS_ORG: child.id})
  agent = await client.fleetAgents.create(child.id, newDefinition('Site A'))
  await client.mps.entitle(info.orgId, child.id)
})
after(() => sandbox.stop())

test('an unparsable --agent-version is a usage error before the code is used', async () => {
  const {code} = await client.fleetAgents.activationCode(child.id, agent.id)
  await assert.rejects(
    runFleetAgent({code, once: true, sandbox: sandbox.info, version: 'latest'}),
    (e: LcsError) => e.kind === 'usage' && /--agent-version: "latest" is not a version/.test(e.message),
  )
  assert.equal((await client.fleetAgents.get(child.id, agent.id)).status, 'Not activated')
})

test('a down-level Fleet Agent: its version and the update in agents fleet list, its printers refused by MPS Express until the update', async () => {
  const stop = new AbortController()
  const {code} = await client.fleetAgents.activationCode(child.id, agent.id)
  const running = runFleetAgent({code, maxRunMs: 120_000, sandbox: sandbox.info, signal: stop.signal, timeScale: 3600, version: '3.2.1'})
  try {
    const a = await until(
      () => client.fleetAgents.get(child.id, agent.id),
      (x) => x.printers > 0,
      'the agent to enroll the printers',
    )
    const enrolled = new Set(sandbox.info.printers.map((p) => p.serialNumber!.toUpperCase()))
    lexmark = (await client.mps.eligibility(child.id)).printers
      .filter((p) => enrolled.has(p.serialNumber) && p.manufacturer === 'Lexmark' && p.lifetimePageCount! <= MPS_RULES.maxLifetimePageCount)
      .map((p) => p.serialNumber)
      .slice(0, 2)
    assert.equal(lexmark.length, 2, 'two of the simulated Lexmark printers qualify by page count')
    assert.deepEqual([a.version, a.latestVersion, a.updateAvailable], ['3.2.1', FLEET_AGENT_VERSION, true])
    const list = await runInProcess(AgentsFleetList, [], {env})
    assert.equal(list.code, 0, list.stderr)
    assert.match(list.stdout, new RegExp(`Site A.*3\\.2\\.1 \\(update available: ${FLEET_AGENT_VERSION.replace(/\./g, '\\.')}\\)`))

    await client.mps.assign(child.id, {contact: SUPPLIES_CONTACT}, lexmark)
    for (const s of lexmark) assert.equal(await status(s), 'Associated with down-level fleet agent')
    const report = await runInProcess(MpsEligibility, [...lexmark, '--json'], {env})
    assert.deepEqual(
      (JSON.parse(report.stdout) as EligibilitySummary).statuses.map((g) => g.status),
      ['Associated with down-level fleet agent'],
    )

    const upgrade = await runInProcess<FleetAgentTask>(AgentsFleetUpgrade, ['Site A', '--wait', '60', '--json'], {env})
    assert.equal(upgrade.code, 0, upgrade.stderr)
    const task = JSON.parse(upgrade.stdout) as FleetAgentTask
    assert.deepEqual([task.kind, task.status, task.version], ['update', 'succeeded', FLEET_AGENT_VERSION])
    assert.equal(task.detail, `updated from 3.2.1 to ${FLEET_AGENT_VERSION}`)
    const after = await until(
      () => client.fleetAgents.get(child.id, agent.id),
      (x) => x.version === FLEET_AGENT_VERSION,
      'the agent to report the new version',
    )
    assert.equal(after.updateAvailable, false)
    for (const s of lexmark) assert.equal(await status(s), 'Eligible')
  } finally {
    stop.abort()
    await running
  }
})

test('pending → managed a day of sandbox time later; a printer not communicating then fails registration', async () => {
  const [kept, quiet] = lexmark
  assert.deepEqual(await client.mps.add(child.id, lexmark, true), {added: [...lexmark].sort(), unchanged: []})
  setPrinterMode(dataDir, [quiet], 'silent')
  await advanceSandbox(dataDir, 12 * 3_600_000)
  for (const s of lexmark) assert.equal(await status(s), 'Printer pending management', 'half a day: still pending')
  assert.equal((await client.printers.get(child.id, kept)).mpsStatus, 'pending')

  await advanceSandbox(dataDir, 13 * 3_600_000)
  assert.equal((await client.printers.get(child.id, kept)).mpsStatus, 'managed')
  assert.equal((await client.printers.get(child.id, quiet)).mpsStatus, 'none')
  const report = JSON.parse((await runInProcess(MpsEligibility, [...lexmark, '--json'], {env})).stdout) as EligibilitySummary
  assert.deepEqual(
    report.statuses.map((g) => [g.status, g.printers.map((p) => p.serialNumber)]),
    [
      ['Printer already managed', [kept]],
      ['Printer failed registration', [quiet]],
    ],
  )
  const list = await runInProcess(PrintersList, [], {env})
  assert.match(list.stdout, new RegExp(`${kept}.*MPS Express(?! \\(Pending\\))`))
  assert.doesNotMatch(list.stdout, new RegExp(`${quiet}.*MPS Express`))
  // the task log says what Lexmark did
  const tasks: string[] = []
  for await (const t of client.tasks.list(child.id)) if (t.kind === 'mps-express') tasks.push(`${t.serialNumber} ${t.status} ${t.detail}`)
  assert.ok(tasks.includes(`${kept} succeeded managed by MPS Express`), tasks.join('\n'))
  assert.ok(
    tasks.some((t) => t.startsWith(`${quiet} failed Printer failed registration`)),
    tasks.join('\n'),
  )
  // the agent of a managed printer stays (001)
  await assert.rejects(client.fleetAgents.delete(child.id, agent.id), /cannot be deleted/)
})
