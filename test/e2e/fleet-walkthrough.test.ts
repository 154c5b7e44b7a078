// Issue 11's "Done when", as a new user runs it against `sandbox start --printers 60 --activity`, through
// bin/run.js with the names scripts rely on: discover → --save → `agents fleet create --name N --from FILE
// --json` (id) → `agents fleet activation-code ID --json` ({code, expiresAt}) → `sandbox agent run --code
// CODE --once` → `printers list --json` rows with agentType "fleet" whose page counts move → `mps
// eligibility --json` in the seed's wording → entitle, contact, assign → `mps add --accept-terms` → "MPS
// Express (Pending)" in `printers list`. In a child organization, the one MPS Express can be entitled for.
import assert from 'node:assert/strict'
import {join} from 'node:path'
import {after, before, test} from 'node:test'

import {
  contactFlags,
  run,
  runJson,
  sandboxEnv,
  startSandbox,
  stopSandbox,
  SUPPLIES_CONTACT,
  tempDir,
  type SandboxJson,
} from '../helpers/cli.js'

const PORT = 42_000 + (process.pid % 9000)
let sb: SandboxJson
let env: NodeJS.ProcessEnv
before(async () => {
  sb = await startSandbox([
    ...['--printers', '60', '--subnet', '127.41.0.0/24', '--snmp-port', String(PORT), '--ews-port', String(PORT + 1)],
    ...['--no-mdns', '--seed', '7', '--activity', '10'],
  ])
  env = {...sandboxEnv(sb), LCS_ORG: 'Contoso Retail'}
})
after(() => stopSandbox(sb))

interface Found {
  serialNumber: string
  vendor: string
  agentType: string
}
interface Eligibility {
  printers: Array<{serialNumber: string; status: string}>
  statuses: Array<{status: string; count: number}>
}

const agentRun = (code: string) =>
  run(['sandbox', 'agent', 'run', '--code', code, '--once', '--data', sb.dataDir, '--json'], {env, timeoutMs: 180_000})

test('discover → Fleet Agent from the saved discovery → its printers enrolled, counters moving → MPS Express (Pending)', async () => {
  const saved = join(tempDir(), 'discovery.json')
  const d = await run(
    ['printers', 'discover', '127.41.0.0/24', '--snmp-port', String(PORT), '--timeout', '1', '--no-mdns', '--save', saved, '--json'],
    {env, timeoutMs: 120_000},
  )
  assert.equal(d.code, 0, d.stderr)
  const fleetOnly = (JSON.parse(d.stdout) as Found[]).filter((p) => p.agentType === 'fleet')
  const serials = fleetOnly.map((p) => p.serialNumber).sort()
  assert.ok(fleetOnly.some((p) => p.vendor !== 'Lexmark') && fleetOnly.some((p) => p.vendor === 'Lexmark'), 'third-party and older Lexmark')

  const created = await runJson(['agents', 'fleet', 'create', '--name', 'Contoso agent', '--from', saved], env)
  assert.equal(created.code, 0, created.stderr)
  assert.match(created.body.id, /^[0-9a-f-]{36}$/)
  const code = await runJson(['agents', 'fleet', 'activation-code', created.body.id], env)
  assert.equal(code.code, 0, code.stderr)
  assert.deepEqual(Object.keys(code.body).sort(), ['code', 'expiresAt'])

  const first = await agentRun(code.body.code)
  assert.equal(first.code, 0, first.stderr)
  assert.equal(JSON.parse(first.stdout).cycles.length, 1, '--once: one cycle, then exit')
  // (the seed's own Contoso printers are listed too)
  const listed = (await runJson(['printers', 'list'], env)).body as Array<{serialNumber: string; agentType: string}>
  assert.deepEqual(
    serials.map((s) => listed.find((p) => p.serialNumber === s)?.agentType),
    serials.map(() => 'fleet'),
  )

  // counters move: the sandbox's printers print through a day, and the agent's next cycle reports them
  const pages = async () => {
    const rows = (await runJson(['printers', 'list'], env)).body as Array<{serialNumber: string; pageCount: number | null}>
    return new Map(rows.filter((p) => serials.includes(p.serialNumber)).map((p) => [p.serialNumber, p.pageCount ?? -1]))
  }
  const before = await pages()
  assert.equal((await run(['sandbox', 'advance', '1d', '--data', sb.dataDir], {env})).code, 0)
  const next = await agentRun((await runJson(['agents', 'fleet', 'activation-code', 'Contoso agent'], env)).body.code)
  assert.equal(JSON.parse(next.stdout).cycles[0].refreshed.length, serials.length, next.stderr)
  const afterwards = await pages()
  for (const s of serials) assert.ok(afterwards.get(s)! > before.get(s)!, `${s}: ${before.get(s)} → ${afterwards.get(s)}`)
  const shown = await run(['printers', 'show', serials[0]], {env})
  assert.match(shown.stdout, /^ {2}Agent +fleet \(Contoso agent\)$/m)
  // the printers go on printing meanwhile: the count shown is at least the one listed
  const shownCount = Number(/^ {2}Page count +(\d+)$/m.exec(shown.stdout)?.[1])
  assert.ok(shownCount >= afterwards.get(serials[0])!, shown.stdout)

  // the eligibility report in the seed's wording, as --json and as a table
  const report = (await runJson(['mps', 'eligibility', ...serials], env)).body as Eligibility
  const statusOf = (s: string) => report.printers.find((p) => p.serialNumber === s)?.status
  for (const p of fleetOnly.filter((f) => f.vendor !== 'Lexmark')) assert.equal(statusOf(p.serialNumber), 'Model not supported')
  const lexmark = fleetOnly.find((p) => p.vendor === 'Lexmark' && statusOf(p.serialNumber) === 'No supplies delivery contact assigned')
  assert.ok(lexmark, JSON.stringify(report.printers))
  const table = await run(['mps', 'eligibility', ...serials], {env})
  assert.match(table.stdout, /^Model not supported\s+\d+$/m)

  // entitlement (from the parent; cannot be undone: --yes) → contact created and assigned → add
  const entitled = await runJson(['mps', 'entitle', 'Contoso Retail', '--yes'], env)
  assert.equal(entitled.code, 0, entitled.stderr)
  const contact = await runJson(['mps', 'contacts', 'create', ...contactFlags(SUPPLIES_CONTACT), '--assign', lexmark.serialNumber], env)
  assert.equal(contact.code, 0, contact.stderr)
  const ready = (await runJson(['mps', 'eligibility', lexmark.serialNumber], env)).body as Eligibility
  assert.deepEqual(
    ready.printers.map((p) => p.status),
    ['Eligible'],
  )
  const added = await runJson(['mps', 'add', lexmark.serialNumber, '--accept-terms', '--yes'], env)
  assert.equal(added.code, 0, added.stderr)
  assert.deepEqual(added.body.added, [lexmark.serialNumber])
  const page = await run(['printers', 'list'], {env})
  assert.match(page.stdout, new RegExp(`^${lexmark.serialNumber}\\t.*\\tfleet\\tContoso agent\\t.*\\tMPS Express \\(Pending\\)$`, 'm'))
})
