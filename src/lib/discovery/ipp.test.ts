import assert from 'node:assert/strict'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import {test} from 'node:test'
import {identifyIpp} from './identify.js'
import {decodeIppResponse, encodeGetPrinterAttributes, getPrinterAttributes, IppError} from './ipp.js'

// Network safety: the hostile servers listen on 127.0.0.1, the simulated printers on 127.27.0.5–6.

function attr(tag: number, name: string, value: Buffer | string): Buffer {
  const v = Buffer.isBuffer(value) ? value : Buffer.from(value)
  const n = Buffer.from(name)
  const b = Buffer.alloc(5 + n.length + v.length)
  b[0] = tag
  b.writeUInt16BE(n.length, 1)
  n.copy(b, 3)
  b.writeUInt16BE(v.length, 3 + n.length)
  v.copy(b, 5 + n.length)
  return b
}
const int = (n: number): Buffer => {
  const b = Buffer.alloc(4)
  b.writeInt32BE(n)
  return b
}
const head = (status = 0): Buffer => Buffer.from([1, 1, status >> 8, status & 0xff, 0, 0, 0, 1])
const printerGroup = (...attrs: Buffer[]): Buffer =>
  Buffer.concat([
    head(),
    Buffer.from([0x01]),
    attr(0x47, 'attributes-charset', 'utf-8'),
    Buffer.from([0x04]),
    ...attrs,
    Buffer.from([0x03]),
  ])

const LEXMARK = printerGroup(
  attr(0x41, 'printer-device-id', 'MFG:Lexmark;MDL:CX943;SN:7940ABC12;'),
  attr(0x41, 'printer-make-and-model', 'Lexmark CX943'),
  attr(0x41, 'printer-firmware-string-version', 'CXTPC.081.215'),
  attr(0x42, 'marker-names', 'Black Toner'),
  attr(0x42, '', 'Cyan Toner'),
  attr(0x21, 'marker-levels', int(80)),
  attr(0x21, '', int(-3)),
  attr(0x44, 'marker-types', 'toner-cartridge'),
  attr(0x44, '', 'toner-cartridge'),
  attr(0x23, 'printer-state', int(3)),
  // a collection the decoder must step over
  attr(0x34, 'media-col-default', ''),
  attr(0x4a, '', 'media-size'),
  attr(0x34, '', ''),
  attr(0x4a, '', 'x-dimension'),
  attr(0x21, '', int(21000)),
  attr(0x37, '', ''),
  attr(0x37, '', ''),
)

test('Get-Printer-Attributes is encoded as RFC 8010 says, and an answer decodes to the same identity as SNMP would give', () => {
  const req = encodeGetPrinterAttributes('ipp://127.0.0.1:631/ipp/print', 7, ['printer-device-id'])
  assert.deepEqual([...req.subarray(0, 8)], [1, 1, 0, 0x0b, 0, 0, 0, 7])
  assert.ok(req.includes(Buffer.from('requested-attributes')) && req.at(-1) === 0x03)
  const r = decodeIppResponse(LEXMARK)
  const id = identifyIpp(r.attributes)
  assert.deepEqual(
    [id.vendor, id.model, id.serialNumber, id.firmware, id.printerStatus],
    ['Lexmark', 'CX943', '7940ABC12', 'CXTPC.081.215', 'idle'],
  )
  assert.deepEqual(
    id.supplies.map((s) => [s.description, s.percent, s.status, s.type, s.color]),
    [
      ['Black Toner', 80, undefined, 'tonerCartridge', 'black'],
      ['Cyan Toner', undefined, 'someRemaining', 'tonerCartridge', 'cyan'],
    ],
  )
})

