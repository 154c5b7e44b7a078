import assert from 'node:assert/strict'
import {test} from 'node:test'

import {rolloutSchema} from './config-file.js'
import {didYouMean, formatPath, validate} from './schema.js'
import {YamlSource} from './yaml-source.js'

const problems = (text: string) => {
  try {
    new YamlSource('r.yaml', text).checked(rolloutSchema())
    return []
  } catch (error) {
    return ((error as {details?: Array<{field: string; message: string}>}).details ?? []).map((d) => `${d.field} ${d.message}`)
  }
}

test('the validator: types, enums, unknown keys with suggestions, alternatives, if/then, refs', () => {
  const schema = {
    $defs: {n: {minimum: 1, type: 'integer'}},
    additionalProperties: false,
    properties: {count: {$ref: '#/$defs/n'}, kind: {enum: ['app', 'ucf']}, name: {type: 'string'}},
    required: ['name'],
    type: 'object',
  }
  assert.deepEqual(
    validate(schema, {count: 0, kind: 'aap', nmae: 'x'}).map((e) => `${formatPath(e.path)}: ${e.message}`),
    [
      '(top level): missing required key "name"',
      'count: must be at least 1',
      'kind: must be one of "app", "ucf", not "aap" (did you mean "app"?)',
      'nmae: unknown key "nmae" (did you mean "name"?)',
    ],
  )
  assert.deepEqual(
    validate({type: 'string'}, 1234).map((e) => e.message),
    ['must be text, not a whole number (quote it: "1234")'],
  )
  // a secret's value is never repeated
  assert.deepEqual(
    validate({type: 'string', 'x-secret': true}, 1234).map((e) => e.message),
    ['must be text, not a whole number (quote it)'],
  )
  assert.deepEqual(
    validate({pattern: '^\\d+$', type: 'string', 'x-secret': true}, 'x1234').map((e) => e.message),
    ['does not match the expected form ^\\d+$'],
  )
  assert.equal(didYouMean('wiat', ['name', 'wait']), 'wait')
  assert.equal(didYouMean('zzz', ['name', 'wait']), undefined)
})

test('rollout files: every problem named with its line and column', () => {
  const out = problems(`version: 1
resources:
  - name: Auth
    type: app
    file: a.fls
    build: CSTAT.076.308
  - name: FW
    type: firmware
configurations:
  - name: Std
    recommendedFirmware: yes please
    apps:
      - resorce: Auth
    settings: [12345]
deployments:
  - configuration: Std
    targets: {}
`)
  assert.deepEqual(out, [
    'r.yaml:6:12 resources[0].build: only firmware resources take a build',
    'r.yaml:7:5 resources[1]: needs one of: build, url',
    'r.yaml:11:26 configurations[0].recommendedFirmware: must be true or false, not text',
    'r.yaml:13:9 configurations[0].apps[0].resorce: unknown key "resorce" (did you mean "resource"?)',
    'r.yaml:14:16 configurations[0].settings[0]: must be text, not a whole number (quote it: "12345")',
    'r.yaml:17:14 deployments[0].targets: needs one of: serials, tags, all',
  ])
  assert.deepEqual(problems('version: 1\nversion: 2\n'), ['r.yaml:2:1 Map keys must be unique'])
  assert.deepEqual(problems('verison: 1\n'), [
    'r.yaml:1:1 (top level): missing required key "version"',
    'r.yaml:1:1 verison: unknown key "verison" (did you mean "version"?)',
  ])
})
