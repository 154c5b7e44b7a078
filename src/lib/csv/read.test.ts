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
  assert.equal(summary.fault, undefined)
  assert.match(summary.sha256, /^[0-9a-f]{64}$/)
})

test('an unbalanced quote stops the read at the line where the quoted value opens', async () => {
  const {records, summary} = await read('A,B\n1,2\n"3,4\n5,6\n')
  assert.equal(records.length, 2)
  assert.deepEqual(summary.fault, {column: 1, line: 3, rule: 'a quoted value is never closed (unbalanced quotes)'})
})

test('text after a closing quote is a fault naming line and column', async () => {
  const {summary} = await read('A,B\n1,"2"x\n')
  assert.equal(summary.fault?.line, 2)
  assert.equal(summary.fault?.column, 2)
  assert.match(summary.fault!.rule, /closing quote/)
})

test('UTF-16 files are named as such, with or without a byte-order mark', async () => {
  for (const content of [
    Buffer.from('\uFEFFA,B\n1,2\n', 'utf16le'),
    Buffer.from('A,B\n1,2\n', 'utf16le'),
    Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('A,B\n', 'utf16le').swap16()]),
  ]) {
    const {records, summary} = await read(content)
    assert.equal(records.length, 0)
    assert.deepEqual(summary.fault, {column: 1, line: 1, rule: 'the file is UTF-16-encoded: save it as UTF-8'})
  }
})

test('Latin-1 bytes survive as U+FFFD for the cell rules to name', async () => {
  const {records} = await read(Buffer.concat([Buffer.from('A,B\n'), Buffer.from([0x4d, 0xfc, 0x6c]), Buffer.from(',2\n')]))
  assert.equal(records[1].cells[0], 'M\uFFFDl')
})

test('CR-only line endings are named at line 1, not reported as control characters', async () => {
  const {fault} = (await read('EMAIL,FIRST NAME\rjo@example.com,Jo\rkim@example.com,Kim\r')).summary
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
