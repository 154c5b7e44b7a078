// The sandbox's store for roles: a user's own roles live in users.roles (db.ts); groups and organizations
// have theirs here. A user's effective roles are the union of the three, as in the portal.
import type {Db} from './sqlite.js'

export const ROLES_SCHEMA = `
CREATE TABLE IF NOT EXISTS group_roles (
  group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE, role TEXT NOT NULL, PRIMARY KEY (group_id, role));
CREATE TABLE IF NOT EXISTS org_roles (
  org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE, role TEXT NOT NULL, PRIMARY KEY (org_id, role));
`

export interface UserRoleSources {
  user: string[]
  groups: Array<{name: string; roles: string[]}>
  organization: string[]
}

const sorted = (xs: string[]) => [...new Set(xs)].sort()

export function userOwnRoles(db: Db, userId: string): string[] {
  const row = db.prepare('SELECT roles FROM users WHERE id = ?').get(userId) as {roles: string} | undefined
  return row ? (JSON.parse(row.roles) as string[]) : []
}

export function setUserOwnRoles(db: Db, userId: string, roles: string[]): void {
  db.prepare('UPDATE users SET roles = ? WHERE id = ?').run(JSON.stringify(sorted(roles)), userId)
}

export function groupRoles(db: Db, groupId: string): string[] {
  return (db.prepare('SELECT role FROM group_roles WHERE group_id = ? ORDER BY role').all(groupId) as Array<{role: string}>).map(
    (r) => r.role,
  )
}

export function setGroupRoles(db: Db, groupId: string, roles: string[]): void {
  db.prepare('DELETE FROM group_roles WHERE group_id = ?').run(groupId)
  const add = db.prepare('INSERT OR IGNORE INTO group_roles(group_id, role) VALUES (?, ?)')
  for (const r of roles) add.run(groupId, r)
}

export function orgRoles(db: Db, orgId: string): string[] {
  return (db.prepare('SELECT role FROM org_roles WHERE org_id = ? ORDER BY role').all(orgId) as Array<{role: string}>).map((r) => r.role)
}

export function setOrgRoles(db: Db, orgId: string, roles: string[]): void {
  db.prepare('DELETE FROM org_roles WHERE org_id = ?').run(orgId)
  const add = db.prepare('INSERT OR IGNORE INTO org_roles(org_id, role) VALUES (?, ?)')
  for (const r of roles) add.run(orgId, r)
}

export function userRoleSources(db: Db, userId: string, orgId: string): UserRoleSources {
  const groups = db
    .prepare(
      `SELECT g.id, g.name FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.user_id = ? ORDER BY g.name COLLATE NOCASE`,
    )
    .all(userId) as Array<{id: string; name: string}>
  return {
    groups: groups.map((g) => ({name: g.name, roles: groupRoles(db, g.id)})),
    organization: orgRoles(db, orgId),
    user: userOwnRoles(db, userId),
  }
}

export function effectiveRoles(s: UserRoleSources): string[] {
  return sorted([...s.user, ...s.groups.flatMap((g) => g.roles), ...s.organization])
}
