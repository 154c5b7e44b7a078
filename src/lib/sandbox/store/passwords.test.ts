import assert from 'node:assert/strict'
import {randomBytes, scryptSync} from 'node:crypto'
import {test} from 'node:test'

import {hashPassword, hashPasswordAsync, verifyPassword} from './passwords.js'

test('a password hashed off the event loop verifies; another does not', async () => {
  const stored = await hashPasswordAsync('Correct horse 1')
  assert.match(stored, /^scrypt-n256:/)
  assert.ok(verifyPassword('Correct horse 1', stored))
  assert.ok(!verifyPassword('Correct horse 2', stored))
  assert.ok(verifyPassword('x', hashPassword('x')))
})

test('hashes written with the old default cost (data files of earlier versions) still verify', () => {
  const salt = randomBytes(16)
  const legacy = `scrypt:${salt.toString('hex')}:${scryptSync('old secret', salt, 32).toString('hex')}`
  assert.ok(verifyPassword('old secret', legacy))
  assert.ok(!verifyPassword('new secret', legacy))
})
