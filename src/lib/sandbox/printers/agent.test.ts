import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readdirSync} from 'node:fs'
import snmp from 'net-snmp'
import {startSnmpAgent, type SnmpAgent} from './agent.js'
import type {SnmpRecord} from '../snmprec.js'

// Loopback only: every agent here binds 127.24.0.x.
const PORT = 16161

const RECORDS: SnmpRecord[] = [
  {oid: '1.3.6.1.2.1.1.1.0', type: 4, value: 'Lexmark CX735adse version CXTPC.081.215 kernel 5.4 All-N-1'},
  {oid: '1.3.6.1.2.1.1.2.0', type: 6, value: '1.3.6.1.4.1.641.1.7530123'},
  {oid: '1.3.6.1.2.1.1.3.0', type: 67, value: 1000},
  {oid: '1.3.6.1.2.1.2.2.1.6.2', type: 4, value: Buffer.from('0021b743f581', 'hex')},
  {oid: '1.3.6.1.2.1.25.3.2.1.2.1', type: 6, value: '1.3.6.1.2.1.25.3.1.5'},
  {oid: '1.3.6.1.2.1.43.10.2.1.4.1.1', type: 65, value: 123456},
  {oid: '1.3.6.1.2.1.43.11.1.1.9.1.1', type: 2, value: -3},
  {oid: '1.3.6.1.2.1.43.11.1.1.9.1.2', type: 2, value: 55},
  {oid: '1.3.6.1.2.1.43.11.1.1.9.1.10', type: 2, value: 10}, // numeric order: .10 after .2
  {oid: '1.3.6.1.4.1.641.99.1.0', type: 70, value: 2n ** 63n + 5n},
  {oid: '1.3.6.1.4.1.641.99.2.0', type: 64, value: '10.20.15.27'},
  {oid: '1.3.6.1.4.1.641.99.3.0', type: 66, value: 4000000000},
]

function session(address: string, version: 'v1' | 'v2c' = 'v2c', community = 'public'): snmp.Session {
  return snmp.createSession(address, community, {
    port: PORT,
    timeout: 300,
    retries: 0,
    version: version === 'v1' ? snmp.Version1 : snmp.Version2c,
  })
}

function get(s: snmp.Session, oids: string[]): Promise<snmp.Varbind[]> {
  return new Promise((resolve, reject) => s.get(oids, (e, v) => (e ? reject(e) : resolve(v!))))
}
function getNext(s: snmp.Session, oids: string[]): Promise<snmp.Varbind[]> {
  return new Promise((resolve, reject) => s.getNext(oids, (e, v) => (e ? reject(e) : resolve(v!))))
}
function getBulk(s: snmp.Session, oids: string[], nonRepeaters: number, max: number): Promise<(snmp.Varbind | snmp.Varbind[])[]> {
  return new Promise((resolve, reject) => s.getBulk(oids, nonRepeaters, max, (e, v) => (e ? reject(e) : resolve(v!))))
}

async function withAgent(
  opts: Partial<Parameters<typeof startSnmpAgent>[0]> & {address: string},
  fn: (a: SnmpAgent) => Promise<void>,
): Promise<void> {
  const agent = await startSnmpAgent({port: PORT, records: RECORDS, ...opts})
  try {
    await fn(agent)
  } finally {
    await agent.close()
  }
}

