import assert from 'node:assert/strict'
import {test} from 'node:test'
import {encodingLength, type Answer, type Question} from 'dns-packet'
import {answerQuery, printerRecords, responsePackets, startMdnsResponder} from './mdns.js'

const data = (r: Answer) => ('data' in r ? r.data : undefined)
const sim = (n: number) => ({
  address: `10.0.0.${n}`,
  name: `Lexmark CX725.${n}`,
  model: 'CX725',
  manufacturer: 'Lexmark',
  uuid: `u-${n}`,
  adminurl: `http://10.0.0.${n}/`,
})

test('records: PTR/SRV/TXT per service, one A per printer, unique labels without dots', () => {
  const records = printerRecords([sim(1), {...sim(2), name: 'Lexmark CX725.1'}])
  const ipp = records.filter((r) => r.type === 'PTR' && r.name === '_ipp._tcp.local').map(data)
  assert.deepEqual(ipp, ['Lexmark CX725 1._ipp._tcp.local', 'Lexmark CX725 1 (2)._ipp._tcp.local'])
  assert.deepEqual(
    records.filter((r) => r.type === 'A').map((r) => [r.name, data(r)]),
    [
      ['Lexmark-CX725-1.local', '10.0.0.1'],
      ['Lexmark-CX725-1-2.local', '10.0.0.2'],
    ],
  )
  assert.equal(records.filter((r) => r.type === 'SRV').length, 8)
  assert.deepEqual(printerRecords([]), [])
  assert.throws(() => printerRecords([{...sim(1), address: 'printer.local'}]), /not an IPv4 address/)
})

test('answers: PTR with everything in Additionals; SRV, TXT, A and ANY directly; known answers and other classes skipped', () => {
  const records = printerRecords([sim(1)])
  const q = (...questions: Question[]) => answerQuery(records, {type: 'query', questions})
  const ptr = q({name: '_IPP._tcp.local', type: 'PTR'})
  assert.deepEqual(ptr.map(data), ['Lexmark CX725 1._ipp._tcp.local'])
  const [packet] = responsePackets(records, ptr)
  assert.deepEqual(packet.additionals.map((r) => r.type).sort(), ['A', 'SRV', 'TXT'])
  assert.deepEqual(
    q({name: 'Lexmark CX725 1._ipps._tcp.local', type: 'ANY' as Question['type']}).map((r) => r.type),
    ['SRV', 'TXT'],
  )
  assert.deepEqual(q({name: 'lexmark-cx725-1.local', type: 'A'}).map(data), ['10.0.0.1'])
  assert.deepEqual(q({name: '_ipp._tcp.local', type: 'PTR', class: 'UNKNOWN_32769' as Question['class']}).length, 1, 'QU question')
  assert.deepEqual(q({name: '_ipp._tcp.local', type: 'PTR', class: 'CH'}), [])
  assert.deepEqual(q({name: '_services._dns-sd._udp.local', type: 'PTR'}).length, 4)
  const known = answerQuery(records, {
    type: 'query',
    questions: [{name: '_ipp._tcp.local', type: 'PTR'}],
    answers: [{name: '_ipp._tcp.local', type: 'PTR', ttl: 4000, data: 'lexmark cx725 1._ipp._tcp.local'}],
  })
  assert.deepEqual(known, [])
  const stale = answerQuery(records, {
    type: 'query',
    questions: [{name: '_ipp._tcp.local', type: 'PTR'}],
    answers: [{name: '_ipp._tcp.local', type: 'PTR', ttl: 100, data: 'Lexmark CX725 1._ipp._tcp.local'}],
  })
  assert.equal(stale.length, 1, 'a known answer with less than half its TTL left is answered again')
})

test('large answers are split into packets under 1400 bytes', () => {
  const records = printerRecords(Array.from({length: 30}, (_, i) => sim(i + 1)))
  const answers = answerQuery(records, {type: 'query', questions: [{name: '_ipp._tcp.local', type: 'PTR'}]})
  const packets = responsePackets(records, answers)
  assert.ok(packets.length > 1)
  assert.equal(packets.flatMap((p) => p.answers).length, 30)
  for (const p of packets) assert.ok(encodingLength({type: 'response', ...p}) <= 1400)
})

test('startMdnsResponder refuses an address that is not on this host', async () => {
  await assert.rejects(startMdnsResponder({interfaceAddress: '192.0.2.77', printers: [sim(1)]}), /not an IPv4 address of this host/)
})
