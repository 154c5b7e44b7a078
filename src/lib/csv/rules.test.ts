import assert from 'node:assert/strict'
import {test} from 'node:test'

import {cellRule, emailRule, passwordRule} from './rules.js'

test("passwords follow the portal's rule: ≥ 8 characters with lower case, upper case, a digit and a special character", () => {
  for (const ok of ['Abcdef1!', 'Gotham#2026', 'Ünïcode9_x']) assert.equal(passwordRule(ok), undefined, ok)
  assert.match(passwordRule('abcdefg1')!, /missing an upper-case letter, a special character/)
  assert.match(passwordRule('ABCDEFG1!')!, /missing a lower-case letter\)$/)
  assert.match(passwordRule('Abcdefgh!')!, /missing a digit\)$/)
  assert.match(passwordRule('Ab1!')!, /8–128 characters/)
})

test('e-mail addresses that pass for others are refused naming the code point; control characters in any cell too', () => {
  assert.match(emailRule('jdoe@pаypal.com')!, /^"jdoe@pаypal\.com" is refused: U\+0430 CYRILLIC SMALL LETTER A is mixed with Latin letters/)
  assert.match(emailRule('jdoe\u202E@company.com')!, /^"jdoe\\u202e@company\.com" is refused: U\+202E RIGHT-TO-LEFT OVERRIDE/)
  assert.equal(emailRule('jdoe@company.com'), undefined)
  assert.equal(cellRule('Ward\u001B[31m 3'), 'contains U+001B ESCAPE: control characters are refused')
  assert.equal(cellRule('Ward\u0085'), 'contains U+0085 NEXT LINE: control characters are refused')
  assert.equal(cellRule('Ward\u0007'), 'contains U+0007 BELL: control characters are refused')
})
