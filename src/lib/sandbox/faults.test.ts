import assert from 'node:assert/strict'
import {test} from 'node:test'

import {decideFault, parseFaults, seededRandom} from './faults.js'

test('parses a full fault spec', () => {
  assert.deepEqual(parseFaults('error=0.3,429=0.2,drop=0.05,latency=50-200,retry-after=0'), {
    drop: 0.05,
    error: 0.3,
    latencyMaxMs: 200,
    latencyMinMs: 50,
    rateLimit: 0.2,
    retryAfterSeconds: 0,
  })
})

test('rejects bad specs with the entry and the rule', () => {
  assert.throws(() => parseFaults('error=1.5'), /"error=1.5": a probability between 0 and 1/)
  assert.throws(() => parseFaults('boom=0.1'), /unknown key/)
  assert.throws(() => parseFaults('latency=200-50'), /range end/)
  assert.throws(() => parseFaults('error'), /key=value/)
  assert.throws(() => parseFaults('error=0.6,429=0.4'), /below 0.95/)
})

test('the same seed gives the same fault sequence; rates are roughly honoured', () => {
  const spec = parseFaults('error=0.3,429=0.2')
  const run = (seed: number) => {
    const rng = seededRandom(seed)
    return Array.from({length: 2000}, () => decideFault(spec, rng).kind)
  }
  assert.deepEqual(run(42), run(42))
  assert.notDeepEqual(run(42), run(43))
  const kinds = run(1)
  const share = (k: string) => kinds.filter((x) => x === k).length / kinds.length
  assert.ok(Math.abs(share('error') - 0.3) < 0.04)
  assert.ok(Math.abs(share('429') - 0.2) < 0.04)
})
