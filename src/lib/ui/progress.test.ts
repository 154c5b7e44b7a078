import assert from 'node:assert/strict'
import {setTimeout as sleep} from 'node:timers/promises'
import {test} from 'node:test'

import {Progress} from './progress.js'

test('the progress line ticks on its own timer while nothing changes, and clears when done', async () => {
  let out = ''
  const p = new Progress('Deploying', {isTTY: true, write: (s: string) => (out += s)}, {})
  p.update('0/3 done', 0, 3)
  await sleep(700)
  p.done()
  const draws = out.split('\r\u001B[2K').filter(Boolean)
  assert.ok(draws.length >= 3, `${draws.length} draws from one update: ${JSON.stringify(out)}`)
  assert.match(draws[0], /^⠋ Deploying: 0\/3 done · 0\.0 s$/)
  assert.ok(out.endsWith('\r\u001B[2K'), 'the line is cleared')
  const after = out.length
  await sleep(300)
  assert.equal(out.length, after, 'no tick after done()')
})

test('never drawn off a terminal or under CI', async () => {
  let out = ''
  for (const [isTTY, env] of [
    [false, {}],
    [true, {CI: '1'}],
  ] as const) {
    const p = new Progress('Importing', {isTTY, write: (s: string) => (out += s)}, env)
    p.update('rows', 1, 2)
    await sleep(300)
    p.done()
  }
  assert.equal(out, '')
})
