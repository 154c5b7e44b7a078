import assert from 'node:assert/strict'
import {test} from 'node:test'

import type {CatalogApp} from '../cloud/index.js'
import {diffConfig, normalizeConfig, specFromFlags, toInput, type ResourceIndex} from './configs.js'
import {splitSerials} from './selection.js'

const catalog = [
  {category: 'x', id: 'cloud-print-management', minMemoryMb: 1024, models: [], name: 'Cloud Print Management', version: '3.4.12'},
] as CatalogApp[]
const index: ResourceIndex = new Map([
  ['cs730 special', {id: 'r1', models: ['CS730de'], name: 'CS730 special', type: 'firmware'}],
  ['cs730 latest', {id: 'r2', models: ['CS730de'], name: 'CS730 latest', type: 'firmware'}],
  ['kiosk', {id: 'r3', name: 'Kiosk', type: 'app'}],
  ['cloud print management', {id: 'r4', name: 'Cloud Print Management', type: 'app'}],
  ['front desk', {id: 'r5', name: 'Front desk', type: 'ucf'}],
])

test('configurations resolve names in order and refuse what cannot work, each with its place', () => {
  const ok = normalizeConfig(
    {
      apps: [{catalog: 'cloud print management'}, 'kiosk', {resource: 'Cloud Print Management'}],
      firmware: ['CS730 special'],
      name: 'Std',
      settings: ['front desk'],
    },
    index,
    catalog,
  )
  assert.deepEqual(ok.problems, [])
  assert.deepEqual(ok.config.apps, [
    {ref: 'cloud-print-management', source: 'catalog'},
    {ref: 'Kiosk', source: 'library'},
    {ref: 'Cloud Print Management', source: 'library'},
  ])
  assert.deepEqual(
    toInput(ok.config, (n) => index.get(n.toLowerCase())!.id!),
    {
      apps: [
        {id: 'cloud-print-management', source: 'catalog'},
        {id: 'r3', source: 'library'},
        {id: 'r4', source: 'library'},
      ],
      description: null,
      firmware: ['r1'],
      name: 'Std',
      recommendedFirmware: false,
      settings: ['r5'],
    },
  )
  const bad = normalizeConfig(
    {
      apps: ['Cloud Print Management', 'Nope', 'Front desk'],
      firmware: ['CS730 special', 'CS730 latest', 'Kiosk'],
      name: 'Bad',
      settings: ['Kiosk', 'Missing'],
    },
    index,
    catalog,
  )
  assert.deepEqual(
    bad.problems.map((p) => `${p.path.join('.')}: ${p.message.split(':')[0]}`),
    [
      'firmware.1: two firmware resources for one model',
      'firmware.2: "Kiosk" is an app resource, not firmware',
      'apps.0: "Cloud Print Management" is both a catalog app and a library resource',
      'apps.1: unknown app "Nope"',
      'apps.2: "Front desk" is a UCF resource, not an app',
      'settings.0: "Kiosk" is an app resource, not a settings file (UCF or bundle)',
      'settings.1: unknown resource "Missing"',
    ],
  )
})

test('what changed between the cloud and the file; flags keep what they do not mention; serial lists', () => {
  const base = {
    apps: [{ref: 'cloud-print-management', source: 'catalog' as const}],
    description: 'a',
    firmware: [],
    name: 'Std',
    recommendedFirmware: true,
    settings: ['Front desk'],
  }
  assert.deepEqual(diffConfig(base, {...base}), [])
  assert.deepEqual(diffConfig(base, {...base, apps: [], description: 'b', settings: ['front desk']}), ['description', 'apps'])
  const cloud = {
    apps: [{id: 'cloud-print-management', name: 'Cloud Print Management', source: 'catalog', version: '3.4.12'}],
    description: 'a',
    firmware: [],
    recommendedFirmware: true,
    settings: [{name: 'Front desk', resourceId: 'r5', type: 'ucf'}],
  }
  assert.deepEqual(specFromFlags('Std', {description: 'b'}, cloud as never), {
    apps: ['catalog:cloud-print-management'],
    default: undefined,
    description: 'b',
    firmware: [],
    name: 'Std',
    recommendedFirmware: true,
    settings: ['Front desk'],
  })
  assert.deepEqual(splitSerials(['A1234,b5678', 'a1234  C9999']), ['A1234', 'b5678', 'C9999'])
})
