// The "Bad input" of the fleet half of the rollout (Fleet and Local Agents, notification policies, MPS
// Express), one row each, through the commands in process against a sandbox over real sockets: every row
// is one clear line, its documented exit code (`lcs help exit-codes`), and the listing afterwards equals
// the listing before. Activation codes expire on the sandbox clock: `sandbox advance 73h` expires them.
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, test} from 'node:test'

import Apply from '../../src/commands/apply.js'
import FleetActivationCode from '../../src/commands/agents/fleet/activation-code.js'
import FleetCreate from '../../src/commands/agents/fleet/create.js'
import LocalCodeGenerate from '../../src/commands/agents/local/activation-code/generate.js'
import MpsAdd from '../../src/commands/mps/add.js'
import MpsContactsAssign from '../../src/commands/mps/contacts/assign.js'
import MpsContactsCreate from '../../src/commands/mps/contacts/create.js'
import MpsContactsDelete from '../../src/commands/mps/contacts/delete.js'
import MpsEntitle from '../../src/commands/mps/entitle.js'
import PoliciesCreate from '../../src/commands/policies/create.js'
import PoliciesDuplicate from '../../src/commands/policies/duplicate.js'
import PoliciesUpdate from '../../src/commands/policies/update.js'
import SandboxAdvance from '../../src/commands/sandbox/advance.js'
import SandboxAgentRun from '../../src/commands/sandbox/agent/run.js'
import type {CloudClient, EnrolledPrinter} from '../../src/lib/cloud/index.js'
import {ExitCode, LcsError} from '../../src/lib/errors.js'
import {contactFlags, SUPPLIES_CONTACT, tempDir} from '../helpers/cli.js'
import {collect, runInProcess, sandboxForCommands, type InProcessResult} from '../helpers/inprocess.js'

let sb: Awaited<ReturnType<typeof sandboxForCommands>>
let client: CloudClient
let env: NodeJS.ProcessEnv
let contosoEnv: NodeJS.ProcessEnv
let partner: string
let contoso: string
let fabrikam: string
let lexmark: EnrolledPrinter
let hp: EnrolledPrinter
let usedFleetCode: string
let expiringFleetCode: string
let usedLocalCode: string
let expiringLocalCode: string

/** A Fleet Agent definition file over loopback addresses only (the agent's sweep stays on 127.0.0.0/8). */
function definitionFile(name: string, include: string): string {
  const file = join(tempDir(), `${name}.json`)
  writeFileSync(
    file,
    JSON.stringify({
      discovery: {exclude: [], include: [{address: include, profile: 'Default'}], searchType: 'advanced', transferManagement: false},
      logLevel: 'detailed',
      name,
      networkDelayMs: 250,
      schedule: {discovery: {interval: 'none'}, refresh: '1h'},
      snmpProfiles: [{community: 'public', name: 'Default', retries: 0, timeoutSec: 1, version: 'v2c'}],
    }),
  )
  return file
}

/** `lcs apply -f policies.yaml --yes` in the partner organization. */
function apply(text: string) {
  const file = join(tempDir(), 'policies.yaml')
  writeFileSync(file, text)
  return runInProcess(Apply, ['-f', file, '--yes'], {env})
}

const agentRun = (code: string) => runInProcess(SandboxAgentRun, ['--code', code, '--once', '--data', sb.dataDir], {env})
const fleetCode = async (agent: string) =>
  JSON.parse((await runInProcess(FleetActivationCode, [agent, '--json'], {env})).stdout).code as string

/** What a row may change: agents, policies, contacts and MPS Express states. */
async function listing() {
  const agents = await collect(client.fleetAgents.list(partner))
  return {
    agents: agents.map((a) => ({definition: a.definition, name: a.name, printers: a.printers, status: a.status})),
    assignments: await collect(client.mps.assignments(contoso)),
    contacts: await collect(client.mpsContacts.list(contoso)),
    localAgents: [...(await collect(client.localAgents.list(partner))), ...(await collect(client.localAgents.list(fabrikam)))],
    mps: (await collect(client.printers.list(contoso))).map((p) => [p.serialNumber, p.mpsStatus]),
    policies: await collect(client.policies.list(partner)),
  }
}

/**
 * An SDK call as a row (an installed Local Agent activates itself; no lcs command does): the exit code of the
 * error's kind (the SDK reads 410 Gone as not found) and its message, as a command would print them.
 */
async function sdk(call: () => Promise<unknown>): Promise<InProcessResult<unknown>> {
  try {
    await call()
    return {code: 0, stderr: '', stdout: ''}
  } catch (error) {
    assert.ok(error instanceof LcsError, String(error))
    return {code: error.exitCode, stderr: `Error: ${error.message}\n`, stdout: ''}
  }
}

