// Discovery end to end: a sandbox with simulated printers (real SNMP agents on loopback addresses),
// `lcs printers discover` and `meters` spawned as a user runs them.
import assert from 'node:assert/strict'
import {createSocket} from 'node:dgram'
import {copyFileSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, test} from 'node:test'

import {isolatedEnv, run, startSandbox, stopSandbox, tempDir, type SandboxJson} from '../helpers/cli.js'
import {needsRecordings, recording} from '../helpers/recordings.js'

interface SimPrinter {
  address: string
  serialNumber?: string
  model: string
  firmware?: string
  quirk: string | null
  source: string
}
interface Row {
  address: string
  vendor: string
  model: string
  serialNumber: string
  firmware: string
  status: string
  agentType: string
  source: string
  reason: string
  pageCount: number
  supplies: unknown[]
}

const PORT = 20_000 + (process.pid % 10_000)
// Three real printers' recordings join the generated ones when the recordings are here.
const recordings = tempDir('lcs-rec-')
const RECORDED = needsRecordings ? 0 : 3
if (!needsRecordings)
  for (const f of ['xerox.snmprec', 'brother.snmprec', 'sharp.snmprec']) copyFileSync(recording(`snmprec/${f}`), join(recordings, f))

let sb: SandboxJson & {printers: SimPrinter[]}
before(async () => {
  sb = (await startSandbox([
    '--printers',
    '60',
    '--subnet',
    '127.23.0.0/24',
    '--snmp-port',
    String(PORT),
    '--recordings',
    recordings,
    '--quirks',
    '--no-mdns',
    '--seed',
    '3',
  ])) as typeof sb
})
after(() => stopSandbox(sb))

const discover = (args: string[], env = isolatedEnv()) =>
  run(['printers', 'discover', ...args, '--snmp-port', String(PORT), '--timeout', '1', '--no-mdns'], {env})

test('the sandbox lists every simulated printer with its address, ports and model', () => {
  assert.equal(sb.printers.length, 60 + RECORDED)
  assert.ok(sb.printers.every((p) => p.address.startsWith('127.23.0.')))
  assert.equal(sb.printers.filter((p) => p.source === 'recording').length, RECORDED)
  assert.ok(
    sb.printers.some((p) => p.quirk === 'community') &&
      sb.printers.some((p) => p.quirk === 'v3-only') &&
      sb.printers.some((p) => p.quirk === 'silent'),
  )
})

test('discover finds every answering printer and identifies it as the simulator built it', async () => {
  const r = await discover(['127.23.0.0/24', '--json'])
  assert.equal(r.code, 0, r.stderr)
  const rows = JSON.parse(r.stdout) as Row[]
  const answering = sb.printers.filter((p) => !p.quirk || p.quirk === 'slow')
  assert.deepEqual(rows.map((x) => x.address).sort(), answering.map((p) => p.address).sort())
  for (const p of answering.filter((x) => x.source === 'generated')) {
    const row = rows.find((x) => x.address === p.address)!
    assert.equal(row.serialNumber, p.serialNumber)
    assert.equal(row.firmware, p.firmware)
    assert.ok(['eligible', 'unsupported'].includes(row.status))
    for (const k of ['vendor', 'model', 'agentType', 'reason', 'pageCount', 'supplies', 'source']) assert.ok(k in row, k)
  }
  assert.ok(rows.some((x) => x.status === 'eligible' && x.agentType === 'native'))
  assert.ok(rows.some((x) => x.status === 'eligible' && x.agentType === 'printer'))
})

test("discover identifies a real printer's recording served by the sandbox", {skip: needsRecordings}, async () => {
  const r = await discover(['127.23.0.0/24', '--json'])
  assert.equal(r.code, 0, r.stderr)
  const xerox = (JSON.parse(r.stdout) as Row[]).find((x) => x.vendor === 'Xerox' && x.model === 'AltaLink C8045')
  assert.ok(xerox, 'the Xerox recording is identified')
  assert.equal(xerox.status, 'unsupported')
})

test('another community and SNMPv3 credentials reach the printers that ignore "public"', async () => {
  const community = JSON.parse((await discover(['127.23.0.0/24', '--json', '--community', 'sandbox-private'])).stdout) as Row[]
  const expected = sb.printers
    .filter((p) => p.quirk === 'community')
    .map((p) => p.address)
    .sort()
  assert.deepEqual(community.map((x) => x.address).sort(), expected)
  const env = isolatedEnv({LCS_SNMP_AUTH_KEY: 'sandbox-auth-key', LCS_SNMP_PRIV_KEY: 'sandbox-priv-key'})
  const v3 = await discover(
    [
      '127.23.0.0/24',
      '--json',
      '--snmp-version',
      '3',
      '--v3-user',
      'lcs-sandbox',
      '--v3-auth-protocol',
      'sha',
      '--v3-priv-protocol',
      'aes',
      '--verbose',
    ],
    env,
  )
  assert.equal(v3.code, 0, v3.stderr)
  const v3rows = JSON.parse(v3.stdout) as Row[]
  for (const p of sb.printers.filter((x) => x.quirk === 'v3-only'))
    assert.ok(
      v3rows.some((x) => x.address === p.address),
      p.address,
    )
  assert.ok(!(v3.stdout + v3.stderr).includes('sandbox-priv-key'), 'v3 keys never appear in output')
})

