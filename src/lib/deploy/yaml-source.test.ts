import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'

import {tempDir} from '../../../test/helpers/cli.js'
import {LcsError} from '../errors.js'
import {readSource} from './config-file.js'
import {rolloutSchema} from './index.js'

async function refusal(content: Buffer | string): Promise<string> {
  const file = join(tempDir(), 'rollout.yaml')
  writeFileSync(file, content)
  try {
    const source = await readSource(file)
    source.checked(rolloutSchema(), rolloutSchema(), 'rollout file')
  } catch (error) {
    assert.ok(error instanceof LcsError, String(error))
    return [
      error.message,
      ...(error.details ?? []).map((d) => `${d.field?.replace(/.*rollout\.yaml/, 'rollout.yaml')}: ${d.message}`),
    ].join('\n')
  }
  return 'accepted'
}

test('Latin-1 bytes are refused at their line, column and byte offset, as the CSV reader refuses them', async () => {
  const text = await refusal(Buffer.concat([Buffer.from('version: 1\ngroups: [M'), Buffer.from([0xfc]), Buffer.from('nchen]\n')]))
  assert.match(text, /rollout\.yaml:2:11: byte 21 \(0xFC\) is not UTF-8 \(Latin-1 or Windows-1252\?\): save the file as UTF-8/)
  assert.equal(await refusal('version: 1\ngroups: [München, "\uFFFD"]\n'), 'accepted', 'UTF-8, a U+FFFD written as such included')
})

test('UTF-16 files (with a byte-order mark or without) are named as such', async () => {
  for (const content of [Buffer.from('\uFEFFversion: 1\n', 'utf16le'), Buffer.from('version: 1\n', 'utf16le')])
    assert.match(await refusal(content), /rollout\.yaml:1:1: the file is UTF-16-encoded: save it as UTF-8/)
})

test('control characters in a value are refused with their line and code point', async () => {
  assert.match(await refusal('version: 1\ngroups: ["Front\u001B[2J desk"]\n'), /rollout\.yaml:2:16: U\+001B ESCAPE: a control character/)
  assert.match(await refusal('version: 1\ngroups: [Front\u0085desk]\n'), /rollout\.yaml:2:15: U\+0085 NEXT LINE/)
})

test('more than 100 aliases are refused at the first one over, with its line; so is an alias bomb', async () => {
  const many = `version: 1\ngroups: [&g Front]\nx: [${Array.from({length: 101}, () => '*g').join(', ')}]\n`
  assert.match(await refusal(many), /rollout\.yaml:3:405: more than 100 aliases \(\*g\)/)
  const bomb = ['version: 1', 'a: &a [x, x, x, x, x, x, x, x, x, x]']
  for (let i = 0; i < 8; i++) bomb.push(`${'bcdefghij'[i]}: &${'bcdefghij'[i]} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(', ')}]`)
  assert.match(await refusal(bomb.join('\n') + '\n'), /rollout\.yaml:3:\d+: (the aliases expand too far|more than 100 aliases)/)
})
