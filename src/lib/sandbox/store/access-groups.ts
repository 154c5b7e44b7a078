// The sandbox's store for Child Organization Access Groups: groups of a partner organization whose members
// reach every customer (child) organization with the group's roles. Each carries Partner Administrator.
import {randomUUID} from 'node:crypto'

import type {Db} from './sqlite.js'

export const ACCESS_SCHEMA = `
CREATE TABLE IF NOT EXISTS access_groups (
  id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id), name TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS access_groups_org_name ON access_groups(org_id, name COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS access_group_members (
  group_id TEXT NOT NULL REFERENCES access_groups(id) ON DELETE CASCADE, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, user_id));
CREATE TABLE IF NOT EXISTS access_group_roles (
  group_id TEXT NOT NULL REFERENCES access_groups(id) ON DELETE CASCADE, role TEXT NOT NULL, PRIMARY KEY (group_id, role));
`

export const PARTNER_ADMIN = 'Partner Administrator'

export interface AccessGroupRow {
  id: string
  name: string
  created_at: number
  members: number
}

export function listAccessGroups(db: Db, orgId: string): AccessGroupRow[] {
  return db
    .prepare(
      `SELECT g.id, g.name, g.created_at, (SELECT count(*) FROM access_group_members m WHERE m.group_id = g.id) AS members
    FROM access_groups g WHERE g.org_id = ? ORDER BY g.name COLLATE NOCASE`,
    )
    .all(orgId) as AccessGroupRow[]
}

export function findAccessGroup(db: Db, orgId: string, ref: string): {id: string; name: string} | undefined {
  return db.prepare('SELECT id, name FROM access_groups WHERE org_id = ? AND (id = ? OR name = ? COLLATE NOCASE)').get(orgId, ref, ref) as
    | {id: string; name: string}
    | undefined
}

export function createAccessGroup(db: Db, orgId: string, name: string, roles: string[] = []): string {
  const id = randomUUID()
  db.prepare('INSERT INTO access_groups(id, org_id, name, created_at) VALUES (?,?,?,?)').run(id, orgId, name, Date.now())
  setAccessRoles(db, id, [PARTNER_ADMIN, ...roles])
  return id
}

export function deleteAccessGroup(db: Db, id: string): void {
  db.prepare('DELETE FROM access_groups WHERE id = ?').run(id)
}

export function accessRoles(db: Db, id: string): string[] {
  return (db.prepare('SELECT role FROM access_group_roles WHERE group_id = ? ORDER BY role').all(id) as Array<{role: string}>).map(
    (r) => r.role,
  )
}

export function setAccessRoles(db: Db, id: string, roles: string[]): void {
  db.prepare('DELETE FROM access_group_roles WHERE group_id = ?').run(id)
  const add = db.prepare('INSERT OR IGNORE INTO access_group_roles(group_id, role) VALUES (?, ?)')
  for (const r of new Set(roles)) add.run(id, r)
}

export function accessMembers(db: Db, id: string): string[] {
  return (
    db
      .prepare('SELECT u.email FROM access_group_members m JOIN users u ON u.id = m.user_id WHERE m.group_id = ? ORDER BY u.email')
      .all(id) as Array<{email: string}>
  ).map((r) => r.email)
}

export function isAccessMember(db: Db, id: string, userId: string): boolean {
  return Boolean(db.prepare('SELECT 1 FROM access_group_members WHERE group_id = ? AND user_id = ?').get(id, userId))
}

export function addAccessMember(db: Db, id: string, userId: string): void {
  db.prepare('INSERT OR IGNORE INTO access_group_members(group_id, user_id) VALUES (?, ?)').run(id, userId)
}

export function removeAccessMember(db: Db, id: string, userId: string): void {
  db.prepare('DELETE FROM access_group_members WHERE group_id = ? AND user_id = ?').run(id, userId)
}

/** The roles a user has in every child organization: those of the access groups the user is in (none: no access). */
export function childOrgRoles(db: Db, userId: string): string[] {
  return (
    db
      .prepare(
        `SELECT DISTINCT r.role FROM access_group_members m JOIN access_group_roles r ON r.group_id = m.group_id
    WHERE m.user_id = ? ORDER BY r.role`,
      )
      .all(userId) as Array<{role: string}>
  ).map((r) => r.role)
}
