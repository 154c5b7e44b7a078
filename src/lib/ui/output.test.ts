import assert from 'node:assert/strict'
import {test} from 'node:test'

import {renderCsv, renderTable} from './output.js'

const rows = [{a: '127.20.0.1', reason: 'third-party printer (HP): PET cannot enroll it; the Fleet Agent can collect its data'}]
const cols = [
  {get: (r: (typeof rows)[0]) => r.a, header: 'Address'},
  {get: (r: (typeof rows)[0]) => r.reason, header: 'Reason'},
]

test('a table fits the terminal width by wrapping its widest column', () => {
  const narrow = renderTable(rows, cols, {tty: true, width: 60})
  for (const line of narrow.split('\n')) assert.ok(line.length <= 60, `${line.length}: ${line}`)
  assert.match(narrow.replace(/[│\s]+/g, ' '), /PET cannot enroll it/)
  const wide = renderTable(rows, cols, {tty: true})
  assert.equal(wide.split('\n').length, 5, 'without a terminal width nothing wraps')
})

test("on a terminal a table has cli-table3's compact look", () => {
  const t = renderTable(
    [
      {e: 'a@b.c', n: 1},
      {e: 'longer@x.yz', n: 22},
    ],
    [
      {get: (r) => r.e, header: 'Email'},
      {get: (r) => r.n, header: 'N'},
    ],
    {tty: true},
  )
  assert.equal(
    t,
    [
      '┌─────────────┬────┐',
      '│ Email       │ N  │',
      '├─────────────┼────┤',
      '│ a@b.c       │ 1  │',
      '│ longer@x.yz │ 22 │',
      '└─────────────┴────┘',
    ].join('\n'),
  )
})

test('the first column, the key, is never narrowed: an e-mail stays whole', () => {
  const email = 'firstname.lastname.department@a-long-customer-domain.example'
  const t = renderTable(
    [{e: email, r: 'x '.repeat(40)}],
    [
      {get: (r) => r.e, header: 'Email'},
      {get: (r) => r.r, header: 'Roles'},
    ],
    {tty: true, width: 80},
  )
  assert.ok(t.includes(email))
  assert.ok(!t.includes('…'))
})

test('off a terminal a table is tab-separated rows without a header or box drawing', () => {
  const t = renderTable(
    [
      {a: 'x@y.z', b: 'two\twords'},
      {a: 'p@q.r', b: ''},
    ],
    [
      {get: (r) => r.a, header: 'A'},
      {get: (r) => r.b, header: 'B'},
    ],
    {tty: false},
  )
  assert.equal(t, 'x@y.z\ttwo words\np@q.r\t')
})

test('a 10,000-row table has a line a row (the timing is in bench/table.mjs)', () => {
  const many = Array.from({length: 10_000}, (_, i) => ({e: `user${i}@bench.example`, n: `Name ${i}`}))
  const c = [
    {get: (r: (typeof many)[0]) => r.e, header: 'Email'},
    {get: (r: (typeof many)[0]) => r.n, header: 'Name'},
  ]
  const lines = renderTable(many, c, {tty: true, width: 100}).split('\n')
  assert.equal(lines.length, 10_004)
})

test('CSV neutralizes formula-like text but keeps negative numbers', () => {
  const csv = renderCsv(
    [{n: -3, s: '=HYPERLINK("x")'}],
    [
      {get: (r) => r.n, header: 'n'},
      {get: (r) => r.s, header: 's'},
    ],
  )
  assert.equal(csv, 'n,s\n-3,"\'=HYPERLINK(""x"")"\n')
})

test('terminal controls in cells (a name from the cloud) are shown escaped, on a terminal, off it and in CSV', () => {
  const evil = [{a: 'x\u001B]0;pwned\u0007', reason: 'r\u009B2J\u202E'}]
  const c = [
    {get: (r: (typeof evil)[0]) => r.a, header: 'Address'},
    {get: (r: (typeof evil)[0]) => r.reason, header: 'Reason'},
  ]
  for (const out of [renderTable(evil, c, {tty: true, width: 80}), renderTable(evil, c, {tty: false}), renderCsv(evil, c)]) {
    assert.match(out, /x\\x1b\]0;pwned\\x07/)
    assert.match(out, /r\\x9b2J\\u202e/)
    for (const ch of '\u001B\u0007\u009B\u202E') assert.ok(!out.includes(ch))
  }
})

test('a time cell reads "… ago" in a table on a terminal, ISO 8601 off a terminal and in CSV', () => {
  const now = Date.UTC(2026, 11, 1, 12, 0)
  const rows = [{at: new Date(now - 2 * 60_000)}, {at: new Date(now + 3 * 3_600_000)}]
  const cols = [{get: (r: (typeof rows)[0]) => r.at, header: 'When'}]
  const tty = renderTable(rows, cols, {now, tty: true})
  assert.match(tty, /│ 2 minutes ago │/)
  assert.match(tty, /│ in 3 hours {4}│/)
  assert.equal(renderTable(rows, cols, {now, tty: false}), '2026-12-01T11:58:00.000Z\n2026-12-01T15:00:00.000Z')
  assert.equal(renderCsv(rows, cols), 'When\n2026-12-01T11:58:00.000Z\n2026-12-01T15:00:00.000Z\n')
})