test('malformed answers are IppErrors, never exceptions of another kind or unbounded work', () => {
  const bad: [string, Buffer, RegExp][] = [
    ['truncated', LEXMARK.subarray(0, 60), /truncated/],
    ['not IPP', Buffer.from('HTTP/1.1 200 OK\r\n\r\n'), /not an IPP answer/],
    ['endless collection', printerGroup(...Array.from({length: 10}, () => attr(0x34, 'c', ''))), /nested deeper/],
    ['unclosed collection', printerGroup(attr(0x34, 'c', '')), /not closed/],
  ]
  for (const [what, buf, re] of bad)
    assert.throws(
      () => decodeIppResponse(buf),
      (e: unknown) => e instanceof IppError && re.test((e as Error).message),
      what,
    )
  // wrong tags and huge values are warnings on that attribute
  const odd = decodeIppResponse(
    printerGroup(attr(0x21, 'printer-make-and-model', 'xyz'), attr(0x41, 'printer-info', Buffer.alloc(60_000, 0x41))),
  )
  assert.equal(odd.attributes.has('printer-make-and-model'), false)
  assert.equal((odd.attributes.get('printer-info')?.[0] as string).length, 1024)
  assert.match(odd.warnings.join(' | '), /not what this attribute takes.*cut to 1024|cut to 1024.*not what/)
})

async function server(handler: http.RequestListener): Promise<{port: number; close(): Promise<void>}> {
  const s = http.createServer(handler)
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  return {close: () => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r()))), port: (s.address() as AddressInfo).port}
}

test('hostile IPP servers end in an error for that printer, bounded in size and time', async () => {
  const never = await server((_req, res) => {
    res.writeHead(200, {'content-type': 'application/ipp'})
    res.write(head()) // and never ends
  })
  const huge = await server((_req, res) => {
    res.writeHead(200, {'content-type': 'application/ipp'})
    const chunk = Buffer.alloc(64 * 1024, 0x41)
    for (let i = 0; i < 16; i++) res.write(chunk) // 1 MB
    res.end()
  })
  const html = await server((_req, res) => res.writeHead(404).end('no'))
  try {
    const t0 = performance.now()
    await assert.rejects(
      getPrinterAttributes({host: '127.0.0.1', port: never.port, timeoutMs: 300}),
      /no complete IPP answer within 300 ms/,
    )
    assert.ok(performance.now() - t0 < 1500)
    await assert.rejects(getPrinterAttributes({host: '127.0.0.1', port: huge.port, timeoutMs: 2000}), /larger than 256 KiB/)
    await assert.rejects(getPrinterAttributes({host: '127.0.0.1', port: html.port, timeoutMs: 2000}), /HTTP 404/)
  } finally {
    await Promise.all([never.close(), huge.close(), html.close()])
  }
})

test('a simulated printer with SNMP off is found over IPP with --ipp, one with IPP off too is silent', async () => {
  const {startEws} = await import('../sandbox/printers/ews.js')
  const {startSnmpAgent} = await import('../sandbox/printers/agent.js')
  const {generatePrinter} = await import('../sandbox/printers/models.js')
  const {discover} = await import('./discover.js')
  const g = generatePrinter(5, 'ipp-only', {kind: 'lexmark-native'})
  const base = {
    capability: 'native' as const,
    clockSkewMs: 0,
    firmware: g.firmware,
    manufacturer: 'Lexmark',
    modelName: g.model,
    ntp: true,
    ntpServer: 'time.sandbox.invalid',
    registerDelayMs: 0,
    serialNumber: g.serial,
  }
  const servers = [
    await startEws({...base, address: '127.27.0.5'}, 18632),
    await startEws({...base, address: '127.27.0.6', ipp: false, serialNumber: 'OFF'}, 18632),
  ]
  const agents = await Promise.all(
    ['127.27.0.5', '127.27.0.6'].map((address) => startSnmpAgent({address, port: 16198, records: g.records, silent: true})),
  )
  try {
    const r = await discover({
      ipp: true,
      ippPort: 18632,
      snmp: {port: 16198, retries: 0, timeoutMs: 200},
      targets: ['127.27.0.5', '127.27.0.6'],
    })
    assert.deepEqual(
      r.printers.map((p) => [p.address, p.source, p.vendor, p.model, p.serialNumber, p.firmware, p.status]),
      [['127.27.0.5', 'ipp', 'Lexmark', g.model, g.serial, g.firmware, 'eligible']],
    )
    assert.equal(r.silent, 1)
    assert.deepEqual(
      r.unreadable.map((u) => u.address),
      ['127.27.0.6'],
    ) // answers HTTP, but no IPP there
  } finally {
    await Promise.all([...servers.map((s) => s.close()), ...agents.map((a) => a.close())])
  }
})
