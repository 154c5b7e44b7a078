import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'

import {tempDir} from '../../../../test/helpers/cli.js'
import {LcsError} from '../../errors.js'
import {runImport} from '../engine.js'
import {DEFAULT_PIN_POLICY} from '../rules.js'
import {badgeFormat} from './badges.js'

test('badge IDs that differ only in letter case are one badge: the second is a duplicate of the first', async () => {
  const file = join(tempDir(), 'badges.csv')
  writeFileSync(
    file,
    'BADGE,OPERATION,EMAIL,TEMPORARY,PIN\n20171a,CREATE,jo@example.com,,\n20171A,CREATE,kim@example.com,,\nb-1,CREATE,kim@example.com,,\n',
  )
  const error = await runImport({
    file,
    format: badgeFormat({policy: DEFAULT_PIN_POLICY}),
    orgId: 'org-1',
    send: () => assert.fail('nothing is sent'),
    validateOnly: true,
  }).catch((e: unknown) => e)
  assert.ok(error instanceof LcsError, String(error))
  assert.deepEqual(
    error.details?.map((d) => `${d.line}:${d.column} ${d.rule}`),
    ['3:1 badge 20171A is already on line 2: a file names it once'],
  )
})
