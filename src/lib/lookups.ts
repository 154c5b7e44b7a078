// Finding what the user names (an id, or a name in any case) among what the cloud lists: one rule for
// organizations, configurations, resources and scheduled tasks, and one wording for "not found" and
// "several are named". Commands and rollout files resolve names only through these.
import type {AccessGroup, CloudClient, Group, Organization} from './cloud/index.js'
import {LcsError} from './errors.js'
import {closest} from './suggest.js'

/** An item by id or by (case-insensitive) name; a clear error otherwise. */
export function findNamed<T extends {id: string; name: string}>(items: T[], ref: string, what: string, hint: string): T {
  const byId = items.find((x) => x.id === ref)
  if (byId) return byId
  const byName = items.filter((x) => x.name.toLowerCase() === ref.trim().toLowerCase())
  if (byName.length === 1) return byName[0]
  if (byName.length > 1)
    throw new LcsError('usage', `Several ${what}s are named "${ref}": use the id (${byName.map((x) => x.id).join(', ')}).`)
  throw new LcsError('notFound', `No ${what} "${ref}" in this organization.${didYouMean(ref, items)}`, {hint})
}

/** Finds an organization by id or (case-insensitive) name among those the session can reach. */
export async function findOrganization(client: CloudClient, ref: string): Promise<Organization> {
  const all: Organization[] = []
  for await (const o of client.orgs.list()) all.push(o)
  const byId = all.find((o) => o.id === ref)
  if (byId) return byId
  const byName = all.filter((o) => o.name.toLowerCase() === ref.toLowerCase())
  if (byName.length === 1) return byName[0]
  if (byName.length > 1)
    throw new LcsError('usage', `Several organizations are named "${ref}": use the id (${byName.map((o) => o.id).join(', ')}).`)
  throw new LcsError('notFound', `No organization "${ref}" among the ${all.length} this account can reach.${didYouMean(ref, all)}`, {
    hint: 'See `lcs orgs list`.',
  })
}

/** ' Did you mean "Woodgrove Bank"?' when a name is close to what was typed, else ''. */
function didYouMean(ref: string, items: Array<{name: string}>): string {
  const name = closest(
    ref,
    items.map((x) => x.name),
  )
  return name ? ` Did you mean "${name}"?` : ''
}

/** The names of the organizations the session reaches, by id: for Parent and Organization columns. */
export async function organizationNames(client: CloudClient): Promise<Map<string, string>> {
  const names = new Map<string, string>()
  for await (const o of client.orgs.list()) names.set(o.id, o.name)
  return names
}

/**
 * The partner organization a child is created under: --parent, else the active organization. From a
 * customer organization, a clear refusal naming the partners reachable (`--parent` or `orgs use`).
 */
export async function partnerFor(client: CloudClient, ref: string): Promise<Organization> {
  const all: Organization[] = []
  for await (const o of client.orgs.list()) all.push(o)
  const parent = all.find((o) => o.id === ref) ?? (await findOrganization(client, ref))
  if (parent.type === 'partner') return parent
  const partners = all.filter((o) => o.type === 'partner').map((o) => `"${o.name}"`)
  const example = partners[0] ?? '"Your Partner"'
  throw new LcsError(
    'badData',
    `${parent.name} is a customer organization: child organizations are created under a partner organization.`,
    {
      hint: `Pass --parent ${example}, or select the partner first: \`lcs orgs use ${example}\`${partners.length > 1 ? ` (partners: ${partners.join(', ')})` : ''}.`,
    },
  )
}

/** Finds a group of an organization by id or (case-insensitive) name. */
export async function findGroup(client: CloudClient, orgId: string, ref: string): Promise<Group> {
  const all: Group[] = []
  for await (const g of client.groups.list(orgId)) all.push(g)
  return findNamed(all, ref, 'group', 'See `lcs groups list`.')
}

/** Finds a Child Organization Access Group of a partner organization by id or (case-insensitive) name. */
export async function findAccessGroup(client: CloudClient, partnerId: string, ref: string): Promise<AccessGroup> {
  return findNamed(await client.accessGroups.list(partnerId), ref, 'Child Organization Access Group', 'See `lcs access-groups list`.')
}
