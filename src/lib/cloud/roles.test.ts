import assert from 'node:assert/strict'
import {test} from 'node:test'

import {LcsError} from '../errors.js'
import {canonicalRole, checkRoles, nearestRole, ROLE_CATALOG} from './roles.js'

test("the catalog has the guide's roles in the four areas, each once", () => {
  assert.equal(new Set(ROLE_CATALOG.map((r) => r.name)).size, ROLE_CATALOG.length)
  assert.deepEqual(
    [...new Set(ROLE_CATALOG.map((r) => r.category))],
    ['account management', 'fleet management', 'print management', 'partner'],
  )
  for (const n of [
    'Organization Administrator',
    'User Administrator',
    'Fleet Management Administrator',
    'File Service Administrator',
    'Fleet Management Reporting Analyst',
    'Print Release Management User',
    'Print Release Management Administrator',
    'Print Release Management Reporting Analyst',
    'Hybrid Print Management User',
    'Hybrid Print Management Administrator',
    'Partner Administrator',
  ])
    assert.ok(canonicalRole(n) === n, n)
})

test('role names are matched in any case and spacing; unknown ones get the nearest name', () => {
  assert.equal(canonicalRole('  file service   ADMINISTRATOR '), 'File Service Administrator')
  assert.equal(canonicalRole('File Admin'), undefined)
  assert.equal(nearestRole('Fleet Admin'), 'Fleet Management Administrator')
  assert.equal(nearestRole('file servce administrator'), 'File Service Administrator')
  assert.equal(nearestRole('partner'), 'Partner Administrator')
  assert.equal(nearestRole('print release user'), 'Print Release Management User')
  assert.throws(
    () => checkRoles(['User Administrator', 'Org Admin']),
    (e: LcsError) => e.kind === 'usage' && /Unknown role "Org Admin"\. Did you mean "Organization Administrator"\?/.test(e.message),
  )
})
