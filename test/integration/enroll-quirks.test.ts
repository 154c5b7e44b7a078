// The enrollment flow against the sandbox's deliberately faulty printers (in-process, real sockets):
// a clock NTP keeps wrong, NTP on with a blank server (PET sets the clock), a printer that never
// registers, a slow registration.
import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'

import {CloudClient} from '../../src/lib/cloud/index.js'
import {discover} from '../../src/lib/discovery/discover.js'
import {enrollPrinters, type EnrollRow} from '../../src/lib/enroll/flow.js'
import {runSandbox} from '../../src/lib/sandbox/daemon.js'
import {tempDir} from '../helpers/cli.js'

const SNMP = 24_000 + (process.pid % 8000)
let sandbox: Awaited<ReturnType<typeof runSandbox>>
let rows: EnrollRow[]

before(async () => {
  sandbox = await runSandbox({
    dataDir: tempDir(),
    port: 0,
    printers: {count: 120, ewsPort: SNMP + 1, mdns: false, quirks: true, snmpPort: SNMP, subnet: '127.26.0.0/24'},
    seed: 17,
  })
  const withQuirk = sandbox.info.printers.filter((p) => p.ews?.quirk && p.ews.capability !== 'none' && !p.quirk)
  const {printers} = await discover({
    mdns: false,
    snmp: {port: SNMP, retries: 0, timeoutMs: 1000},
    targets: withQuirk.map((p) => p.address),
  })
  const {info} = sandbox
  const client = new CloudClient({
    credentials: {clientId: info.clientId, clientSecret: info.clientSecret, kind: 'client'},
    endpoints: {apis: info.apiUrl, idp: info.apiUrl},
  })
  rows = await enrollPrinters(printers, {
    client,
    cloudUrl: info.apiUrl,
    concurrency: 8,
    credentials: {password: 'sandbox-ews', user: 'admin'},
    ewsPort: SNMP + 1,
    orgId: info.orgId,
    pollMs: 300,
    preferAgent: 'native',
    timeoutMs: 10_000,
  })
})
after(() => sandbox.stop())

const quirkOf = (address: string) => sandbox.info.printers.find((p) => p.address === address)!.ews!.quirk

test('each kind of faulty printer ends with its own reason', () => {
  const kinds = new Set(rows.map((r) => quirkOf(r.address)))
  assert.deepEqual([...kinds].sort(), ['clock-locked', 'never-registers', 'ntp-no-server', 'slow-registration'])
  for (const r of rows) {
    const q = quirkOf(r.address)
    if (q === 'clock-locked') assert.match(r.reason, /clock is off by \d+ min and NTP is on/, r.address)
    if (q === 'never-registers') assert.match(r.reason, /timed out after 10 s/, r.address)
    if (q === 'slow-registration' || q === 'ntp-no-server') assert.equal(r.result, 'enrolled', `${r.address}: ${r.reason}`)
    if (q === 'ntp-no-server') assert.equal(r.clockSet, true, `${r.address}: NTP on with a blank server, so PET sets the clock`)
    assert.equal(r.result === 'failed', q === 'clock-locked' || q === 'never-registers')
  }
})
