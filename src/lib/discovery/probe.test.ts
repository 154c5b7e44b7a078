import assert from 'node:assert/strict'
import {test} from 'node:test'
import {octets, oid, probeDatagram, probeTemplate, readProbeReply, tlv, usmReportCounter, usmReportFor} from './probe.js'

const int = (n: number): Buffer => tlv(2, Buffer.from([n]))
const seq = (...p: Buffer[]): Buffer => tlv(0x30, Buffer.concat(p))
const id4 = (n: number): Buffer => {
  const b = Buffer.alloc(4)
  b.writeUInt32BE(n)
  return tlv(2, b)
}

test('the probe is a 43-byte v2c GET of sysObjectID.0 whose request ID is patched in place', () => {
  const t = probeTemplate('2c')
  assert.equal(t.bytes.length, 43)
  const a = probeDatagram(t, 0x41424344)
  const b = probeDatagram(t, 0x7fffffff)
  assert.equal(a.length, 43)
  assert.equal(a.readUInt32BE(t.idOffsets[0]), 0x41424344)
  assert.equal(b.readUInt32BE(t.idOffsets[0]), 0x7fffffff)
  assert.ok(a.includes(oid('1.3.6.1.2.1.1.2.0')))
  const v3 = probeTemplate('3')
  assert.equal(v3.idOffsets.length, 2) // msgID and request-id
  assert.ok(v3.bytes.length < 70)
})

test('answers are read within the datagram: the vendor, another community, garbage', () => {
  const answer = (community: string, pdu = 0xa2, value = oid('1.3.6.1.4.1.641.2.1'), version = 1) =>
    seq(
      int(version),
      octets(community),
      tlv(pdu, Buffer.concat([id4(0x40000001), int(0), int(0), seq(seq(oid('1.3.6.1.2.1.1.2.0'), value))])),
    )
  assert.deepEqual(readProbeReply(answer('public'), '2c'), {id: 0x40000001, kind: 'answer', objectId: '1.3.6.1.4.1.641.2.1'})
  assert.deepEqual(readProbeReply(answer('public', 0xa2, octets('x')), '2c'), {id: 0x40000001, kind: 'answer'})
  assert.equal(readProbeReply(answer('private'), '2c').kind, 'mismatch')
  assert.equal(readProbeReply(answer('public', 0xa2, oid('1.3.6.1.4.1.641'), 0), '2c').kind, 'mismatch')
  assert.deepEqual(readProbeReply(answer('public', 0xa8), '2c'), {kind: 'malformed', why: 'PDU type 0xa8 instead of a response'})
  assert.equal(readProbeReply(answer('public').subarray(0, 20), '2c').kind, 'malformed')
  assert.equal(readProbeReply(Buffer.from('3084ffffffff', 'hex'), '2c').kind, 'malformed')
})

test('a usmStats Report built for a v3 request is recognised as such', () => {
  const request = probeDatagram(probeTemplate('3'), 0x40000009)
  const report = usmReportFor(request, {engineBoots: 1, engineID: Buffer.from('8000000001', 'hex'), engineTime: 20}, 5)!
  assert.equal(usmReportCounter(report), 5)
  assert.equal(readProbeReply(report, '3').kind, 'answer') // its msgID echoes ours
  assert.equal(usmReportCounter(request), undefined)
  assert.equal(usmReportFor(Buffer.from('30'), {engineBoots: 0, engineID: Buffer.alloc(5), engineTime: 0}, 5), undefined)
})
