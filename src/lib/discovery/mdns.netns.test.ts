// browse() against the sandbox responder over real multicast, inside two throwaway network namespaces joined
// by a veth pair (plus lo in the browser's namespace): nothing is sent on this machine's own interfaces.
import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {MdnsPrinter} from './mdns.js'
import type {SimulatedMdnsPrinter} from '../sandbox/printers/mdns.js'
import {addNetns, cleanup, ip, netnsUnavailable, spawnInNetns, waitLinkUp} from '../../../test/helpers/netns.js'

const CHILD = 'test/helpers/netns-mdns-child.ts'
const skip = netnsUnavailable()

const printer = (n: number, address: string): SimulatedMdnsPrinter => ({
  address,
  name: `Lexmark CX725 (${n})`,
  model: 'CX725',
  manufacturer: 'Lexmark',
  uuid: `4c657865-0000-4000-8000-00000000000${n}`,
  adminurl: `http://${address}/`,
})

test('browse finds simulated printers over real multicast in network namespaces', {skip, timeout: 10_000}, async () => {
  const started = Date.now()
  const id = process.pid
  const [p, b] = [addNetns(`lcs-mdns-${id}-p`), addNetns(`lcs-mdns-${id}-b`)]
  try {
    // Created directly inside the namespaces, so the host never has the veth ends.
    ip('-n', p, 'link', 'add', `lcsm${id}p`, 'type', 'veth', 'peer', 'name', `lcsm${id}b`, 'netns', b)
    ip('-n', p, 'addr', 'add', '10.77.0.1/24', 'dev', `lcsm${id}p`)
    ip('-n', b, 'addr', 'add', '10.77.0.2/24', 'dev', `lcsm${id}b`)
    ip('-n', p, 'link', 'set', `lcsm${id}p`, 'up')
    ip('-n', b, 'link', 'set', `lcsm${id}b`, 'up')
    ip('-n', p, 'route', 'add', '224.0.0.0/4', 'dev', `lcsm${id}p`)
    ip('-n', b, 'link', 'set', 'lo', 'multicast', 'on') // lo has no MULTICAST flag by default
    ip('-n', b, 'route', 'add', '224.0.0.0/4', 'dev', 'lo')
    await Promise.all([waitLinkUp(p, `lcsm${id}p`), waitLinkUp(b, `lcsm${id}b`)])

    // Printers 1 and 2 behind the veth, 3 on the browser's own lo; printer 4 is switched off (not passed).
    const children = [
      spawnInNetns(p, CHILD, [
        'responder',
        JSON.stringify({interfaceAddress: '10.77.0.1', printers: [printer(1, '10.77.0.11'), printer(2, '10.77.0.12')]}),
      ]),
      spawnInNetns(p, CHILD, ['garbage', '10.77.0.1']),
      spawnInNetns(b, CHILD, ['responder', JSON.stringify({interfaceAddress: '127.0.0.1', printers: [printer(3, '127.0.0.3')]})]),
    ]
    const readies = await Promise.all(children.map((c) => c.line((l) => l.startsWith('READY'))))
    // the responder listens on the mDNS group only (README: nothing listens beyond loopback), not on 0.0.0.0
    assert.deepEqual([readies[0], readies[2]], ['READY 224.0.0.251', 'READY 224.0.0.251'])
    const ready = Date.now()

    const browser = spawnInNetns(b, CHILD, ['browse', JSON.stringify({interfaces: ['10.77.0.2', '127.0.0.1'], windowMs: 1000})])
    const out = JSON.parse(await browser.done) as {
      qm: {printers: MdnsPrinter[]; warnings: string[]}
      oneShot: {printers: MdnsPrinter[]; warnings: string[]}
      ms: number
      udp: number
    }
    const want = (n: number, address: string) => ({
      name: `Lexmark CX725 (${n})`,
      services: ['_ipp._tcp.local', '_ipps._tcp.local', '_printer._tcp.local', '_pdl-datastream._tcp.local'],
      host: `Lexmark-CX725-${n}.local`,
      addresses: [address],
      ports: {'_ipp._tcp.local': 631, '_ipps._tcp.local': 631, '_printer._tcp.local': 515, '_pdl-datastream._tcp.local': 9100},
      txt: {
        ty: 'Lexmark CX725',
        product: 'CX725',
        usb_MFG: 'Lexmark',
        usb_MDL: 'CX725',
        adminurl: `http://${address}/`,
        note: '',
        pdl: ['application/pdf', 'image/pwg-raster', 'image/urf'],
        rp: 'ipp/print',
        UUID: `4c657865-0000-4000-8000-00000000000${n}`,
      },
      uuid: `4c657865-0000-4000-8000-00000000000${n}`,
    })
    const expected = [want(1, '10.77.0.11'), want(2, '10.77.0.12'), want(3, '127.0.0.3')]

    // Multicast (QM) browse: the three printers, plus "Junk" from the garbage sender, and a warning per bad packet.
    const qm = out.qm.printers
    assert.deepEqual(
      qm.filter((x) => x.name !== 'Junk'),
      expected,
    )
    assert.deepEqual(qm.find((x) => x.name === 'Junk')?.txt, {ty: 'ÿþA', note: '[31mred'})
    for (const w of [
      /undecodable packet/,
      /truncat|overflow|Cannot decode/i,
      /9000-byte/,
      /not an instance of that service/,
      /not UTF-8/,
      /control characters/,
      /SRV .* without a usable target/,
    ]) {
      assert.ok(
        out.qm.warnings.some((x) => w.test(x)),
        `no warning matching ${w}: ${JSON.stringify(out.qm.warnings)}`,
      )
    }
    // One-shot browse: answered by legacy unicast (the garbage sender only multicasts).
    assert.deepEqual(out.oneShot.printers, expected)
    assert.deepEqual(out.oneShot.warnings, [])
    assert.equal(out.udp, 0, 'browse left sockets open')
    assert.ok(out.ms < 1500, `browse took ${out.ms} ms for a 1000 ms window`)
    console.log(
      `namespace test: setup+children ${ready - started} ms, browse child ${Date.now() - ready} ms (window ${out.ms} ms), total ${Date.now() - started} ms`,
    )
  } finally {
    await cleanup()
  }
  assert.ok(!ip('netns', 'list').includes(`lcs-mdns-${id}`), 'namespaces left behind')
})
