import {test} from 'node:test'
import assert from 'node:assert/strict'
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {needsRecordings, recording} from '../../../test/helpers/recordings.js'
import {compareOids, loadSnmprec, parseSnmprec} from './snmprec.js'

test('parses every tag, plain and hex', () => {
  const recs = parseSnmprec(
    [
      '1.3.6.1.2.1.1.1.0|4|Lexmark CX725 | with a bar',
      '1.3.6.1.2.1.1.2.0|6|.1.3.6.1.4.1.641.1',
      '1.3.6.1.2.1.1.3.0|67|4294967295',
      '1.3.6.1.2.1.1.4.0|4|',
      '1.3.6.1.2.1.1.5.0|4x|48c3a96c0a00',
      '1.3.6.1.2.1.1.7.0|2|-2147483648',
      '1.3.6.1.2.1.4.20.1.1.10.0.0.1|64|10.0.0.1',
      '1.3.6.1.2.1.4.20.1.3.10.0.0.1|64x|ffffff00',
      '1.3.6.1.2.1.2.2.1.10.1|65|0',
      '1.3.6.1.2.1.2.2.1.5.1|66|1000000000',
      '1.3.6.1.2.1.31.1.1.1.6.1|70|18446744073709551615',
      '1.3.6.1.2.1.99.1.0|5|',
    ].join('\n'),
  )
  const byOid = new Map(recs.map((r) => [r.oid, r]))
  assert.deepEqual(byOid.get('1.3.6.1.2.1.1.1.0'), {oid: '1.3.6.1.2.1.1.1.0', type: 4, value: Buffer.from('Lexmark CX725 | with a bar')})
  assert.equal(byOid.get('1.3.6.1.2.1.1.2.0')!.value, '1.3.6.1.4.1.641.1')
  assert.equal(byOid.get('1.3.6.1.2.1.1.3.0')!.value, 4294967295)
  assert.deepEqual(byOid.get('1.3.6.1.2.1.1.4.0')!.value, Buffer.alloc(0))
  assert.deepEqual(byOid.get('1.3.6.1.2.1.1.5.0'), {
    oid: '1.3.6.1.2.1.1.5.0',
    type: 4,
    value: Buffer.from([0x48, 0xc3, 0xa9, 0x6c, 0x0a, 0x00]),
  })
  assert.equal(byOid.get('1.3.6.1.2.1.1.7.0')!.value, -2147483648)
  assert.deepEqual(byOid.get('1.3.6.1.2.1.4.20.1.1.10.0.0.1'), {oid: '1.3.6.1.2.1.4.20.1.1.10.0.0.1', type: 64, value: '10.0.0.1'})
  assert.deepEqual(byOid.get('1.3.6.1.2.1.4.20.1.3.10.0.0.1'), {oid: '1.3.6.1.2.1.4.20.1.3.10.0.0.1', type: 64, value: '255.255.255.0'})
  assert.equal(byOid.get('1.3.6.1.2.1.2.2.1.5.1')!.type, 66)
  assert.equal(byOid.get('1.3.6.1.2.1.31.1.1.1.6.1')!.value, 18446744073709551615n)
  assert.deepEqual(byOid.get('1.3.6.1.2.1.99.1.0'), {oid: '1.3.6.1.2.1.99.1.0', type: 5, value: ''})
})

test('keeps OctetString text byte for byte (UTF-8 as written, trailing spaces kept)', () => {
  const [r] = parseSnmprec('1.3.6.1.2.1.1.6.0|4|Büro 3 \r\n')
  assert.deepEqual(r.value, Buffer.from('Büro 3 ', 'utf8'))
})

test('sorts by numeric arcs, ignores comments and blank lines, last duplicate wins', () => {
  const recs = parseSnmprec(
    [
      '# a comment',
      '',
      '.1.3.6.1.2.1.10.0|2|10',
      '1.3.6.1.2.1.2.0|2|2',
      '   # indented comment',
      '1.3.6.1.2.1.9.0|2|9',
      '1.3.6.1.2.1.2.0|2|3',
      '   ',
    ].join('\r\n'),
    'x.snmprec',
  )
  assert.deepEqual(
    recs.map((r) => [r.oid, r.value]),
    [
      ['1.3.6.1.2.1.2.0', 3],
      ['1.3.6.1.2.1.9.0', 9],
      ['1.3.6.1.2.1.10.0', 10],
    ],
  )
})

