import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {test} from 'node:test'

test('the README command reference matches the commands (npm run readme)', () => {
  const r = spawnSync(process.execPath, ['scripts/readme.mjs', '--check'], {encoding: 'utf8'})
  assert.equal(r.status, 0, r.stderr)
})
