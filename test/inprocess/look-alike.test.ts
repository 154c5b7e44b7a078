// Look-alike e-mail addresses are refused by users create and update before any request, naming the
// code point (the same rule as the CSV files, rollout files and the sandbox).
import assert from 'node:assert/strict'
import {test} from 'node:test'

import UsersCreate from '../../src/commands/users/create.js'
import UsersUpdate from '../../src/commands/users/update.js'
import {isolatedEnv} from '../helpers/cli.js'
import {runInProcess} from '../helpers/inprocess.js'

// no cloud at this address: the refusal must come before any request
const env = isolatedEnv({LCS_API_URL: 'http://127.0.0.1:9', LCS_TOKEN: 'tok'})

test('users create and update refuse a look-alike address (exit 2) naming the code point', async () => {
  const cases: Array<[string, RegExp]> = [
    ['jdoe@pаypal.com', /U\+0430 CYRILLIC SMALL LETTER A is mixed with Latin letters/],
    ['jdoe\u200B@company.com', /U\+200B ZERO WIDTH SPACE/],
    ['jdoe\u202E@company.com', /"jdoe\\u202e@company\.com" is refused: U\+202E RIGHT-TO-LEFT OVERRIDE/],
  ]
  for (const [address, re] of cases) {
    const created = await runInProcess(UsersCreate, [address, '--first-name', 'J', '--last-name', 'D'], {env})
    assert.equal(created.code, 2, created.stderr)
    assert.match(created.stderr, re)
    const updated = await runInProcess(UsersUpdate, [address, '--first-name', 'J'], {env})
    assert.equal(updated.code, 2, updated.stderr)
    assert.match(updated.stderr, re)
    assert.ok(!created.stderr.includes('\u202E'))
  }
})