test('malformed lines throw with the file name and line number', () => {
  const bad: [string, RegExp][] = [
    ['1.3.6.1.2.1.1.1.0|4', /expected OID\|TAG\|VALUE/],
    ['1.3.6.x.1|4|a', /bad OID/],
    ['1.3.6.1|2:numeric|rate=3', /unsupported tag/],
    ['1.3.6.1|99|1', /unsupported tag 99/],
    ['1.3.6.1|4x|abc', /bad hex/],
    ['1.3.6.1|4x|zz', /bad hex/],
    ['1.3.6.1|2x|01', /hex form not supported/],
    ['1.3.6.1|65|6git3159', /bad number/],
    ['1.3.6.1|2|2147483648', /out of range/],
    ['1.3.6.1|65|-1', /out of range/],
    ['1.3.6.1|67|4294967296', /out of range/],
    ['1.3.6.1|70|-1', /bad Counter64/],
    ['1.3.6.1|70|18446744073709551616', /Counter64 out of range/],
    ['1.3.6.1|64|10.0.0.256', /bad IpAddress/],
    ['1.3.6.1|64x|0a0000', /IpAddress needs 4 octets/],
    ['1.3.6.1|6|1.3.x', /bad OID value/],
  ]
  for (const [line, why] of bad) {
    assert.throws(
      () => parseSnmprec(`1.3.6.1.2.1.1.1.0|4|ok\n# c\n${line}\n`, 'bad.snmprec'),
      (err: Error) => {
        assert.match(err.message, /^bad\.snmprec:3: /, line)
        assert.match(err.message, why, line)
        return true
      },
    )
  }
})

test('compareOids orders by numeric arcs', () => {
  assert.ok(compareOids('1.3.6.1.2.1.2', '1.3.6.1.2.1.10') < 0)
  assert.ok(compareOids('1.3.6.1.2', '1.3.6.1.2.1') < 0)
  assert.ok(compareOids('1.3.6.1.4.1.18334', '1.3.6.1.4.1.2435') > 0)
  assert.equal(compareOids('.1.3.6', '1.3.6'), 0)
  assert.ok(compareOids('1.3.6.1.99999999999999999999', '1.3.6.1.99999999999999999998') > 0)
  const sorted = ['1.10', '1.2.1', '1.2', '1.1.5'].sort(compareOids)
  assert.deepEqual(sorted, ['1.1.5', '1.2', '1.2.1', '1.10'])
})

test('loadSnmprec reads a real recording in numeric order', {skip: needsRecordings}, async () => {
  const recs = await loadSnmprec(recording('snmprec/dell-laser_s5830dn.snmprec'))
  assert.equal(recs.length, 227)
  assert.deepEqual(recs[0], {
    oid: '1.3.6.1.2.1.1.1.0',
    type: 4,
    value: Buffer.from('Dell S5830dn version NH62.YS.N636 kernel 3.0.0 All-N-1'),
  })
  for (let i = 1; i < recs.length; i++) assert.ok(compareOids(recs[i - 1].oid, recs[i].oid) < 0)
  const mac = recs.find((r) => r.oid === '1.3.6.1.2.1.2.2.1.6.2')
  assert.deepEqual(mac?.value, Buffer.from('0021b743f581', 'hex'))
})

test('loadSnmprec rejects the malformed Counter32 in the LibreNMS OKI recording (upstream typo)', {skip: needsRecordings}, async () => {
  const path = recording('snmprec/okilan_9450g.snmprec')
  await assert.rejects(loadSnmprec(path), /okilan_9450g\.snmprec:23: bad number: "1\.3\.6\.1\.2\.1\.2\.2\.1\.17\.1\|65\|6git3159"/)
  const fixed = (await readFile(path, 'utf8')).replace(/^.*\|6git3159\n/m, '')
  assert.equal(parseSnmprec(fixed).length, 171)
})

test('loadSnmprec keeps the bytes of a file that is not UTF-8', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'snmprec-'))
  try {
    const path = join(dir, 'latin1.snmprec')
    await writeFile(path, Buffer.concat([Buffer.from('1.3.6.1.2.1.1.6.0|4|B'), Buffer.from([0xfc]), Buffer.from('ro\n')]))
    const [r] = await loadSnmprec(path)
    assert.deepEqual(r.value, Buffer.from([0x42, 0xfc, 0x72, 0x6f]))
  } finally {
    await rm(dir, {recursive: true, force: true})
  }
})

test('loadSnmprec with onBadLine skips a malformed line of a real recording and reports it', {skip: needsRecordings}, async () => {
  const bad: string[] = []
  const records = await loadSnmprec(recording('snmprec/okilan_9450g.snmprec'), (m) => bad.push(m))
  assert.equal(bad.length, 1)
  assert.match(bad[0], /okilan_9450g\.snmprec:23:/)
  assert.ok(records.some((r) => r.oid === '1.3.6.1.2.1.1.1.0'))
})
