// Enrollment end to end: simulated printers with web services, the sandbox cloud, `lcs printers enroll`.
import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {join} from 'node:path'
import {after, before, test} from 'node:test'

import {BIN, isolatedEnv, run, startSandbox, stopSandbox, tempDir, type SandboxJson} from '../helpers/cli.js'

interface Sim {
  address: string
  serialNumber?: string
  ews: {secured: boolean; ntp: boolean; clockSkewSec: number; capability: string; quirk: string | null} | null
  quirk: string | null
}
interface Row {
  address: string
  serialNumber: string
  result: string
  reason: string
  clockSet: boolean
  agentType: string
}

const SNMP = 21_000 + (process.pid % 9000)
const EWS = SNMP + 1
let sb: SandboxJson & {printers: Sim[]}
let env: NodeJS.ProcessEnv

before(async () => {
  sb = (await startSandbox([
    '--printers',
    '40',
    '--subnet',
    '127.24.0.0/24',
    '--snmp-port',
    String(SNMP),
    '--ews-port',
    String(EWS),
    '--no-mdns',
    '--seed',
    '11',
  ])) as typeof sb
  env = isolatedEnv({LCS_API_URL: sb.apiUrl, LCS_CLIENT_ID: sb.clientId, LCS_CLIENT_SECRET: sb.clientSecret})
})
after(() => stopSandbox(sb))

const enroll = (args: string[], input?: string, e = env) =>
  run(
    [
      'printers',
      'enroll',
      '--snmp-port',
      String(SNMP),
      '--snmp-timeout',
      '1',
      '--ews-port',
      String(EWS),
      '--timeout',
      '60',
      '--json',
      ...args,
    ],
    {env: e, input, timeoutMs: 120_000},
  )

test('without credentials secured printers are skipped with the reason; the rest enroll', async () => {
  const r = await enroll(['127.24.0.1-127.24.0.10', '--all-eligible'])
  const rows = JSON.parse(r.stdout) as Row[]
  const secured = rows.filter((x) =>
    sb.printers.find((p) => p.address === x.address)?.ews?.secured && x.result !== 'skipped'
      ? false
      : sb.printers.find((p) => p.address === x.address)?.ews?.secured,
  )
  assert.ok(secured.length > 0)
  for (const s of secured.filter((x) => x.agentType !== 'fleet')) {
    assert.equal(s.result, 'skipped', JSON.stringify(s))
    assert.match(s.reason, /credentials needed/)
  }
  assert.ok(rows.some((x) => x.result === 'enrolled'))
})

test('wrong printer credentials: failed with the reason, exit 9', async () => {
  const securedEligible = sb.printers.slice(10).find((p) => p.ews?.secured && p.ews.capability !== 'none')!
  const r = await enroll([securedEligible.address, '--all-eligible', '--ews-user', 'admin', '--ews-password-stdin'], 'not-the-password')
  assert.equal(r.code, 9, r.stderr)
  const [row] = JSON.parse(r.stdout) as Row[]
  assert.equal(row.result, 'failed')
  assert.match(row.reason, /credentials are wrong/)
  assert.ok(!r.stdout.includes('not-the-password') && !r.stderr.includes('not-the-password'))
})

test('all eligible printers enroll (clocks fixed), every other is reported; a second run enrolls nothing new', async () => {
  const r = await enroll(['127.24.0.0/24', '--all-eligible', '--ews-user', 'admin', '--ews-password-stdin'], 'sandbox-ews')
  assert.equal(r.code, 0, r.stderr)
  const rows = JSON.parse(r.stdout) as Row[]
  assert.equal(rows.length, 40)
  for (const x of rows) {
    const sim = sb.printers.find((p) => p.address === x.address)!
    assert.equal(
      x.result === 'enrolled' || x.result === 'already-enrolled',
      sim.ews!.capability !== 'none',
      `${x.address}: ${x.result} ${x.reason}`,
    )
    assert.ok(x.reason.length > 0)
    if (x.clockSet) assert.equal(x.result, 'enrolled')
  }
  const again = JSON.parse(
    (await enroll(['127.24.0.0/24', '--all-eligible', '--ews-user', 'admin', '--ews-password-stdin'], 'sandbox-ews')).stdout,
  ) as Row[]
  assert.equal(again.filter((x) => x.result === 'enrolled').length, 0)
  assert.equal(
    again.filter((x) => x.result === 'already-enrolled').length,
    rows.filter((x) => x.result === 'enrolled' || x.result === 'already-enrolled').length,
  )
  const listed = JSON.parse((await run(['printers', 'list', '--json'], {env})).stdout) as Array<{serialNumber: string}>
  assert.equal(new Set(listed.map((p) => p.serialNumber)).size, listed.length, 'no duplicates in the cloud')
})

