import assert from 'node:assert/strict'
import {test} from 'node:test'
import {encode, type Answer} from 'dns-packet'
import {browse, MdnsCollector, parseTxt} from './mdns.js'
import {answerQuery, printerRecords, responsePackets} from '../sandbox/printers/mdns.js'
import {garbagePackets} from '../../../test/helpers/netns-mdns-fixtures.js'

const response = (answers: Answer[], additionals: Answer[] = []) => encode({type: 'response', flags: 1 << 10, answers, additionals})
const sim = (n: number, address: string, uuid = `UUID-${n}`) => ({
  address,
  name: `Printer ${n}`,
  model: 'CX725',
  manufacturer: 'Lexmark',
  uuid,
  adminurl: `http://${address}/`,
})

test('parseTxt reads the printer keys, first occurrence wins, keys are case-insensitive', () => {
  const warnings: string[] = []
  const txt = parseTxt(
    [
      'txtvers=1',
      'TY=Lexmark CX725',
      'ty=ignored',
      'product=(CX725)',
      'usb_mfg=Lexmark',
      'usb_MDL=CX725',
      'pdl=application/pdf, image/urf,',
      'UUID=abc',
      'rp=ipp/print',
      'note=',
      'Color',
      '=x',
      '',
    ],
    (w) => warnings.push(w),
  )
  assert.deepEqual(txt, {
    ty: 'Lexmark CX725',
    product: 'CX725',
    usb_MFG: 'Lexmark',
    usb_MDL: 'CX725',
    pdl: ['application/pdf', 'image/urf'],
    UUID: 'abc',
    rp: 'ipp/print',
    note: '',
  })
  assert.deepEqual(warnings, [])
})

test('parseTxt turns bad TXT into warnings: non-UTF-8, control characters, wrong types', () => {
  const warnings: string[] = []
  const txt = parseTxt([Buffer.from([0x6e, 0x6f, 0x74, 0x65, 0x3d, 0xe9, 0x74, 0xe9]), 'ty=\x1b]0;pwned\x07X', 42, null], (w) =>
    warnings.push(w),
  )
  assert.deepEqual(txt, {note: 'été', ty: ']0;pwnedX'})
  assert.deepEqual(warnings.sort(), [
    'TXT control characters removed',
    'TXT is not UTF-8; read as Latin-1',
    'TXT string of the wrong type ignored',
    'TXT string of the wrong type ignored',
  ])
  assert.deepEqual(
    parseTxt(undefined, () => {}),
    {},
  )
})

test('collector assembles a printer from the responder packets and merges its services', () => {
  const records = printerRecords([sim(1, '10.0.0.5')])
  const c = new MdnsCollector()
  const answers = answerQuery(records, {
    type: 'query',
    questions: ['_ipp._tcp.local', '_ipps._tcp.local', '_printer._tcp.local', '_pdl-datastream._tcp.local'].map((name) => ({
      name,
      type: 'PTR',
    })),
  })
  for (const p of responsePackets(records, answers)) c.ingestRaw(encode({type: 'response', ...p}), 'test')
  assert.deepEqual(c.printers(), [
    {
      name: 'Printer 1',
      services: ['_ipp._tcp.local', '_ipps._tcp.local', '_printer._tcp.local', '_pdl-datastream._tcp.local'],
      host: 'Printer-1.local',
      addresses: ['10.0.0.5'],
      ports: {'_ipp._tcp.local': 631, '_ipps._tcp.local': 631, '_printer._tcp.local': 515, '_pdl-datastream._tcp.local': 9100},
      txt: {
        ty: 'Lexmark CX725',
        product: 'CX725',
        usb_MFG: 'Lexmark',
        usb_MDL: 'CX725',
        adminurl: 'http://10.0.0.5/',
        note: '',
        pdl: ['application/pdf', 'image/pwg-raster', 'image/urf'],
        rp: 'ipp/print',
        UUID: 'UUID-1',
      },
      uuid: 'uuid-1',
    },
  ])
  assert.deepEqual(c.followUps(), [], 'everything came in Additionals')
  assert.deepEqual(c.warnings, [])
})

test('merge: one UUID across addresses is one printer; two UUIDs on one address (a CUPS server) stay apart', () => {
  const c = new MdnsCollector()
  const inst = (label: string, svc: string, host: string, uuid?: string): Answer[] => [
    {name: svc, type: 'PTR', ttl: 4500, data: `${label}.${svc}`},
    {name: `${label}.${svc}`, type: 'SRV', ttl: 120, data: {target: host, port: 631}},
    {name: `${label}.${svc}`, type: 'TXT', ttl: 4500, data: uuid ? [`UUID=${uuid}`] : ['']},
  ]
  c.ingest({
    type: 'response',
    answers: [
      ...inst('Q1', '_ipp._tcp.local', 'cups.local', 'u-1'),
      ...inst('Q2', '_ipp._tcp.local', 'cups.local', 'u-2'),
      ...inst('Q2', '_printer._tcp.local', 'cups.local'), // no UUID, several candidates: joins by name
      ...inst('Dual', '_ipp._tcp.local', 'dual-a.local', 'URN:UUID:D'),
      ...inst('Dual', '_ipps._tcp.local', 'dual-b.local', 'd'),
      ...inst('Raw', '_pdl-datastream._tcp.local', 'raw.local'),
      {name: 'cups.local', type: 'A', ttl: 120, data: '10.0.0.2'},
      {name: 'dual-a.local', type: 'A', ttl: 120, data: '10.0.0.4'},
      {name: 'dual-b.local', type: 'A', ttl: 120, data: '10.0.0.3'},
    ],
  })
  const ps = c.printers()
  assert.deepEqual(
    ps.map((p) => [p.name, p.services.length, p.addresses, p.uuid]),
    [
      ['Q1', 1, ['10.0.0.2'], 'u-1'],
      ['Q2', 2, ['10.0.0.2'], 'u-2'],
      ['Dual', 2, ['10.0.0.3', '10.0.0.4'], 'd'],
      ['Raw', 1, [], undefined],
    ],
  )
  assert.deepEqual(c.followUps(), [{name: 'raw.local', type: 'A'}])
  assert.deepEqual(c.followUps(), [], 'asked once')
})

