import {test} from 'node:test'
import assert from 'node:assert/strict'
import {classify, compareFirmwareLevel, ESF3_TOUCH_MODEL, NATIVE_AGENT_MIN_FIRMWARE, parseFirmwareLevel} from './classify.js'
import {identify} from './identify.js'
import type {Identity} from './types.js'

const printer = (o: Partial<Identity>): Identity => ({
  isPrinter: true,
  lexmarkBuilt: o.vendor === 'Lexmark',
  meters: [],
  supplies: [],
  detectedErrors: [],
  alerts: [],
  warnings: [],
  ...o,
})
const lexmark = (firmware: string | undefined, model = 'MS621dn', o: Partial<Identity> = {}) =>
  printer({vendor: 'Lexmark', enterprise: 641, model, firmware, serialNumber: '7529X1', ...o})

test("the Native Agent threshold is the guide's 075.272", () => {
  assert.equal(NATIVE_AGENT_MIN_FIRMWARE, '075.272')
})

test('firmware strings: family code, then the comparable major.build level', () => {
  assert.deepEqual(parseFirmwareLevel('CXTPC.081.006'), {family: 'CXTPC', major: 81, build: 6})
  assert.deepEqual(parseFirmwareLevel(' cxlbl.075.272 '), {family: 'CXLBL', major: 75, build: 272})
  for (const old of ['NS.NP.N219', 'LW62.DN4.P636', 'NH62.YS.N636', '55.10.19', '1.102', '', undefined])
    assert.equal(parseFirmwareLevel(old), undefined, old)
  assert.ok(compareFirmwareLevel({major: 81, build: 6}, {major: 75, build: 272}) > 0)
  assert.ok(compareFirmwareLevel({major: 75, build: 271}, {major: 75, build: 272}) < 0)
})

test('Native Agent from 075.272 upwards, whatever the family code', () => {
  const cases: [string, boolean][] = [
    ['CXLBL.075.271', false],
    ['CXLBL.075.272', true],
    ['CXLBL.075.273', true],
    ['MSNGM.074.999', false],
    ['MSNGM.076.000', true],
    ['CXTPC.081.006', true],
    ['CXTZJ.081.215', true],
    ['CSTGV.221.058', true],
    ['ZZZZZ.075.272', true],
    ['CSTZJ.050.044', false],
  ]
  for (const [fw, native] of cases) {
    const c = classify(lexmark(fw), {})
    assert.equal(c.agentType === 'native', native, fw)
    if (native)
      assert.deepEqual(c, {status: 'eligible', agentType: 'native', reason: `firmware ${fw} is at or above 075.272: Native Agent`})
  }
})

test('eSF 3+ touch-screen Lexmark below the threshold → Printer Agent', () => {
  for (const model of ['CS622de', 'MX511de', 'MX711dthe', 'CX410e', 'XM1145', 'XC2132', 'Lexmark MS810de']) {
    const c = classify(lexmark('CSTZJ.050.044', model), {})
    assert.deepEqual([c.status, c.agentType], ['eligible', 'printer'], model)
    assert.match(c.reason, /eSF 3\+ touch-screen model; firmware CSTZJ\.050\.044 is below 075\.272/)
  }
  for (const model of ['MS621dn', 'MS310dn', 'C792de', 'X950de', 'MC3224adwe', 'B2236dw', 'T640', '']) {
    assert.equal(ESF3_TOUCH_MODEL.test(model), false, model)
    assert.equal(classify(lexmark('LW80.PR2.P208', model), {}).agentType, 'fleet', model)
  }
})

test('an eSF version the printer reports beats the model heuristic', () => {
  assert.equal(classify(lexmark('LW41.SB4.P112', 'MX511de', {esfVersion: '2.1.4'}), {}).agentType, 'fleet')
  const c = classify(lexmark('LW41.SB4.P112', 'Mystery 9000', {esfVersion: '3.0.1'}), {})
  assert.deepEqual([c.status, c.agentType], ['eligible', 'printer'])
  assert.match(c.reason, /^eSF 3\.0\.1; firmware LW41\.SB4\.P112 is not comparable with 075\.272/)
  // The Native Agent still comes first.
  assert.equal(classify(lexmark('CXTPC.081.006', 'CX930dse', {esfVersion: '6.0'}), {}).agentType, 'native')
})

