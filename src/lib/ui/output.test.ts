import assert from 'node:assert/strict'
import {test} from 'node:test'

import {renderCsv, renderTable} from './output.js'

const rows = [{a: '127.20.0.1', reason: 'third-party printer (HP): PET cannot enroll it; the Fleet Agent can collect its data'}]
const cols = [{get: (r: (typeof rows)[0]) => r.a, header: 'Address'}, {get: (r: (typeof rows)[0]) => r.reason, header: 'Reason'}]

test('a table fits the terminal width by wrapping its widest column', () => {
  const narrow = renderTable(rows, cols, 60)
  for (const line of narrow.split('\n')) assert.ok(line.length <= 60, `${line.length}: ${line}`)
  assert.match(narrow.replace(/[│\s]+/g, ' '), /PET cannot enroll it/)
  const piped = renderTable(rows, cols, undefined)
  assert.equal(piped.split('\n').length, 5, 'without a terminal width nothing wraps')
})

test('CSV neutralizes formula-like text but keeps negative numbers', () => {
  const csv = renderCsv([{n: -3, s: '=HYPERLINK("x")'}], [{get: (r) => r.n, header: 'n'}, {get: (r) => r.s, header: 's'}])
  assert.equal(csv, 'n,s\n-3,"\'=HYPERLINK(""x"")"\n')
})
