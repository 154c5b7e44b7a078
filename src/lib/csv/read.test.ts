import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'

import {tempDir} from '../../../test/helpers/cli.js'
import {readCsv, type CsvRecord} from './read.js'

async function read(content: string | Buffer) {
  const file = join(tempDir(), 'f.csv')
  writeFileSync(file, content)
  const records: CsvRecord[] = []
  const summary = await readCsv(file, (r) => {
    records.push(r)
  })
  return {records, summary}
}

test('records carry the physical line they start on: CRLF inside quotes, blank lines, mixed line ends, a BOM', async () => {
  const {records, summary} = await read('\uFEFFA,B\r\n1,2\r\n\r\n"x\r\ny",3\n\n4,"p,q"\r\n,\n5,6')
  assert.deepEqual(records, [
    {cells: ['A', 'B'], line: 1},
    {cells: ['1', '2'], line: 2},
    {cells: ['x\r\ny', '3'], line: 4},
    {cells: ['4', 'p,q'], line: 7},
    {cells: ['5', '6'], line: 9},
  ])
  assert.deepEqual(summary.faults, [])
  assert.match(summary.sha256, /^[0-9a-f]{64}$/)
})

test('an unbalanced quote is reported at the line where the quoted value opens', async () => {
  const {records, summary} = await read('A,B\n1,2\n"3,4\n5,6\n')
  assert.equal(records.length, 2)
  assert.deepEqual(summary.faults, [{column: 1, line: 3, rule: 'a quoted value is never closed (unbalanced quotes)'}])
})

test('every structural fault is reported with its line and column; reading goes on at the next line', async () => {
  const {records, summary} = await read('A,B\r\n1,"2"x\r\nok,1\r\n"q\r\nw",2\r\nbad,a"b\r\n"p""q",3\n\nlast,"4\r\n"\n')
  assert.deepEqual(
    summary.faults.map((f) => `${f.line}:${f.column} ${f.rule.split(':')[0]}`),
    ['2:2 text follows a closing quote', '6:2 a quote inside an unquoted value'],
  )
  assert.deepEqual(records, [
    {cells: ['A', 'B'], line: 1},
    {cells: ['ok', '1'], line: 3},
    {cells: ['q\r\nw', '2'], line: 4},
    {cells: ['p"q', '3'], line: 7},
    {cells: ['last', '4\r\n'], line: 9},
  ])
})

test('a row over 64 KB is a fault; the rows after it are read', async () => {
  const {records, summary} = await read(`A,B\n1,"${'x'.repeat(70_000)}\n2,3\n`)
  assert.deepEqual(
    summary.faults.map((f) => [f.line, f.rule]),
    [[2, 'a row longer than 64 KB: an unbalanced quote, or not a CSV file']],
  )
  assert.deepEqual(records.at(-1), {cells: ['2', '3'], line: 3})
})

test('UTF-16 files are named as such, with or without a byte-order mark', async () => {
  for (const content of [
    Buffer.from('\uFEFFA,B\n1,2\n', 'utf16le'),
    Buffer.from('A,B\n1,2\n', 'utf16le'),
    Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('A,B\n', 'utf16le').swap16()]),
  ]) {
    const {records, summary} = await read(content)
    assert.equal(records.length, 0)
    assert.deepEqual(summary.faults, [{column: 1, line: 1, rule: 'the file is UTF-16-encoded: save it as UTF-8'}])
  }
})

test('Latin-1 bytes survive as U+FFFD for the cell rules to name', async () => {
  const {records} = await read(Buffer.concat([Buffer.from('A,B\n'), Buffer.from([0x4d, 0xfc, 0x6c]), Buffer.from(',2\n')]))
  assert.equal(records[1].cells[0], 'M\uFFFDl')
})

test('CR-only line endings are named at line 1, not reported as control characters', async () => {
  const [fault] = (await read('EMAIL,FIRST NAME\rjo@example.com,Jo\rkim@example.com,Kim\r')).summary.faults
  assert.equal(fault?.line, 1)
  assert.equal(fault?.column, 17)
  assert.match(fault!.rule, /CR only/)
})

test('a device, FIFO or directory is refused at once with its own message (/dev/zero never ends)', async () => {
  await assert.rejects(
    readCsv('/dev/zero', () => {}),
    /\/dev\/zero is not a regular file/,
  )
  await assert.rejects(
    readCsv(tempDir(), () => {}),
    /is not a regular file/,
  )
})