test('bad targets are refused naming the token and the rule, before any packet is sent', async () => {
  const canary = createSocket('udp4')
  let packets = 0
  canary.on('message', () => packets++)
  await new Promise<void>((r) => canary.bind(PORT, '127.23.1.1', r))
  try {
    const cases: Array<[string[], RegExp]> = [
      [['127.23.1.1', '10.20.300.1'], /"10\.20\.300\.1": octet 300 is out of range/],
      [['127.23.1.1', '10.20.15.9-10.20.15.1'], /range end is before its start/],
      [['127.23.1.1', '10.0.0.0/33'], /prefix length must be 0–32/],
      [['127.23.1.1', '--snmp-version', '3', '--v3-user', 'bob'], /needs an authentication key/],
      [['127.23.1.1', '0.0.0.0/8'], /--force/],
    ]
    for (const [args, msg] of cases) {
      const r = await discover(args)
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
      assert.match(r.stderr, msg)
    }
    const empty = join(tempDir(), 'targets.txt')
    writeFileSync(empty, '# nothing here\n\n')
    const r = await discover(['127.23.1.1', '--file', empty])
    assert.equal(r.code, 2)
    assert.match(r.stderr, /targets\.txt/)
    await new Promise((res) => setTimeout(res, 200))
    assert.equal(packets, 0, 'no packet reached the canary')
  } finally {
    canary.close()
  }
})

test('--save writes the rows; --csv is spreadsheet-safe', async () => {
  const file = join(tempDir(), 'disc.json')
  const r = await discover(['127.23.0.1-127.23.0.5', '--save', file, '--csv'])
  assert.equal(r.code, 0, r.stderr)
  const saved = JSON.parse(readFileSync(file, 'utf8'))
  assert.equal(saved.version, 1)
  assert.equal(saved.printers.length, 5)
  const lines = r.stdout.trim().split('\n')
  assert.match(lines[0], /^Address,Vendor,Model,Serial,Firmware,Agent,Status/)
  assert.equal(lines.length, 6)
})

test('meters: serial, meters, supplies and date only — no addresses or names', async () => {
  const r = await run(['printers', 'meters', '127.23.0.1-127.23.0.4', '--snmp-port', String(PORT), '--timeout', '1', '--json'])
  assert.equal(r.code, 0, r.stderr)
  const reads = JSON.parse(r.stdout) as Array<Record<string, unknown>>
  assert.equal(reads.length, 4)
  for (const m of reads) assert.deepEqual(Object.keys(m).sort(), ['date', 'meters', 'serialNumber', 'supplies'])
  assert.doesNotMatch(r.stdout, /127\.23\./)
  for (const m of reads.flatMap((x) => x.meters as Array<Record<string, unknown>>))
    assert.ok(
      typeof m.name === 'string' && typeof m.value === 'number' && typeof m.unit === 'string' && /^1\.3\.6\.1\./.test(String(m.oid)),
    )
  assert.ok(reads.every((x) => (x.meters as Array<{name: string}>).some((m) => m.name === 'total')))
  const csv = await run(['printers', 'meters', '127.23.0.1', '--snmp-port', String(PORT), '--timeout', '1'])
  assert.match(csv.stdout, /^serialNumber,date,kind,name,value,unit,oid\n/)
})

test("meters: a real Sharp MFP's recording gives every billing meter over the wire", {skip: needsRecordings}, async () => {
  const sharp = sb.printers.find((p) => p.source === 'recording' && /sharp/i.test(p.model))!
  const r = await run(['printers', 'meters', sharp.address, '--snmp-port', String(PORT), '--timeout', '1', '--json'])
  assert.equal(r.code, 0, r.stderr)
  const [read] = JSON.parse(r.stdout) as Array<{meters: Array<{name: string; value: number; oid: string}>}>
  const byName = new Map(read.meters.map((m) => [m.name, m]))
  assert.equal(byName.get('printColor')?.value, 28583)
  assert.equal(byName.get('printColor')?.oid, '1.3.6.1.4.1.2385.1.1.19.2.1.3.1.4.63')
  assert.equal(byName.get('copyMono')?.value, 37485)
  assert.equal(byName.get('duplex')?.value, 41020)
  assert.equal(byName.get('total')?.value, 121104)
})

test("the discovery table groups printers like PET's tabs", async () => {
  const r = await discover(['127.23.0.0/24'])
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /Eligible to Enroll \(\d+\)/)
  assert.match(r.stdout, /Unsupported \(\d+\)/)
})
