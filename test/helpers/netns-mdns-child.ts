// Child process for the mDNS namespace test; run as `ip netns exec NS node --import tsx <this> MODE ARG`.
//   responder <MdnsResponderOptions json>  advertise printers, print READY <listening address>, stop on SIGTERM
//   garbage <interface address>           answer every query with garbagePackets(), print READY
//   browse <BrowseOptions json>            browse with port 5353 and one-shot (port 0) at once, print JSON
import {createSocket} from 'node:dgram'
import {decode} from 'dns-packet'
import {browse, type MdnsBrowseResult} from '../../src/lib/discovery/mdns.js'
import {startMdnsResponder} from '../../src/lib/sandbox/printers/mdns.js'
import {garbagePackets} from './netns-mdns-fixtures.js'

setTimeout(() => {
  console.error('child timed out')
  process.exit(3)
}, 7000).unref()

const [mode, arg] = process.argv.slice(2)

if (mode === 'responder') {
  const responder = await startMdnsResponder(JSON.parse(arg))
  process.once('SIGTERM', () => void responder.close().then(() => process.exit(0)))
  console.log(`READY ${responder.listening}`)
  setInterval(() => {}, 1000) // stay alive until SIGTERM
} else if (mode === 'garbage') {
  const socket = createSocket({type: 'udp4', reuseAddr: true})
  let budget = 10 // bounded, whatever happens: garbage must never turn into a packet storm
  socket.on('message', (buf) => {
    try {
      if (decode(buf).questions?.length === 0 || decode(buf).type !== 'query') return
    } catch {
      return
    }
    if (budget-- > 0) for (const g of garbagePackets()) socket.send(g, 5353, '224.0.0.251')
  })
  socket.bind(5353, '0.0.0.0', () => {
    socket.addMembership('224.0.0.251', arg)
    socket.setMulticastInterface(arg)
    console.log('READY')
  })
  process.once('SIGTERM', () => socket.close(() => process.exit(0)))
} else if (mode === 'browse') {
  const opts = JSON.parse(arg)
  const t0 = Date.now()
  const plain = (r: MdnsBrowseResult) => ({printers: [...r], warnings: r.warnings})
  const [qm, oneShot] = await Promise.all([browse(opts), browse({...opts, port: 0})])
  const ms = Date.now() - t0
  // Sockets must be closed once browse resolves (libuv finishes closing them a moment later). No process.exit:
  // a socket left open would keep this child alive until the watchdog fails the test.
  await new Promise((r) => setTimeout(r, 50))
  const udp = process.getActiveResourcesInfo().filter((r) => r === 'UDPWrap').length
  console.log(JSON.stringify({qm: plain(qm), oneShot: plain(oneShot), ms, udp}))
} else {
  console.error(`unknown mode ${mode}`)
  process.exit(2)
}
