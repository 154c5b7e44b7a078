import assert from 'node:assert/strict'
import {test} from 'node:test'

import {parseDuration} from './control.js'

test('durations for sandbox advance: 90m, 12h, 3d, 1d12h; at most 30 days', () => {
  assert.equal(parseDuration('90m'), 90 * 60_000)
  assert.equal(parseDuration('12h'), 12 * 3_600_000)
  assert.equal(parseDuration('1d12h'), 36 * 3_600_000)
  assert.equal(parseDuration('30d'), 30 * 86_400_000)
  for (const bad of ['3', '3 weeks', 'd', '0m', '1d-2h', '31d'])
    assert.throws(
      () => parseDuration(bad),
      (e: Error) => /not a duration|more than 30 days/.test(e.message),
      bad,
    )
})
