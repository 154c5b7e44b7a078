import assert from 'node:assert/strict'
import {test} from 'node:test'

import {LcsError} from '../errors.js'
import {envelopeEnabled, errorJson, parseFields, selectFields, successJson} from './json.js'

test('--fields keeps the named keys of each item in the order given; an unknown one lists those there are', () => {
  const rows = [
    {email: 'a@x.io', groups: ['A'], id: '1'},
    {email: 'b@x.io', id: '2', pinSet: true},
  ]
  assert.deepEqual(selectFields(rows, ['id', 'email']), [
    {id: '1', email: 'a@x.io'},
    {id: '2', email: 'b@x.io'},
  ])
  assert.deepEqual(selectFields({a: 1, b: 2}, ['b']), {b: 2})
  assert.deepEqual(selectFields([], ['anything']), [])
  assert.throws(
    () => selectFields(rows, ['email', 'mail']),
    (e: LcsError) => e.kind === 'usage' && e.message === 'Unknown field for --fields: mail. Available: email, groups, id, pinSet.',
  )
  assert.deepEqual(parseFields(' email , groups,'), ['email', 'groups'])
  assert.throws(() => parseFields(','), /at least one field/)
})

test('the bare result by default; with the envelope version, status, result and warnings (times ISO, fields applied)', () => {
  const result = [{createdAt: 0, id: 't1', kind: 'enroll'}]
  assert.deepEqual(successJson(result, {envelope: false, status: 0, warnings: ['w']}), [
    {createdAt: '1970-01-01T00:00:00.000Z', id: 't1', kind: 'enroll'},
  ])
  const env = successJson(result, {envelope: true, fields: ['id'], status: 9, warnings: ['w']})
  assert.equal(JSON.stringify(env), '{"version":1,"status":9,"result":[{"id":"t1"}],"warnings":["w"]}')
})

test('errors: {...done, error} bare; in the envelope what was done is the result', () => {
  const json = {created: 2, error: {code: 'partial', message: 'm'}}
  assert.deepEqual(errorJson(json, {envelope: false, status: 9, warnings: []}), json)
  assert.equal(
    JSON.stringify(errorJson(json, {envelope: true, status: 9, warnings: ['w']})),
    '{"version":1,"status":9,"result":{"created":2},"error":{"code":"partial","message":"m"},"warnings":["w"]}',
  )
  assert.deepEqual(errorJson({error: {code: 'auth'}}, {envelope: true, status: 4, warnings: []}), {
    error: {code: 'auth'},
    status: 4,
    version: 1,
    warnings: [],
  })
})

test('LCS_JSON_ENVELOPE: 1/true on; unset, empty, 0 and false off', () => {
  assert.deepEqual(
    ['1', 'true', '', '0', 'false', undefined].map((v) => envelopeEnabled({LCS_JSON_ENVELOPE: v})),
    [true, true, false, false, false, false],
  )
})
