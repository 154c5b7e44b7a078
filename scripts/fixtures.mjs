// Regenerates the deploy fixtures under fixtures/ (eSF apps in our .fls format, UCF files, a settings
// bundle). Deterministic: running it again gives the same bytes. Run `npm run build` first.
//   node scripts/fixtures.mjs
import {mkdirSync, writeFileSync} from 'node:fs'
import {crc32} from 'node:zlib'

import {buildFls} from '../dist/lib/deploy/fls.js'

const CURRENT_TOUCH = [
  'CS632',
  'CS730',
  'CS943',
  'CX431',
  'CX532',
  'CX635',
  'CX735',
  'CX943',
  'MS622',
  'MX431',
  'MX622',
  'MX632',
  'MX722',
  'MX822',
  'MX931',
  'XC4342',
]
const OLD_TOUCH = ['CX510', 'CX825', 'MX711', 'MX811', 'MX910']

/** A deterministic payload (xorshift bytes), standing in for the app's code. */
function payload(seed, size) {
  let x = seed >>> 0 || 1
  const b = Buffer.alloc(size)
  for (let i = 0; i < size; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    b[i] = x & 0xff
  }
  return b
}

function zip(entries) {
  const locals = []
  const centrals = []
  let offset = 0
  for (const [name, text] of entries) {
    const data = Buffer.from(text)
    const n = Buffer.from(name)
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(n.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(n.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, n, data)
    centrals.push(central, n)
    offset += 30 + n.length + data.length
  }
  const cd = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}

mkdirSync('fixtures/apps', {recursive: true})
mkdirSync('fixtures/settings', {recursive: true})

const apps = [
  [
    'cloud-authentication-5.6.31.fls',
    {id: 'cloudAuth', minMemoryMb: 3000, models: [...CURRENT_TOUCH, ...OLD_TOUCH], name: 'Cloud Authentication', version: '5.6.31'},
    1,
  ],
  [
    'front-desk-kiosk-1.2.0.fls',
    {id: 'frontDeskKiosk', minMemoryMb: 512, models: CURRENT_TOUCH, name: 'Front Desk Kiosk', version: '1.2.0'},
    2,
  ],
  [
    'front-desk-kiosk-1.3.0.fls',
    {id: 'frontDeskKiosk', minMemoryMb: 512, models: CURRENT_TOUCH, name: 'Front Desk Kiosk', version: '1.3.0'},
    3,
  ],
]
for (const [file, manifest, seed] of apps) writeFileSync(`fixtures/apps/${file}`, buildFls(manifest, payload(seed, 4096)))
// Two files the portal would reject with "Invalid App File": a damaged download and something else renamed.
const good = buildFls(apps[0][1], payload(1, 4096))
writeFileSync('fixtures/apps/truncated.fls', good.subarray(0, good.length - 1000))
writeFileSync('fixtures/apps/not-an-app.fls', 'PK this is a renamed archive, not an eSF application\n')

writeFileSync(
  'fixtures/settings/front-desk.ucf',
  `# Universal Configuration File: front-desk printers
# NAME VALUE per line; quoted values may contain spaces.
ESF.cloudAuth.settings.loginMethod "badge-or-pin"
ESF.cloudAuth.settings.idleTimeout 60
sleepMode 20
hibernateTimeout "3 days"
displayBrightness 80
`,
)
writeFileSync(
  'fixtures/settings/energy-saver.txt',
  `# UCF (.txt): energy settings for the whole fleet
sleepMode 10
ecoMode "Energy/Paper"
hibernateTimeout "1 day"
`,
)
writeFileSync(
  'fixtures/settings/security-baseline.zip',
  zip([
    ['settings.json', JSON.stringify({disableTelnet: true, http: 'https-only', snmp: {v1v2c: false, v3: true}}, null, 2) + '\n'],
    ['README.txt', 'Settings bundle: security baseline for current-generation printers.\n'],
  ]),
)
console.log('fixtures written')