before(async () => {
  // activity at rate 0: the printers stay idle, and `sandbox advance` moves the sandbox clock
  sb = await sandboxForCommands(tempDir(), {activity: {rate: 0, tickMs: 100, timeScale: 1}})
  client = sb.client
  partner = sb.info.orgId
  contoso = sb.info.children[0].id
  fabrikam = sb.info.children[1].id
  env = sb.env
  contosoEnv = {...env, LCS_ORG: contoso}
  const printers = await collect(client.printers.list(contoso))
  lexmark = printers.find((p) => p.manufacturer === 'Lexmark')!
  hp = printers.find((p) => p.manufacturer !== 'Lexmark')!

  const north = await runInProcess(FleetCreate, ['--definition', definitionFile('North', '127.77.0.0/30')], {env})
  assert.equal(north.code, 0, north.stderr)
  // codes issued, then 72 sandbox hours pass
  expiringFleetCode = await fleetCode('North')
  expiringLocalCode = (await client.localAgents.generateCode(fabrikam, 5)).code
  const advanced = await runInProcess(SandboxAdvance, ['73h', '--data', sb.dataDir], {env})
  assert.equal(advanced.code, 0, advanced.stderr)
  usedFleetCode = await fleetCode('North')
  assert.equal((await agentRun(usedFleetCode)).code, 0, 'North activated once')
  const local = JSON.parse((await runInProcess(LocalCodeGenerate, ['--activations', '1', '--json'], {env})).stdout) as {code: string}
  await client.localAgents.activate(local.code, 'FRONTDESK-PC')
  usedLocalCode = local.code
  for (let i = 1; i <= 50; i++)
    await client.policies.create(partner, {name: `Toner ${i}`, recipients: ['it@example.com'], threshold: 20, type: 'Toner'})

  const made = await runInProcess(MpsContactsCreate, [...contactFlags(SUPPLIES_CONTACT), '--assign', lexmark.serialNumber], {
    env: contosoEnv,
  })
  assert.equal(made.code, 0, made.stderr)
  assert.equal((await runInProcess(MpsEntitle, [sb.info.children[0].name, '--yes'], {env})).code, 0)
})
after(() => sb.sandbox.stop())

interface Row {
  name: string
  run: () => Promise<InProcessResult<unknown>>
  code: number
  /** The one line that says what was wrong (stderr, or stdout for a per-item refusal). */
  line: RegExp
  /** The indented line under it that points at the file's line and column (a rollout file's problem). */
  detail?: RegExp
  /** A warning rather than a refusal: the change is made (only the warned-about agent must stay as it was). */
  warns?: true
}

