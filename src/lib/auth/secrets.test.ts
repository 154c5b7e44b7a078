import assert from 'node:assert/strict'
import {statSync} from 'node:fs'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'node:test'

import {deleteSecrets, loadSecrets, saveSecrets} from './secrets.js'

test('without a keychain, secrets go to a 0600 file with a warning, and are removed on delete', async () => {
  const env = {LCS_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'lcs-sec-')), LCS_NO_KEYCHAIN: '1'}
  const saved = await saveSecrets('p1', {clientSecret: 'cs-123456'}, {env})
  assert.equal(saved.store, 'file')
  assert.match(saved.warning ?? '', /plain text/)
  assert.equal(statSync(join(env.LCS_CONFIG_DIR, 'credentials.json')).mode & 0o777, 0o600)
  await saveSecrets('p2', {refreshToken: 'rt-123456'}, {env})
  assert.deepEqual(await loadSecrets('p1', 'file', env), {clientSecret: 'cs-123456'})
  assert.equal(await deleteSecrets('p1', env), true)
  assert.equal(await loadSecrets('p1', 'file', env), undefined)
  assert.deepEqual(await loadSecrets('p2', 'file', env), {refreshToken: 'rt-123456'})
})

test('--insecure-storage writes the file without trying the keychain and without a warning', async () => {
  const env = {LCS_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'lcs-sec-'))}
  const saved = await saveSecrets('p', {clientSecret: 'x-123456'}, {env, insecure: true})
  assert.deepEqual(saved, {store: 'file', warning: undefined})
})

test('the keychain path is bounded in time even when no keychain works', async () => {
  const env = {LCS_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'lcs-sec-'))}
  const t = Date.now()
  const saved = await saveSecrets('p', {clientSecret: 'y-123456'}, {env})
  assert.ok(Date.now() - t < 8000)
  assert.ok(['keychain', 'keyutils', 'file'].includes(saved.store))
  await deleteSecrets('p', env)
})
