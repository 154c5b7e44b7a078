import assert from 'node:assert/strict'
import {test} from 'node:test'

import {closest, distance, nearest} from './suggest.js'

test('distance counts insertions, deletions and substitutions, ignoring case', () => {
  assert.equal(distance('prnters', 'printers'), 1)
  assert.equal(distance('Orgs', 'orgs'), 0)
  assert.equal(distance('kitten', 'sitting'), 3)
  assert.equal(distance('', 'abc'), 3)
})

test('closest: a typo or a name cut short, never something far', () => {
  const orgs = ['Woodgrove Bank', 'Contoso Retail', 'Fabrikam Health']
  assert.equal(closest('Woodgrov', orgs), 'Woodgrove Bank')
  assert.equal(closest('Contso', orgs), 'Contoso Retail')
  assert.equal(closest('Fab', orgs), undefined)
  assert.equal(closest('contoso retial', orgs), 'Contoso Retail')
  assert.equal(closest('Northwind', orgs), undefined)
  assert.equal(closest('printers shw', ['printers show', 'printers list']), 'printers show')
  assert.equal(nearest('orgs lst', ['orgs list', 'orgs use'])?.d, 1)
})
