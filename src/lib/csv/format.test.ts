import assert from 'node:assert/strict'
import {test} from 'node:test'

import {namedHeader} from './format.js'

test('a header name with white space around it is refused at its column, naming the rule', () => {
  const h = namedHeader(['BADGE', 'OPERATION', 'EMAIL'], ['BADGE ', 'OPERATION', ' EMAIL'])
  assert.deepEqual(
    h.errors.map((e) => [e.column, e.rule]),
    [
      [1, '"BADGE " has white space around the name: header names are matched exactly, write BADGE'],
      [3, '" EMAIL" has white space around the name: header names are matched exactly, write EMAIL'],
    ],
  )
  assert.deepEqual(namedHeader(['BADGE', 'OPERATION'], ['OPERATION', 'BADGE']).errors, [])
})