test('--from a saved discovery with the password on stdin (stdin is not taken as TARGETS)', async () => {
  const file = join(tempDir(), 'disc.json')
  const d = await run(
    [
      'printers',
      'discover',
      '127.24.0.1-127.24.0.12',
      '--snmp-port',
      String(SNMP),
      '--timeout',
      '1',
      '--no-mdns',
      '--save',
      file,
      '--json',
    ],
    {env},
  )
  assert.equal(d.code, 0, d.stderr)
  const r = await run(
    [
      'printers',
      'enroll',
      '--from',
      file,
      '--all-eligible',
      '--ews-port',
      String(EWS),
      '--ews-user',
      'admin',
      '--ews-password-stdin',
      '--json',
    ],
    {env, input: 'sandbox-ews\n'},
  )
  assert.equal(r.code, 0, r.stderr)
  assert.equal((JSON.parse(r.stdout) as Row[]).length, 12)
})

test('a printer enrolled in another organization is reported, not moved', async () => {
  const target = sb.printers.find((p) => p.ews && !p.ews.secured && p.ews.capability === 'native' && !p.quirk && !p.ews.quirk)!
  // it was enrolled into Northwind above; now try from Contoso Retail
  const r = await enroll([target.address, '--all-eligible', '--org', 'Contoso Retail'])
  const [row] = JSON.parse(r.stdout) as Row[]
  assert.equal(row.result, 'failed', JSON.stringify(row))
  assert.match(row.reason, /another organization: unenroll it there first/)
})

test('printer-based enrollment: the code from the panel, case-sensitive', async () => {
  const p = sb.printers.slice(20).find((x) => x.ews && !x.ews.secured && x.ews.capability !== 'none')!
  const unenroll = await run(['printers', 'unenroll', p.serialNumber!, '--yes', '--json'], {env})
  assert.equal(unenroll.code, 0, unenroll.stderr)
  assert.equal(JSON.parse(unenroll.stdout)[0].result, 'unenrolled')
  const panel = await fetch(`http://${p.address}:${EWS}/lcs/v1/enrollment-code`, {
    body: JSON.stringify({cloudUrl: sb.apiUrl}),
    headers: {'Content-Type': 'application/json'},
    method: 'POST',
  })
  const {code} = (await panel.json()) as {code: string}
  const flipped =
    code.replace(/[a-z]/, (c) => c.toUpperCase()) === code
      ? code.replace(/[A-Z]/, (c) => c.toLowerCase())
      : code.replace(/[a-z]/, (c) => c.toUpperCase())
  // the former name still works, with a warning naming the new one
  const wrong = await run(['printers', 'enroll-code', flipped], {env})
  assert.equal(wrong.code, 3)
  assert.match(wrong.stderr, /The enrollment code is invalid or expired\.\n.*case-sensitive/)
  assert.match(wrong.stderr, /deprecated.*printers claim/s)
  const ok = await run(['printers', 'claim', code, '--json'], {env})
  assert.equal(ok.code, 0, ok.stderr)
  assert.equal(JSON.parse(ok.stdout).serialNumber, p.serialNumber)
})

test('a pre-enrolled Native Agent printer enrolls itself when it checks in', async () => {
  const p = sb.printers.slice(30).find((x) => x.ews?.capability === 'native')!
  await run(['printers', 'unenroll', p.serialNumber!, '--yes'], {env})
  const add = await run(['preenroll', 'add', p.serialNumber!, '--json'], {env})
  assert.equal(add.code, 0, add.stderr)
  const r = await fetch(`http://${p.address}:${EWS}/lcs/v1/cloud-connect`, {
    body: JSON.stringify({cloudUrl: sb.apiUrl}),
    headers: {'Content-Type': 'application/json'},
    method: 'POST',
  })
  assert.equal(((await r.json()) as {enrollment: {state: string}}).enrollment.state, 'enrolled')
  const show = await run(['printers', 'show', p.serialNumber!, '--json'], {env})
  assert.equal(JSON.parse(show.stdout).agent, 'native', show.stdout + show.stderr)
  const left = JSON.parse((await run(['preenroll', 'list', '--json'], {env})).stdout) as Array<{serialNumber: string}>
  assert.ok(!left.some((x) => x.serialNumber === p.serialNumber), 'the pre-enrollment is used up')
})

