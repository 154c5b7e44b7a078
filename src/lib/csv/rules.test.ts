import assert from 'node:assert/strict'
import {test} from 'node:test'

import {passwordRule} from './rules.js'

test("passwords follow the portal's rule: ≥ 8 characters with lower case, upper case, a digit and a special character", () => {
  for (const ok of ['Abcdef1!', 'Gotham#2026', 'Ünïcode9_x']) assert.equal(passwordRule(ok), undefined, ok)
  assert.match(passwordRule('abcdefg1')!, /missing an upper-case letter, a special character/)
  assert.match(passwordRule('ABCDEFG1!')!, /missing a lower-case letter\)$/)
  assert.match(passwordRule('Abcdefgh!')!, /missing a digit\)$/)
  assert.match(passwordRule('Ab1!')!, /8–128 characters/)
})
