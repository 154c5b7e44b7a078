// Discovery against SNMP agents the project did not write, over real UDP on loopback: Debian's Net-SNMP
// `snmpd` (v2c and the v3 failure modes as a real agent shows them) and `snmpsim` serving real printers'
// recordings (identification and billing meters). Each daemon binds 127.0.0.1 only, on a port of its own,
// and is stopped by its PID. Skipped, with one line each, where the daemons or the recordings are missing.
import assert from 'node:assert/strict'
import {spawn, spawnSync, type ChildProcess} from 'node:child_process'
import {chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, test} from 'node:test'

import {discover, type DiscoveredPrinter} from '../../src/lib/discovery/index.js'
import {run, tempDir} from '../helpers/cli.js'
import {needsRecordings, recording} from '../helpers/recordings.js'

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0
const noSnmpd = has('snmpd') ? false : 'Debian snmpd is not installed (apt-get install snmpd)'
const noSnmpsim = has('snmpsimd') ? false : 'snmpsim is not installed (apt-get install snmpsim)'

const SNMPD_PORT = 27_000 + (process.pid % 1000) * 2
const SNMPSIM_PORT = SNMPD_PORT + 1
const daemons: ChildProcess[] = []

/** Starts a daemon and waits until a discovery of 127.0.0.1 gets an answer (at most 15 s). */
async function startDaemon(cmd: string, args: string[], env: NodeJS.ProcessEnv, ready: () => Promise<boolean>): Promise<void> {
  const child = spawn(cmd, args, {env: {...process.env, ...env}, stdio: ['ignore', 'ignore', 'pipe']})
  daemons.push(child)
  let stderr = ''
  child.stderr!.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)))
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error(`${cmd} exited with ${child.exitCode}: ${stderr}`)
    if (await ready()) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${cmd} did not answer within 15 s: ${stderr}`)
}

const sweep = (port: number, snmp: Parameters<typeof discover>[0]['snmp'] = {}, meters = false) =>
  discover({mdns: false, meters, snmp: {port, retries: 0, timeoutMs: 1000, ...snmp}, targets: ['127.0.0.1']})

const V3 = {authKey: 'lcs-auth-key-1', name: 'lcsuser', privKey: 'lcs-priv-key-1'}

before(async () => {
  if (!noSnmpd) {
    const dir = tempDir('lcs-snmpd-')
    writeFileSync(
      join(dir, 'snmpd.conf'),
      [
        `agentAddress udp:127.0.0.1:${SNMPD_PORT}`,
        'rocommunity lcspeer 127.0.0.1',
        `createUser ${V3.name} SHA "${V3.authKey}" AES "${V3.privKey}"`,
        `rouser ${V3.name} priv`,
        'sysDescr Debian snmpd, a peer for the lcs tests',
        '',
      ].join('\n'),
    )
    // -C: only this file; -I: no modules that want a system; the persistent state stays in the temp dir.
    await startDaemon(
      'snmpd',
      ['-f', '-Lo', '-C', '-c', join(dir, 'snmpd.conf'), '-p', join(dir, 'pid'), '-I', '-smux,mteTrigger,mteTriggerConf'],
      {MIBS: '', SNMP_PERSISTENT_DIR: dir},
      async () => (await sweep(SNMPD_PORT, {community: 'lcspeer'})).printers.length > 0,
    )
  }
  if (!noSnmpsim && !needsRecordings) {
    // snmpsim maps the community to the recording's file name; it refuses to run as root without a user
    // to become, who must be able to read the data.
    const dir = tempDir('lcs-snmpsim-')
    const [data, cache] = [join(dir, 'data'), join(dir, 'cache')]
    for (const d of [data, cache]) mkdirSync(d)
    for (const f of RECORDED) copyFileSync(recording(`snmprec/${f}.snmprec`), join(data, `${f}.snmprec`))
    for (const p of [dir, data]) chmodSync(p, 0o755)
    chmodSync(cache, 0o777) // written by the unprivileged user snmpsim becomes
    const asRoot = process.getuid?.() === 0 ? ['--process-user=nobody', '--process-group=nogroup'] : []
    await startDaemon(
      'snmpsimd',
      [`--data-dir=${data}`, `--agent-udpv4-endpoint=127.0.0.1:${SNMPSIM_PORT}`, `--cache-dir=${cache}`, ...asRoot],
      {},
      async () => (await sweep(SNMPSIM_PORT, {community: RECORDED[0]})).printers.length > 0,
    )
  }
})

after(() => {
  for (const d of daemons) if (d.exitCode === null) d.kill('SIGTERM')
})

test('snmpd: a computer answering SNMP is not counted as a printer', {skip: noSnmpd}, async () => {
  const r = await run(['printers', 'discover', '127.0.0.1', '--snmp-port', String(SNMPD_PORT), '--community', 'lcspeer', '--timeout', '1'])
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stderr, /0 printers found \(and 1 other SNMP device, not a printer\)/)
  assert.match(r.stdout, /127\.0\.0\.1.*not a printer/)
})

test('snmpd: each SNMPv3 failure is named as a real agent shows it', {skip: noSnmpd}, async () => {
  const reason = async (v3: Partial<typeof V3>) => {
    const r = await sweep(SNMPD_PORT, {v3: {...V3, ...v3}, version: '3'})
    return r.printers.length ? 'answered' : (r.unreadable[0]?.reason ?? 'silent')
  }
  assert.equal(await reason({}), 'answered')
  assert.match(await reason({authKey: 'wrong-auth-key'}), /authentication failed: wrong authentication key/)
  // Net-SNMP sends no Report for what it cannot decrypt: silence after engine discovery is the sign.
  assert.match(await reason({privKey: 'wrong-priv-key'}), /decryption failed .*wrong privacy key/)
  assert.match(await reason({name: 'nobody'}), /user "nobody" is unknown/)
})

// Recordings served by snmpsim, with LibreNMS's extraction of the same recordings as the expected values.
const RECORDED = ['sharp', 'konica_c250i', 'jetdirect_m130nw']
const VENDOR: Record<string, string> = {jetdirect_m130nw: 'HP', konica_c250i: 'Konica Minolta', sharp: 'Sharp'}

test('snmpsim: real printers identified, with every billing meter LibreNMS also reads', {skip: noSnmpsim || needsRecordings}, async () => {
  for (const name of RECORDED) {
    const r = await sweep(SNMPSIM_PORT, {community: name}, true)
    assert.equal(r.printers.length, 1, `${name}: ${JSON.stringify(r.unreadable)}`)
    const p: DiscoveredPrinter = r.printers[0]
    const expected = JSON.parse(readFileSync(recording(`expected/${name}.json`), 'utf8')) as {
      sensors: Record<string, {sensors?: Array<Record<string, unknown>>} | Array<Record<string, unknown>>>
    }
    assert.equal(p.vendor, VENDOR[name], name)
    assert.ok(p.model && p.serialNumber, `${name}: model ${p.model}, serial ${p.serialNumber}`)
    const counts = new Map<string, number>()
    for (const group of Object.values(expected.sensors))
      for (const x of Array.isArray(group) ? group : (group.sensors ?? []))
        if (x.sensor_class === 'count') counts.set(String(x.sensor_oid).replace(/^\./, ''), Number(x.sensor_current))
    const shared = p.meters.filter((m) => counts.has(m.oid))
    assert.ok(shared.length >= 3, `${name}: only ${shared.length} meters in common with LibreNMS`)
    for (const m of shared) assert.equal(m.value, counts.get(m.oid), `${name} ${m.name}`)
  }
})