test('unenroll refuses MPS Express printers and asks first; tag and show work', async () => {
  const all = JSON.parse((await run(['printers', 'list', '--json', '--include-children'], {env})).stdout) as Array<{
    serialNumber: string
    mpsStatus: string
    organizationId: string
  }>
  const managed = all.find((p) => p.mpsStatus === 'managed')!
  const r = await run(['printers', 'unenroll', managed.serialNumber, '--yes', '--json', '--org', managed.organizationId], {env})
  assert.equal(r.code, 9)
  assert.match(JSON.parse(r.stdout)[0].reason, /^MPS Express: contact your Lexmark Customer Operations Specialist/)
  const table = await run(['printers', 'list', '--include-children', '--org', managed.organizationId], {env})
  assert.match(table.stdout, new RegExp(`${managed.serialNumber}.*MPS Express`))
  const noYes = await run(['printers', 'unenroll', managed.serialNumber], {env})
  assert.equal(noYes.code, 2)
  assert.match(noYes.stderr, /--yes/)
  const some = all.find((p) => p.mpsStatus === 'none' && p.organizationId === sb.orgId)!
  const tagged = await run(['printers', 'tag', some.serialNumber, '--add', 'floor-2', '--add', 'finance', '--json'], {env})
  assert.deepEqual(JSON.parse(tagged.stdout).tags.sort(), ['finance', 'floor-2'])
  const byTag = JSON.parse((await run(['printers', 'list', '--tag', 'floor-2', '--json'], {env})).stdout) as unknown[]
  assert.equal(byTag.length, 1)
  const show = await run(['printers', 'show', some.serialNumber], {env})
  assert.match(show.stdout, /Communication\s+Communicating/)
  const code = JSON.parse((await run(['enrollment-code', 'get', '--email', 'tech@example.com', '--json'], {env})).stdout)
  assert.equal(code.sentTo, 'tech@example.com')
  assert.match(code.code, /^[A-Za-z0-9]{8}$/)
})

test('with --faults error=0.2 and a SIGKILL mid-run, a re-run ends with every eligible printer enrolled exactly once', async () => {
  const faulty = await startSandbox([
    '--printers',
    '40',
    '--subnet',
    '127.25.0.0/24',
    '--snmp-port',
    String(SNMP),
    '--ews-port',
    String(EWS),
    '--no-mdns',
    '--faults',
    'error=0.2',
    '--seed',
    '5',
  ])
  try {
    const e = isolatedEnv({LCS_API_URL: faulty.apiUrl, LCS_CLIENT_ID: faulty.clientId, LCS_CLIENT_SECRET: faulty.clientSecret})
    const args = [
      'printers',
      'enroll',
      '127.25.0.0/24',
      '--all-eligible',
      '--snmp-port',
      String(SNMP),
      '--snmp-timeout',
      '1',
      '--ews-port',
      String(EWS),
      '--ews-user',
      'admin',
      '--ews-password-stdin',
      '--json',
      '--concurrency',
      '4',
    ]
    const child = spawn(process.execPath, [BIN, ...args], {env: e, stdio: ['pipe', 'ignore', 'ignore']})
    child.stdin.end('sandbox-ews')
    // kill it once the first printers are in the cloud
    const deadline = Date.now() + 30_000
    while (Date.now() < deadline) {
      const l = await run(['printers', 'list', '--json'], {env: e, timeoutMs: 30_000})
      if (l.code === 0 && (JSON.parse(l.stdout) as Array<{address: string | null}>).some((p) => p.address?.startsWith('127.25.'))) break
      await new Promise((res) => setTimeout(res, 300))
    }
    child.kill('SIGKILL')
    await new Promise((r) => child.on('close', r))
    const r = await run(args, {env: e, input: 'sandbox-ews', timeoutMs: 120_000})
    const rows = JSON.parse(r.stdout) as Row[]
    assert.equal(rows.filter((x) => x.result === 'failed').length, 0, r.stdout)
    const eligible = rows
      .filter((x) => x.result === 'enrolled' || x.result === 'already-enrolled')
      .map((x) => x.serialNumber)
      .sort()
    assert.ok(
      rows.some((x) => x.result === 'already-enrolled'),
      'the killed run had enrolled some',
    )
    const listed = JSON.parse((await run(['printers', 'list', '--json'], {env: e, timeoutMs: 60_000})).stdout) as Array<{
      serialNumber: string
    }>
    const simSerials = new Set(rows.map((x) => x.serialNumber))
    const inCloud = listed
      .map((p) => p.serialNumber)
      .filter((s) => simSerials.has(s))
      .sort()
    assert.deepEqual(inCloud, eligible, 'the cloud lists exactly the eligible printers, once each')
  } finally {
    await stopSandbox(faulty)
  }
})
