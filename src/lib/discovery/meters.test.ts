// Billing meters over real SNMP from the sandbox's simulated printers (one agent per vendor on loopback):
// each vendor's own counters, moving as the printer prints, and no extra datagram for the sweep.
import assert from 'node:assert/strict'
import {test} from 'node:test'

import {startSnmpAgent, type SnmpAgent} from '../sandbox/printers/agent.js'
import {generatePrinter, type GeneratedPrinter} from '../sandbox/printers/models.js'
import {PrinterWear} from '../sandbox/printers/wear.js'
import {discover, type DiscoveredPrinter} from './discover.js'

// Loopback only: 127.29.12.0/24.
const PORT = 16_212
const SNMP = {port: PORT, retries: 0, timeoutMs: 1000}

/** The first generated printer of each vendor (third-party kinds), and a colour Lexmark MFP. */
function fleet(): GeneratedPrinter[] {
  const want = ['Xerox', 'Brother', 'Canon', 'Ricoh']
  const found = new Map<string, GeneratedPrinter>()
  for (let i = 0; found.size < want.length && i < 2000; i++) {
    const g = generatePrinter(i, 'meters', {kind: 'third-party'})
    if (want.includes(g.vendor) && !found.has(g.vendor)) found.set(g.vendor, g)
  }
  let lx: GeneratedPrinter | undefined
  for (let i = 0; !lx && i < 2000; i++) {
    const g = generatePrinter(i, 'meters', {kind: 'lexmark-native'})
    if (g.color && /^(CX|MC|XC)/.test(g.model)) lx = g
  }
  return [...want.map((v) => found.get(v)!), lx!]
}

async function withAgents(printers: GeneratedPrinter[], f: (agents: SnmpAgent[], addresses: string[]) => Promise<void>) {
  const addresses = printers.map((_p, k) => `127.29.12.${k + 1}`)
  const agents = await Promise.all(printers.map((p, k) => startSnmpAgent({address: addresses[k], port: PORT, records: p.records})))
  try {
    await f(agents, addresses)
  } finally {
    await Promise.all(agents.map((a) => a.close()))
  }
}

const meters = (p: DiscoveredPrinter | undefined) => Object.fromEntries((p?.meters ?? []).map((m) => [m.name, m.value]))

test("each vendor's own counters over SNMP, adding up to the life count and moving as pages print", async () => {
  const printers = fleet()
  await withAgents(printers, async (agents, addresses) => {
    const read = async () => {
      const r = await discover({meters: true, snmp: SNMP, targets: addresses})
      return new Map(r.printers.map((p) => [p.vendor, p]))
    }
    const before = await read()
    const [xerox, brother, canon, ricoh, lexmark] = ['Xerox', 'Brother', 'Canon', 'Ricoh', 'Lexmark'].map((v) => meters(before.get(v)))
    const g = new Map(printers.map((p) => [p.vendor, p]))
    for (const [v, m] of Object.entries({xerox, brother, canon, ricoh, lexmark}))
      assert.equal(m.total, g.get(v[0].toUpperCase() + v.slice(1))!.pageCount, `${v}: ${JSON.stringify(m)}`)
    // the vendors' own names for what the Printer-MIB does not split
    assert.deepEqual(Object.keys(xerox).sort(), ['color', 'duplex', 'fax', 'mono', 'sheets', 'sinceLastPowerOn', 'total'])
    assert.equal(xerox.mono + xerox.color, xerox.total)
    assert.equal(xerox.sheets + xerox.duplex, xerox.total) // two-sided sheets carry two impressions
    assert.deepEqual(Object.keys(brother).sort(), ['duplex', 'mono', 'sinceLastPowerOn', 'total'])
    assert.equal(brother.mono, brother.total) // a mono printer
    assert.equal(canon.mono + canon.color, canon.total)
    assert.ok(canon.print < canon.total && canon.scan > 0, JSON.stringify(canon))
    assert.equal(ricoh.print + ricoh.copy + ricoh.fax, ricoh.total)
    assert.equal(ricoh.printMono + ricoh.printColor, ricoh.print)
    assert.equal(lexmark.printMono + lexmark.printColor, lexmark.print)
    assert.ok(lexmark.copy > 0, JSON.stringify(lexmark))
    const oids = before.get('Ricoh')!.meters.map((m) => m.oid)
    assert.ok(oids.includes('1.3.6.1.4.1.367.3.2.1.2.19.5.1.9.2'), oids.join(' ')) // row 2: Counter:Print:Total

    // 1,000 pages later (what the sandbox's activity does): every counter grew, the split still adds up
    printers.forEach((p, k) => {
      const w = new PrinterWear(p.records)
      w.print(1000)
      agents[k].setOverrides(w.overrides())
    })
    const after = await read()
    for (const v of ['Xerox', 'Brother', 'Canon', 'Ricoh', 'Lexmark']) {
      const [m0, m1] = [meters(before.get(v)), meters(after.get(v))]
      assert.equal(m1.total, m0.total + 1000, v)
      for (const name of Object.keys(m0).filter((n) => n !== 'sinceLastPowerOn'))
        assert.ok(m1[name] > m0[name] || m0[name] === 0, `${v} ${name}: ${m0[name]} → ${m1[name]}`)
    }
    const x = meters(after.get('Xerox'))
    assert.ok(Math.abs(x.mono + x.color - x.total) <= 1, JSON.stringify(x))
  })
})

test("the sweep sends the same datagrams whether a printer has vendor counters or not; meters ask only the vendor's", async () => {
  const printers = fleet()
  const plain = printers.map((p) => ({
    ...p,
    records: p.records.filter(
      (r) =>
        !/^1\.3\.6\.1\.4\.1\.(253\.8\.53\.13|1602\.1\.11|2435\.2\.3\.9\.4\.2\.1\.5\.5\.10|367\.3\.2\.1\.2\.19|641\.6\.4\.2)\./.test(r.oid),
    ),
  }))
  const count = async (fleetOf: GeneratedPrinter[], withMeters: boolean) => {
    let n: number[] = []
    await withAgents(fleetOf, async (agents, addresses) => {
      await discover({meters: withMeters, snmp: SNMP, targets: addresses})
      n = agents.map((a) => a.stats.received)
    })
    return n
  }
  const [withCounters, without] = [await count(printers, false), await count(plain, false)]
  assert.deepEqual(withCounters, without)
  // `printers meters`: the scalars ride in the identity GET, Ricoh's and Lexmark's rows in the table walk's
  // GetBulks (4 datagrams each here, meters or not): at most one more datagram per printer
  const metered = await count(printers, true)
  printers.forEach((p, k) => assert.ok(metered[k] <= withCounters[k] + 1, `${p.vendor}: ${metered[k]} vs ${withCounters[k]}`))
})