const rows: Row[] = [
  {
    code: ExitCode.ok,
    line: /^! Discovery criteria of "South" overlap those of "North" \(127\.77\.0\.2\): overlapping criteria cause printers to switch between Fleet Agents\.$/,
    name: "criteria overlapping another agent's: created, with a warning naming both",
    run: () => runInProcess(FleetCreate, ['--definition', definitionFile('South', '127.77.0.2')], {env}),
    warns: true,
  },
  {
    code: ExitCode.conflict,
    line: /^Error: The activation code was already used; generate a new one with `lcs agents fleet activation-code`$/,
    name: 'a used Fleet Agent activation code',
    run: () => agentRun(usedFleetCode),
  },
  {
    code: ExitCode.notFound,
    line: /^Error: The activation code has no activations left \(all 1 used\): generate a new one$/,
    name: 'a used-up Local Agent activation code (1 activation, used)',
    run: () => sdk(() => client.localAgents.activate(usedLocalCode, 'SECOND-PC')),
  },
  {
    code: ExitCode.conflict,
    line: /^Error: The activation code has expired \(codes are valid for 72 hours\); generate a new one with `lcs agents fleet activation-code`$/,
    name: 'an expired Fleet Agent activation code (72 sandbox hours later)',
    run: () => agentRun(expiringFleetCode),
  },
  {
    code: ExitCode.notFound,
    line: /^Error: The activation code has expired \(codes are valid for 72 hours\): generate a new one$/,
    name: 'an expired Local Agent activation code (72 sandbox hours later)',
    run: () => sdk(() => client.localAgents.activate(expiringLocalCode, 'LATE-PC')),
  },
  {
    code: ExitCode.conflict,
    line: /^Error: The organization already has 50 supplies policies: you can create up to 50 for an organization, delete one first$/,
    name: 'a 51st supplies policy',
    run: () =>
      runInProcess(PoliciesCreate, ['--name', 'Toner 51', '--type', 'toner', '--threshold', '20', '--email', 'it@example.com'], {env}),
  },
  {
    code: ExitCode.conflict,
    line: /^Error: The organization already has 50 supplies policies/,
    name: 'a 51st supplies policy by duplicating one',
    run: () => runInProcess(PoliciesDuplicate, ['Toner 1', '--name', 'Toner 1 copy'], {env}),
  },
  {
    code: ExitCode.usage,
    line: /^Error: --threshold: the threshold is a whole percentage, Range: 0 to 100 \(got 101\)$/,
    name: "a threshold above the guide's range (creating)",
    run: () =>
      runInProcess(PoliciesCreate, ['--name', 'Over', '--type', 'fuser', '--threshold', '101', '--email', 'it@example.com'], {env}),
  },
  {
    code: ExitCode.usage,
    line: /^Error: --threshold: the threshold is a whole percentage, Range: 0 to 100 \(got -1\)$/,
    name: "a threshold below the guide's range (updating)",
    run: () => runInProcess(PoliciesUpdate, ['Toner 2', '--threshold', '-1'], {env}),
  },
  {
    code: ExitCode.usage,
    line: /^Error: --days: the number of days is 1 - 7 days/,
    name: "a printer information policy's days outside the guide's range",
    run: () =>
      runInProcess(PoliciesCreate, ['--name', 'Quiet', '--type', 'last-communicated', '--days', '8', '--email', 'it@example.com'], {env}),
  },
  {
    code: ExitCode.badData,
    detail: /^ {2}- \S*policies\.yaml:5:16: policies\[0\]\.threshold: the threshold is a whole percentage, Range: 0 to 100$/,
    line: /^Error: \S*policies\.yaml: 1 problem in the rollout file; nothing was changed\.$/,
    name: "a threshold outside the guide's range in a rollout file",
    run: () => apply('version: 1\npolicies:\n  - name: Too low\n    type: toner\n    threshold: 150\n    recipients: [it@example.com]\n'),
  },
  {
    code: ExitCode.badData,
    detail:
      /^ {2}- \S*policies\.yaml:4:11: policies\[0\]\.type: "Toner 51" would be more than the 50 supplies policies an organization can have$/,
    line: /^Error: \S*policies\.yaml: 1 problem in the rollout file; nothing was changed\.$/,
    name: 'a 51st supplies policy in a rollout file',
    run: () => apply('version: 1\npolicies:\n  - name: Toner 51\n    type: toner\n    threshold: 10\n    recipients: [it@example.com]\n'),
  },
  {
    code: ExitCode.notFound,
    line: /^Error: No supplies delivery contact "nobody@contoso\.example" in this organization\.$/,
    name: 'assigning a contact that does not exist',
    run: () => runInProcess(MpsContactsAssign, ['nobody@contoso.example', lexmark.serialNumber], {env: contosoEnv}),
  },
  {
    code: ExitCode.conflict,
    line: /^Error: Only Eligible printers can be added to MPS Express: (\w+) \(Model not supported\)/,
    name: 'adding an ineligible printer to MPS Express (with an eligible one): refused with its status',
    run: () => runInProcess(MpsAdd, [lexmark.serialNumber, hp.serialNumber, '--accept-terms', '--yes'], {env: contosoEnv}),
  },
  {
    code: ExitCode.partial,
    line: /^Dana Reyes <dana@contoso\.example>: You cannot delete a contact that is assigned to a printer: .* is the supplies delivery contact of \w+$/,
    name: 'deleting a contact assigned to a printer',
    run: () => runInProcess(MpsContactsDelete, ['dana@contoso.example', '--yes'], {env: contosoEnv}),
  },
]

for (const row of rows) {
  test(row.name, async () => {
    const before = await listing()
    const r = await row.run()
    assert.equal(r.code, row.code, r.stderr || r.stdout)
    const out = row.code === ExitCode.partial ? r.stdout : r.stderr
    // one line says it; indented lines under it may only hint at the way out (or give the request id)
    const said = out.split('\n').filter((l) => (row.warns ? l.startsWith('!') : l && !l.startsWith('  ')))
    assert.equal(said.length, 1, `one line:\n${out}`)
    assert.match(said[0], row.line)
    if (row.detail) assert.match(out.split('\n')[1], row.detail)
    assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace')
    const afterwards = await listing()
    if (row.warns) {
      assert.deepEqual(afterwards.agents[0], before.agents[0], 'the other agent is as it was')
      assert.deepEqual({...afterwards, agents: []}, {...before, agents: []})
    } else assert.deepEqual(afterwards, before, 'nothing changed')
  })
}
