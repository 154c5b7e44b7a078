import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {test} from 'node:test'

import {checkBundle, inspectFile, InvalidFile, kindOfFile, parseUcf} from './files.js'
import {buildFls, InvalidAppFile, parseFls} from './fls.js'

const fixture = (f: string) => readFileSync(new URL(`../../../fixtures/${f}`, import.meta.url))
const manifest = {id: 'kiosk', minMemoryMb: 512, models: ['CX735', 'CS943'], name: 'Kiosk', version: '1.2.3'}

test('an .fls file round-trips; anything else is an Invalid App File with the reason', () => {
  const buf = buildFls(manifest, Buffer.from('payload'))
  assert.deepEqual({...parseFls(buf), payloadSha256: undefined}, {...manifest, payloadBytes: 7, payloadSha256: undefined})
  const cases: Array<[Buffer, RegExp]> = [
    [Buffer.from('hello'), /no LCS-ESF-APP header/],
    [buf.subarray(0, buf.length - 2), /truncated or padded/],
    [Buffer.concat([buf.subarray(0, buf.length - 1), Buffer.from('X')]), /checksum does not match/],
    [buildFls({...manifest, version: 'one'}, Buffer.from('p')), /VERSION "one"/],
    [buildFls({...manifest, models: []}, Buffer.from('p')), /MODELS/],
    [Buffer.from(buf.toString('latin1').replace('@PJL ENTER LANGUAGE=ESFAPP', '@PJL NOPE'), 'latin1'), /header does not end/],
  ]
  for (const [b, re] of cases)
    assert.throws(
      () => parseFls(b),
      (e: InvalidAppFile) => e instanceof InvalidAppFile && /^Invalid App File: /.test(e.message) && re.test(e.reason),
    )
  assert.equal(inspectFile('cloud-authentication-5.6.31.fls', fixture('apps/cloud-authentication-5.6.31.fls')).kind, 'app')
})

test('settings files: UCF text with NAME VALUE lines, bundles are .zip archives; kinds follow the extension', () => {
  assert.equal(parseUcf(fixture('settings/front-desk.ucf')).settings, 5)
  assert.throws(() => parseUcf(Buffer.from('# only comments\n')), /no settings/)
  assert.throws(() => parseUcf(Buffer.from('sleepMode 20\nthis line is wrong\n')), /line 2 is not NAME VALUE/)
  assert.throws(() => parseUcf(Buffer.from([0x50, 0, 1])), /binary/)
  assert.equal(checkBundle(fixture('settings/security-baseline.zip')).entries, 2)
  assert.throws(() => checkBundle(Buffer.from('PK not really')), /not a \.zip/)
  assert.deepEqual(['a.fls', 'b.UCF', 'c.txt', 'd.zip', 'e.bin'].map(kindOfFile), ['app', 'ucf', 'ucf', 'bundle', undefined])
  assert.throws(
    () => inspectFile('front-desk.ucf', fixture('settings/front-desk.ucf'), 'app'),
    (e: Error) => e instanceof InvalidFile && /not an app file/.test(e.message),
  )
})
