// Crafted mDNS packets shared by the parser unit test and the namespace test's garbage sender.
import {encode, type Answer} from 'dns-packet'

const response = (answers: Answer[], additionals: Answer[] = []) => encode({type: 'response', flags: 1 << 10, answers, additionals})

/** Each packet is broken in its own way; a browser must turn every one into a warning. */
export function garbagePackets(): Buffer[] {
  const valid = response([{name: '_ipp._tcp.local', type: 'PTR', ttl: 4500, data: 'Junk._ipp._tcp.local'}])
  // Header with one question whose name is a compression pointer to itself.
  const loop = Buffer.from([0, 0, 0x84, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 0x0c, 0, 1, 0, 1])
  return [
    Buffer.from('definitely not a DNS packet'),
    valid.subarray(0, valid.length - 5), // truncated
    loop,
    Buffer.concat([Buffer.from([0, 0, 0x84, 0]), Buffer.alloc(19_996)]), // a response over the 9000-byte mDNS limit
    response([{name: '_ipp._tcp.local', type: 'PTR', ttl: 4500, data: 'evil._http._tcp.local'}]), // PTR outside the service
    response(
      [{name: '_ipp._tcp.local', type: 'PTR', ttl: 4500, data: 'Junk._ipp._tcp.local'}],
      [
        // not UTF-8, and an ANSI escape sequence
        {
          name: 'Junk._ipp._tcp.local',
          type: 'TXT',
          ttl: 4500,
          data: [Buffer.from([0x74, 0x79, 0x3d, 0xff, 0xfe, 0x41]), 'note=\x1b[31mred'],
        },
        {name: 'Junk._ipp._tcp.local', type: 'SRV', ttl: 120, data: {target: '', port: 631}}, // no target
      ],
    ),
  ]
}
