// Start-up cost: `lcs --version` against `node -e 0`, run alternately (so machine load hits both
// alike), N times each. Prints both medians and their ratio; exits 1 if the ratio exceeds the target.
//   node bench/startup.mjs [runs=21] [target=3]
import {spawnSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'

const runs = Number(process.argv[2] ?? 21)
const target = Number(process.argv[3] ?? 3)
const bin = fileURLToPath(new URL('../bin/run.js', import.meta.url))

function time(args) {
  const t = process.hrtime.bigint()
  const r = spawnSync(process.execPath, args, {encoding: 'utf8'})
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`)
  return Number(process.hrtime.bigint() - t) / 1e6
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const lcs = []
const bare = []
time([bin, '--version']) // warm the file cache
for (let i = 0; i < runs; i++) {
  bare.push(time(['-e', '0']))
  lcs.push(time([bin, '--version']))
}
const ratio = median(lcs) / median(bare)
console.log(`node -e 0        median ${median(bare).toFixed(1)} ms`)
console.log(`lcs --version    median ${median(lcs).toFixed(1)} ms`)
console.log(`ratio ${ratio.toFixed(2)} (target ≤ ${target}) over ${runs} runs each`)
process.exit(ratio <= target ? 0 : 1)
