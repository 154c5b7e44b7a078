// Table rendering benchmark (run `npm run build` first): 10,000 rows drawn as a terminal table and as
// plain tab-separated rows, against the target ≤ 0.5 s. Exits 1 when the target is missed.
//   node bench/table.mjs [rows=10000]
import {performance} from 'node:perf_hooks'

import {renderTable} from '../dist/lib/ui/output.js'

const ROWS = Number(process.argv[2] ?? 10_000)
const rows = Array.from({length: ROWS}, (_, i) => ({
  dept: `Department ${i % 40}`,
  email: `user${String(i).padStart(6, '0')}@bench.example`,
  groups: `Printing; Floor ${i % 12}`,
  name: `Last${i}, First${i}`,
}))
const columns = [
  {get: (r) => r.email, header: 'Email'},
  {get: (r) => r.name, header: 'Name'},
  {get: (r) => r.dept, header: 'Department'},
  {get: (r) => r.groups, header: 'Groups'},
]
let missed = false
for (const [name, options] of [
  ['terminal, 80 columns', {tty: true, width: 80}],
  ['terminal, natural width', {tty: true}],
  ['plain rows', {tty: false}],
]) {
  const t = performance.now()
  renderTable(rows, columns, options)
  const s = (performance.now() - t) / 1000
  missed ||= s > 0.5
  console.log(`${s <= 0.5 ? 'ok  ' : 'MISS'} ${ROWS} rows, ${name}: ${s.toFixed(3)} s (target ≤ 0.5 s)`)
}
process.exitCode = missed ? 1 : 0
