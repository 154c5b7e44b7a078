// Finding a notification policy by id or name, for every command that takes one.
import type {CloudClient} from '../cloud/index.js'
import {findNamed} from '../lookups.js'
import type {Policy} from './policy.js'

export async function findPolicy(client: CloudClient, orgId: string, ref: string): Promise<Policy> {
  const all: Policy[] = []
  for await (const p of client.policies.list(orgId)) all.push(p)
  return findNamed(all, ref, 'notification policy', 'List them with `lcs policies list`.')
}
