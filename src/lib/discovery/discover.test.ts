import assert from 'node:assert/strict'
import {test} from 'node:test'
import {startSnmpAgent} from '../sandbox/printers/agent.js'
import {generatePrinter} from '../sandbox/printers/models.js'
import {discover} from './discover.js'

// Loopback only: 127.27.0.0/22.

test('the whole-discovery deadline returns what was found by then; an abort (Ctrl-C) does the same', async () => {
  const agent = await startSnmpAgent({address: '127.27.1.1', port: 16197, records: generatePrinter(1, 'deadline').records})
  try {
    const t0 = performance.now()
    // the printer among the first, then ~760 addresses at 100 datagrams/s (7.6 s): the deadline cuts it at 0.6 s
    const r = await discover({
      deadlineMs: 600,
      snmp: {port: 16197, rate: 100, retries: 0, timeoutMs: 2000},
      targets: ['127.27.1.0/24', '127.27.2.0/23'],
    })
    assert.ok(performance.now() - t0 < 1500, `took ${performance.now() - t0} ms`)
    assert.equal(r.stopped, 'deadline')
    assert.deepEqual(
      r.printers.map((p) => p.address),
      ['127.27.1.1'],
    )
    const ac = new AbortController()
    setTimeout(() => ac.abort(), 400)
    const i = await discover({signal: ac.signal, snmp: {port: 16197, rate: 100, retries: 0, timeoutMs: 2000}, targets: ['127.27.1.0/24']})
    assert.equal(i.stopped, 'interrupted')
    assert.deepEqual(
      i.printers.map((p) => p.address),
      ['127.27.1.1'],
    )
    const whole = await discover({snmp: {port: 16197, retries: 0, timeoutMs: 200}, targets: ['127.27.1.0/30']})
    assert.equal(whole.stopped, undefined)
    assert.equal(whole.silent, 1)
  } finally {
    await agent.close()
  }
})
