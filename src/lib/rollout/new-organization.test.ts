import assert from 'node:assert/strict'
import {test} from 'node:test'

import type {CloudClient} from '../cloud/index.js'
import {LcsError} from '../errors.js'
import {answerForNewOrganization, setParent} from './new-organization.js'
import type {RolloutContext} from './types.js'

const contextWith = (client: Partial<CloudClient>) => {
  const ctx = {client, facts: new Map(), orgName: 'Tailspin Toys', warnings: [] as string[]} as unknown as RolloutContext
  setParent(ctx, {dateCreated: 0, id: 'partner', name: 'Northwind Partners', parentId: null, type: 'partner'})
  return ctx
}

test('serials of a new organization are checked with the parent’s dry run; without the role to ask, a warning and creations', async () => {
  const asked: unknown[] = []
  const ctx = contextWith({
    preenrollments: {
      async apply(orgId: string, items: unknown[], opts: {dryRun?: boolean}) {
        asked.push({items, opts, orgId})
        return [
          {outcome: 'created', status: 201},
          {outcome: 'unchanged', status: 200},
        ]
      },
    },
  } as unknown as Partial<CloudClient>)
  const items = [{serialNumber: 'free0001'}, {serialNumber: 'parent01'}, {operation: 'DELETE', serialNumber: 'gone0001'}]
  const answers = await answerForNewOrganization(ctx, 'preenroll', items)
  assert.deepEqual(asked, [{items: items.slice(0, 2), opts: {dryRun: true}, orgId: 'partner'}])
  assert.deepEqual(
    answers.map((a) => a.outcome ?? a.error!.message),
    [
      'created',
      'PARENT01 is pre-enrolled in another organization',
      'the organization Tailspin Toys does not exist yet: there is nothing to delete',
    ],
  )

  const refused = contextWith({
    preenrollments: {
      apply: () => Promise.reject(new LcsError('forbidden', 'Permission denied: this needs the role Fleet Management Administrator.')),
    },
  } as unknown as Partial<CloudClient>)
  assert.deepEqual(
    (await answerForNewOrganization(refused, 'preenroll', items.slice(0, 1))).map((a) => a.outcome),
    ['created'],
  )
  assert.match(refused.warnings[0], /cannot be checked before Tailspin Toys exists \(Permission denied: .*Fleet Management Administrator/)
})