test('agent answers GET with values and v2c exceptions', async () => {
  await withAgent({address: '127.24.0.1'}, async () => {
    const s = session('127.24.0.1')
    try {
      const vbs = await get(s, [
        '1.3.6.1.2.1.1.1.0',
        '1.3.6.1.2.1.1.2.0',
        '1.3.6.1.2.1.43.10.2.1.4.1.1',
        '1.3.6.1.2.1.1.9.0',
        '1.3.6.1.2.1.43.11.1.1.9.1.3',
        '1.3.6.1.4.1.641.99.1.0',
        '1.3.6.1.4.1.641.99.2.0',
        '1.3.6.1.4.1.641.99.3.0',
        '1.3.6.1.2.1.2.2.1.6.2',
      ])
      assert.equal(String(vbs[0].value), RECORDS[0].value)
      assert.equal(vbs[1].value, '1.3.6.1.4.1.641.1.7530123')
      assert.equal(vbs[2].type, snmp.ObjectType.Counter)
      assert.equal(vbs[2].value, 123456)
      assert.equal(vbs[3].type, snmp.ObjectType.NoSuchObject)
      assert.equal(vbs[4].type, snmp.ObjectType.NoSuchInstance) // the column exists, that row does not
      assert.equal(BigInt('0x' + (vbs[5].value as Buffer).toString('hex')), 2n ** 63n + 5n)
      assert.equal(vbs[6].value, '10.20.15.27')
      assert.equal(vbs[7].value, 4000000000)
      assert.deepEqual(vbs[8].value, Buffer.from('0021b743f581', 'hex'))
    } finally {
      s.close()
    }
  })
})

test('agent answers GETNEXT in numeric OID order and ends with endOfMibView', async () => {
  await withAgent({address: '127.24.0.2'}, async () => {
    const s = session('127.24.0.2')
    try {
      const vbs = await getNext(s, ['1.3.6.1.2.1.43.11.1.1.9.1.2', '1.3.6.1', '1.3.6.1.4.1.641.99.3.0', '1.3.6.1.2.1.1.3.0'])
      assert.equal(vbs[0].oid, '1.3.6.1.2.1.43.11.1.1.9.1.10')
      assert.equal(vbs[1].oid, '1.3.6.1.2.1.1.1.0')
      assert.equal(vbs[2].type, snmp.ObjectType.EndOfMibView)
      assert.equal(vbs[3].oid, '1.3.6.1.2.1.2.2.1.6.2')
    } finally {
      s.close()
    }
  })
})

