// The sysDescr grammars on banners written for this test (the Recog corpus is scored in sysdescr.recordings.test.ts).
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {sysDescrGrammar} from './sysdescr.js'

test('per-vendor grammars: vendor, family, product, version', () => {
  const cases: [string, Record<string, string>][] = [
    ['Lexmark MS621 version MXTGM.081.215 kernel 4.11.12 All-N-1', {vendor: 'Lexmark', product: 'MS621', version: 'MXTGM.081.215'}],
    ['Dell 3330dn Laser Printer version NR.APS.N500 kernel 2.6.18.5 All-N-1', {vendor: 'Dell', product: '3330dn'}],
    [
      'RICOH Aficio MP C5000 2.10 / RICOH Network Printer C model',
      {vendor: 'Ricoh', family: 'Aficio', product: 'MP C5000', model: 'Aficio MP C5000', version: '2.10'},
    ],
    ['LANIER MP 4000 1.03 / LANIER Network Printer C model', {vendor: 'Lanier', product: 'MP 4000', version: '1.03'}],
    [
      'HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153,EEPROM JSI23900012,CIDATE 11/25/2019',
      {vendor: 'HP', product: 'JD153', version: 'none'},
    ],
    ['HP ETHERNET MULTI-ENVIRONMENT,SN:XXXX,FN:1,SVCID:1,PID:HP LaserJet M402dn', {vendor: 'HP', family: 'LaserJet', product: 'M402dn'}],
    ['Brother NC-9100h, Firmware Ver.2.04  (15.03.01),MID 8CE-F12', {vendor: 'Brother', product: 'NC-9100h', version: '2.04'}],
    ['Xerox Phaser 7400DN;PS 5.1.0,Net 24.1.2,Eng 3.0.1,OS 6.01', {vendor: 'Xerox', product: 'Phaser 7400DN', version: '6.01'}],
    ['XEROX WIDE FORMAT 6279 PRINTER; ACCXES 16.1 100, IOT 01.02.00', {vendor: 'Xerox', product: 'WIDE FORMAT 6279', version: '16.1'}],
    ['Canon LASER SHOT LBP-3300 /P EEPROM 1000', {vendor: 'Canon', family: 'LASER SHOT', product: 'LBP-3300'}],
    ['EPSON AL-M300; Net 99.10,ESS 201501010000,IOT 03.00.01', {vendor: 'Epson', product: 'AL-M300', version: '03.00.01'}],
    ['Dell Color Laser 3110cn; Net 9.10, Controller 200601011200, Engine 01.00.00', {vendor: 'Dell', product: '3110cn', version: '9.10'}],
    [
      'Samsung ML-2850; V1.00.01 01-01-2009;Engine 1.00;NIC V4.01;S/N Z123',
      {vendor: 'Samsung', product: 'ML-2850', version: 'V1.00.01', serial: 'Z123'},
    ],
    ['Lantronix LPS1-T Version B1.2/3(990101)', {vendor: 'Lantronix', product: 'LPS1-T', version: '1.2'}],
    ['AXIS 5600 Network Print Server V7.10 Jan 1 2004', {vendor: 'Axis', product: '5600 Network Print Server', version: '7.10'}],
    [
      'OKI OkiLAN 8100e Rev.02.01 10/100BASE Ethernet PrintServer: Attached to C5300 Rev.1.0',
      {vendor: 'OKI', product: 'OkiLAN 8100e', version: '02.01'},
    ],
    ['KONICA MINOLTA bizhub C360', {vendor: 'Konica Minolta', family: 'bizhub', product: 'C360'}],
    ['SHARP MX-2610N', {vendor: 'Sharp', product: 'MX-2610N'}],
    ['TOSHIBA e-STUDIO2505AC', {vendor: 'Toshiba', product: 'e-STUDIO2505AC'}],
  ]
  for (const [d, want] of cases) {
    const got = sysDescrGrammar(d)
    for (const [k, v] of Object.entries(want)) assert.equal(got[k as keyof typeof got], v, `${d}: ${k}`)
  }
})

test('nothing to read → nothing invented; placeholders are dropped', () => {
  assert.deepEqual(sysDescrGrammar(undefined), {})
  assert.deepEqual(sysDescrGrammar('   '), {})
  assert.deepEqual(sysDescrGrammar('Linux host 5.10.0 #1 SMP x86_64'), {})
  assert.equal(sysDescrGrammar('Xerox ColorQube 8900; System Software 000.000.000.00000, ESS').version, undefined)
  assert.equal(sysDescrGrammar('Samsung CLX-9201 Series; ; S/N XXXXXXXX').serial, undefined)
  assert.ok(sysDescrGrammar('x'.repeat(70000)))
})