test('other Lexmark printers → Fleet Agent, unsupported, with the reason', () => {
  assert.deepEqual(classify(lexmark('NS.NP.N219', 'T640'), {}), {
    status: 'unsupported',
    agentType: 'fleet',
    reason:
      'Lexmark T640: firmware NS.NP.N219 is not comparable with 075.272 (Native Agent) and no eSF 3+ touch screen (Printer Agent): Fleet Agent only',
  })
  assert.match(classify(lexmark(undefined, 'MS321dn'), {}).reason, /firmware unknown is not comparable/)
  assert.match(classify(lexmark('MSNGM.050.000', 'MS321dn'), {}).reason, /firmware MSNGM\.050\.000 is below 075\.272/)
})

test('third-party and Lexmark-built OEM printers → Fleet Agent, unsupported', () => {
  assert.deepEqual(classify(printer({vendor: 'HP', firmware: 'CXTPC.081.006'}), {}), {
    status: 'unsupported',
    agentType: 'fleet',
    reason: 'third-party printer (HP): PET cannot enroll it; the Fleet Agent can collect its data',
  })
  assert.match(classify(printer({}), {}).reason, /^printer of unknown make/)
  const dell = classify(printer({vendor: 'Dell', lexmarkBuilt: true, firmware: 'CXTPC.081.006', model: 'S5830dn'}), {})
  assert.deepEqual([dell.status, dell.agentType], ['unsupported', 'fleet'])
  assert.match(dell.reason, /^Lexmark-built Dell printer/)
})

test('non-printers are unsupported with "not a printer"', () => {
  assert.deepEqual(classify(printer({vendor: 'Lexmark', isPrinter: false, firmware: 'CXTPC.081.006'}), {}), {
    status: 'unsupported',
    agentType: null,
    reason: 'not a printer',
  })
})

test('a serial the cloud already lists → enrolled (trimmed, case-insensitive), keeping the agent type', () => {
  const serials = new Set(['7529X1 ', 'other'])
  assert.deepEqual(classify(lexmark('CXTPC.081.006'), {enrolledSerials: serials}), {
    status: 'enrolled',
    agentType: 'native',
    reason: 'serial 7529X1 is already enrolled',
  })
  assert.equal(classify(lexmark('CXTPC.081.006', 'MS621dn', {serialNumber: '7529x1'}), {enrolledSerials: serials}).status, 'enrolled')
  assert.equal(classify(printer({vendor: 'HP', serialNumber: 'OTHER'}), {enrolledSerials: serials}).agentType, 'fleet')
  assert.equal(classify(lexmark('CXTPC.081.006', 'X', {serialNumber: 'nope'}), {enrolledSerials: serials}).status, 'eligible')
  assert.equal(classify(lexmark('CXTPC.081.006'), {enrolledSerials: new Set()}).status, 'eligible')
  assert.equal(classify(lexmark('CXTPC.081.006')).status, 'eligible')
  // The cached normalisation follows a Set that grows.
  const grow = new Set<string>(['a'])
  assert.equal(classify(lexmark('CXTPC.081.006'), {enrolledSerials: grow}).status, 'eligible')
  grow.add('7529x1')
  assert.equal(classify(lexmark('CXTPC.081.006'), {enrolledSerials: grow}).status, 'enrolled')
  // A known serial identifies a printer even when SNMP could not tell.
  assert.deepEqual(classify(printer({serialNumber: 'OTHER', isPrinter: false}), {enrolledSerials: serials}), {
    status: 'enrolled',
    agentType: null,
    reason: 'serial OTHER is already enrolled',
  })
})

test('end to end: a simulated current Lexmark MFP is Native-Agent eligible', () => {
  const id = identify(
    new Map<string, Buffer | string | number>([
      ['1.3.6.1.2.1.1.1.0', Buffer.from('Lexmark CX930dse version CXTPC.081.006 kernel 5.4.0 All-N-1')],
      ['1.3.6.1.2.1.1.2.0', '1.3.6.1.4.1.641.1.5.7.50'],
      ['1.3.6.1.2.1.25.3.2.1.2.1', '1.3.6.1.2.1.25.3.1.5'],
      ['1.3.6.1.4.1.641.6.2.3.1.4.1', Buffer.from('Lexmark CX930dse')],
      ['1.3.6.1.4.1.641.6.2.3.1.5.1', Buffer.from('7580ZZ0042')],
      ['1.3.6.1.4.1.641.6.3.3.1.7.1.1', Buffer.from('CXTPC.081.006')],
    ]),
  )
  assert.deepEqual(classify(id, {}), {
    status: 'eligible',
    agentType: 'native',
    reason: 'firmware CXTPC.081.006 is at or above 075.272: Native Agent',
  })
  assert.equal(classify(id, {enrolledSerials: new Set(['7580zz0042'])}).status, 'enrolled')
})
