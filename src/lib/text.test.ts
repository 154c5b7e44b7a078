import assert from 'node:assert/strict'
import {test} from 'node:test'

import {codePointName, escapeControls, lookAlike} from './text.js'

test('look-alike addresses are named by their code point: Cyrillic among Latin, zero-width, full-width, bidi overrides', () => {
  const cases: Array<[string, RegExp]> = [
    ['jdoe@pаypal.com', /^U\+0430 CYRILLIC SMALL LETTER A is mixed with Latin letters/],
    ['јdoe@company.com', /^U\+0458 CYRILLIC SMALL LETTER JE/],
    ['jdoe\u200B@company.com', /^U\+200B ZERO WIDTH SPACE, an invisible or control character/],
    ['ｊdoe@company.com', /^U\+FF4A FULLWIDTH "j", a full-width form/],
    ['jdoe\u202Emoc.ynapmoc@x.com', /^U\+202E RIGHT-TO-LEFT OVERRIDE/],
    ['jdοe@company.com', /^U\+03BF GREEK SMALL LETTER OMICRON/],
    ['jdoe\u001B[2J@company.com', /^U\+001B ESCAPE/],
  ]
  for (const [address, re] of cases) assert.match(lookAlike(address) ?? '', re, address)
  for (const ok of ['jdoe@company.com', 'josé.müller@company.com', 'иван@company.рф']) assert.equal(lookAlike(ok), undefined, ok)
})

test('terminal controls are written visibly: ESC, BEL, NUL, C1, bidi; tab and line ends stay', () => {
  assert.equal(escapeControls('a\u001B]0;pwned\u0007b\u0000c\u009Bd\u202Ee\tf\ng'), 'a\\x1b]0;pwned\\x07b\\x00c\\x9bd\\u202ee\tf\ng')
  assert.equal(codePointName('\u0085'), 'U+0085 NEXT LINE')
  assert.equal(codePointName('\u0091'), 'U+0091 (a C1 control character)')
})