test('follow-up questions for what Additionals lacked; goodbye removes an instance', () => {
  const c = new MdnsCollector()
  c.ingestRaw(response([{name: '_ipp._tcp.local', type: 'PTR', ttl: 4500, data: 'A.b._ipp._tcp.local'}]))
  assert.deepEqual(c.followUps(), [
    {name: 'A.b._ipp._tcp.local', type: 'SRV'},
    {name: 'A.b._ipp._tcp.local', type: 'TXT'},
  ])
  assert.equal(c.printers()[0].name, 'A.b', 'dots inside an instance label survive')
  assert.deepEqual(c.knownAnswers(), [{name: '_ipp._tcp.local', type: 'PTR', ttl: 4500, data: 'A.b._ipp._tcp.local'}])
  c.ingestRaw(response([{name: '_ipp._tcp.local', type: 'PTR', ttl: 0, data: 'A.b._ipp._tcp.local'}]))
  assert.deepEqual(c.printers(), [])
})

test('garbage packets end in warnings, never an exception', () => {
  const c = new MdnsCollector()
  for (const g of garbagePackets()) c.ingestRaw(g, '192.0.2.9')
  // Wrong shapes, as a decoder bug or a hand-made packet could produce.
  for (const p of [
    null,
    'x',
    {type: 'response', answers: 'nope'},
    {type: 'response', answers: [null, {name: 1}, {name: 'x', type: 'A', data: 'not-an-ip'}]},
  ])
    c.ingest(p, 'js')
  c.ingest(
    {
      type: 'response',
      answers: [
        {name: '_ipp._tcp.local', type: 'PTR', data: {}},
        {name: 'Junk._ipp._tcp.local', type: 'SRV', data: {target: 'h.local', port: 70000}},
      ],
    },
    'js',
  )
  c.ingest({type: 'query', answers: [{name: '_ipp._tcp.local', type: 'PTR', data: 'Q._ipp._tcp.local'}]}, 'js') // known answers in a query: not facts
  assert.deepEqual(c.warnings, [
    '192.0.2.9: undecodable packet ignored (Cannot decode name (bad label))',
    '192.0.2.9: undecodable packet ignored (Cannot decode name (buffer overflow))',
    '192.0.2.9: undecodable packet ignored (Cannot decode name (bad pointer))',
    '192.0.2.9: 20000-byte packet is over the 9000-byte mDNS limit; ignored',
    '192.0.2.9: PTR _ipp._tcp.local → evil._http._tcp.local is not an instance of that service; ignored',
    '192.0.2.9: Junk._ipp._tcp.local: TXT is not UTF-8; read as Latin-1',
    '192.0.2.9: Junk._ipp._tcp.local: TXT control characters removed',
    '192.0.2.9: SRV Junk._ipp._tcp.local without a usable target and port; ignored',
    'js: malformed packet ignored',
    'js: malformed record ignored',
    'js: A x with an invalid address ignored',
    'js: PTR _ipp._tcp.local without a name ignored',
    'js: SRV Junk._ipp._tcp.local without a usable target and port; ignored',
  ])
  assert.deepEqual(
    c.printers().map((p) => [p.name, p.txt]),
    [['Junk', {ty: 'ÿþA', note: '[31mred'}]],
  )
})

test('a flood of invented instances is bounded, and so are the warnings', () => {
  const c = new MdnsCollector()
  const answers: Answer[] = Array.from({length: 600}, (_, i) => ({
    name: '_ipp._tcp.local',
    type: 'PTR',
    ttl: 4500,
    data: `P${i}._ipp._tcp.local`,
  }))
  c.ingest({type: 'response', answers}, 'flood')
  assert.equal(c.printers().length, 512)
  for (let i = 0; i < 100; i++) c.ingestRaw(Buffer.from(`junk ${i}`), `198.51.100.${i}`)
  assert.equal(c.warnings.length, 51)
  assert.match(c.warnings[50], /^\d+ more mDNS warnings suppressed$/)
})

test('browse without interfaces or with an aborted signal returns at once, with no socket', async () => {
  const none = await browse({interfaces: []})
  assert.deepEqual([...none], [])
  assert.deepEqual(none.warnings, ['no IPv4 interface to browse on'])
  const aborted = await browse({interfaces: ['127.0.0.1'], signal: AbortSignal.abort()})
  assert.deepEqual([...aborted], [])
})