test('agent answers GETBULK with non-repeaters and repeaters', async () => {
  await withAgent({address: '127.24.0.3'}, async () => {
    const s = session('127.24.0.3')
    try {
      const res = await getBulk(s, ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.43.11', '1.3.6.1.4.1.641.99'], 1, 4)
      assert.equal((res[0] as snmp.Varbind).oid, '1.3.6.1.2.1.1.2.0')
      const supplies = res[1] as snmp.Varbind[]
      assert.deepEqual(
        supplies.map((v) => v.oid),
        ['1.3.6.1.2.1.43.11.1.1.9.1.1', '1.3.6.1.2.1.43.11.1.1.9.1.2', '1.3.6.1.2.1.43.11.1.1.9.1.10', '1.3.6.1.4.1.641.99.1.0'],
      )
      const tail = res[2] as snmp.Varbind[]
      assert.equal(tail[0].oid, '1.3.6.1.4.1.641.99.1.0')
      assert.equal(tail[3].type, snmp.ObjectType.EndOfMibView)
      // sysUpTime ticks from the recorded value
      const [up] = await get(s, ['1.3.6.1.2.1.1.3.0'])
      assert.ok((up.value as number) >= 1000)
    } finally {
      s.close()
    }
  })
})

test('SNMPv1: a missing OID fails the whole GET with noSuchName and its index', async () => {
  await withAgent({address: '127.24.0.4'}, async () => {
    const s = session('127.24.0.4', 'v1')
    try {
      await assert.rejects(
        get(s, ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.9.0']),
        (e: Error & {status?: number}) => e.status === snmp.ErrorStatus.NoSuchName && e.message.endsWith('1.3.6.1.2.1.1.9.0'),
      )
      const ok = await get(s, ['1.3.6.1.2.1.1.1.0'])
      assert.equal(String(ok[0].value), RECORDS[0].value)
      await assert.rejects(
        getNext(s, ['1.3.6.1.4.1.641.99.3.0']),
        (e: Error & {status?: number}) => e.status === snmp.ErrorStatus.NoSuchName,
      )
    } finally {
      s.close()
    }
  })
})

test('wrong community, silent and v3-only agents do not answer v2c; setRecords and delay apply at runtime', async () => {
  await withAgent({address: '127.24.0.5', community: 'secret'}, async (a) => {
    const wrong = session('127.24.0.5', 'v2c', 'public')
    const right = session('127.24.0.5', 'v2c', 'secret')
    try {
      await assert.rejects(get(wrong, ['1.3.6.1.2.1.1.1.0']), {name: 'RequestTimedOutError'})
      assert.equal(String((await get(right, ['1.3.6.1.2.1.1.1.0']))[0].value), RECORDS[0].value)
      // firmware update
      a.setRecords(RECORDS.map((r) => (r.oid === '1.3.6.1.2.1.1.1.0' ? {...r, value: 'Lexmark CX735adse version CXTPC.240.010'} : r)))
      assert.equal(String((await get(right, ['1.3.6.1.2.1.1.1.0']))[0].value), 'Lexmark CX735adse version CXTPC.240.010')
      a.setDelay(150)
      const t0 = Date.now()
      await get(right, ['1.3.6.1.2.1.1.1.0'])
      assert.ok(Date.now() - t0 >= 140)
      a.setDelay(0)
      a.setSilent(true)
      await assert.rejects(get(right, ['1.3.6.1.2.1.1.1.0']), {name: 'RequestTimedOutError'})
      assert.ok(a.stats.received > a.stats.answered)
    } finally {
      wrong.close()
      right.close()
    }
  })
  const user = {
    name: 'fleet',
    authProtocol: 'sha256' as const,
    authKey: 'authpass-123',
    privProtocol: 'aes' as const,
    privKey: 'privpass-123',
  }
  await withAgent({address: '127.24.0.6', v3Only: true, v3User: user}, async () => {
    const v2 = session('127.24.0.6')
    const v3 = snmp.createV3Session(
      '127.24.0.6',
      {
        name: 'fleet',
        level: snmp.SecurityLevel.authPriv,
        authProtocol: snmp.AuthProtocols.sha256,
        authKey: 'authpass-123',
        privProtocol: snmp.PrivProtocols.aes,
        privKey: 'privpass-123',
      },
      {port: PORT, timeout: 500, retries: 0},
    )
    try {
      await assert.rejects(get(v2, ['1.3.6.1.2.1.1.1.0']), {name: 'RequestTimedOutError'})
      assert.equal(String((await get(v3, ['1.3.6.1.2.1.1.1.0']))[0].value), RECORDS[0].value)
    } finally {
      v2.close()
      v3.close()
    }
  })
})

test('bind failure rejects the start promise', async () => {
  await withAgent({address: '127.24.0.7'}, async () => {
    const fds = () => readdirSync('/proc/self/fd').length
    const before = fds()
    await assert.rejects(startSnmpAgent({address: '127.24.0.7', port: PORT, records: RECORDS}), {code: 'EADDRINUSE'})
    for (let i = 0; i < 20 && fds() > before; i++) await new Promise((r) => setTimeout(r, 10))
    assert.equal(fds(), before, 'the failed socket is closed')
  })
  await assert.rejects(startSnmpAgent({address: '127.24.0.8', port: PORT, records: [{oid: '1.3.6.1.x', type: 4, value: ''}]}), /bad OID/)
})

test('overrides (pages printed, supplies used) stay over the records when setRecords brings new ones', async () => {
  await withAgent({address: '127.24.0.40'}, async (a) => {
    const s = session('127.24.0.40')
    try {
      a.setOverrides([{oid: '1.3.6.1.2.1.43.10.2.1.4.1.1', type: 65, value: 123999}])
      a.setRecords(RECORDS.map((r) => (r.oid === '1.3.6.1.2.1.1.1.0' ? {...r, value: 'Lexmark CX735adse version CXTPC.240.010'} : r)))
      const [descr, pages] = await get(s, ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.43.10.2.1.4.1.1'])
      assert.equal(String(descr.value), 'Lexmark CX735adse version CXTPC.240.010')
      assert.equal(pages.value, 123999)
    } finally {
      s.close()
    }
  })
})
