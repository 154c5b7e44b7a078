// Wording shared by the role commands: the catalog grouped by area, a user's roles with their sources,
// and the ROLE… arguments (checked against the catalog, with a did-you-mean).
import {Args} from '@oclif/core'

import {checkRoles, type RoleInfo, type UserRoles} from '../cloud/index.js'
import {LcsError} from '../errors.js'

export const roleArgs = {
  role: Args.string({description: 'Role names, quoted ("Fleet Management Administrator"); see `lcs roles list`.', required: true}),
}

/** The ROLE… arguments in the catalog's spelling (usage error naming the nearest role otherwise). */
export function roleArgv(argv: unknown[], skip = 0): string[] {
  const names = (argv as string[]).slice(skip)
  if (!names.length) throw new LcsError('usage', 'Name at least one role.', {hint: 'See `lcs roles list`.'})
  return [...new Set(checkRoles(names))]
}

export function describeCatalog(roles: RoleInfo[]): string {
  const width = Math.max(...roles.map((r) => r.name.length))
  const areas = [...new Set(roles.map((r) => r.category))]
  return areas
    .map(
      (a) =>
        `${a[0].toUpperCase()}${a.slice(1)}\n${roles
          .filter((r) => r.category === a)
          .map((r) => `  ${r.name.padEnd(width)}  ${r.description}`)
          .join('\n')}`,
    )
    .join('\n\n')
}

export function describeUserRoles(r: UserRoles): string {
  const count = `User Roles: ${r.user.length}, Group Roles: ${r.groups.reduce((n, g) => n + g.roles.length, 0)}, Organization Roles: ${r.organization.length}`
  const width = Math.max(0, ...r.effective.map((e) => e.name.length))
  const lines = r.effective.map((e) => `  ${e.name.padEnd(width)}  from ${e.sources.join(', ')}`)
  return `${r.email}\n${count}\n${lines.length ? `Effective roles:\n${lines.join('\n')}` : 'No roles: this user can sign in but reach no feature.'}`
}

export function describeChange(what: string, c: {assigned: string[]; removed: string[]; roles: string[]}): string {
  const did = [
    ...(c.assigned.length ? [`assigned ${c.assigned.join(', ')}`] : []),
    ...(c.removed.length ? [`removed ${c.removed.join(', ')}`] : []),
  ]
  return `${what}: ${did.length ? did.join('; ') : 'unchanged'}. Roles now: ${c.roles.length ? c.roles.join(', ') : 'none'}.`
}
