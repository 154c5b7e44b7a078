import assert from 'node:assert/strict'
import {test} from 'node:test'

import {normalizeApiUrl, regionEndpoints} from './region.js'

test('regions map to the identity and services hosts', () => {
  assert.deepEqual(regionEndpoints('eu'), {apis: 'https://apis.eu.iss.lexmark.com', idp: 'https://idp.eu.iss.lexmark.com'})
  assert.throws(() => regionEndpoints('mars'), /Unknown region "mars": use one of us, eu/)
})

test('API URLs are validated and normalized', () => {
  assert.equal(normalizeApiUrl('http://127.0.0.1:8642/'), 'http://127.0.0.1:8642')
  assert.throws(() => normalizeApiUrl('ftp://h'), /scheme must be http or https/)
  assert.throws(() => normalizeApiUrl('127.0.0.1:8642'), /Malformed/)
  assert.throws(() => normalizeApiUrl('not a url'), /Malformed --api-url/)
  assert.throws(() => normalizeApiUrl('https://user:pw@h'), /must not carry credentials/)
})
