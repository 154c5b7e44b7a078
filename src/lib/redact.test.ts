import assert from 'node:assert/strict'
import {test} from 'node:test'

import {redact, redactUrl, redactValue, registerSecret} from './redact.js'

test('registered values are masked anywhere in a string; short values are not registered', () => {
  registerSecret('hunter2-long')
  registerSecret('abc')
  assert.equal(redact('password is hunter2-long!'), 'password is [REDACTED]!')
  assert.equal(redact('abc stays'), 'abc stays')
})

test('secret-named keys are masked at any depth, other keys kept', () => {
  const v = redactValue({
    client_id: 'id',
    client_secret: 'x',
    nested: {Authorization: 'Bearer y', list: [{pin: '1234', badge: 'b1'}]},
    refresh_token: 'z',
  })
  assert.deepEqual(v, {
    client_id: 'id',
    client_secret: '[REDACTED]',
    nested: {Authorization: '[REDACTED]', list: [{badge: 'b1', pin: '[REDACTED]'}]},
    refresh_token: '[REDACTED]',
  })
})

test('URLs lose userinfo passwords and secret query parameters', () => {
  assert.equal(redactUrl('https://u:pw@h/x?token=abc&page=1'), 'https://u:REDACTED@h/x?token=REDACTED&page=1')
})
