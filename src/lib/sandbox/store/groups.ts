// The sandbox's store for managing groups on their own (rename, delete, members one by one); groups and
// memberships themselves are in people.ts's tables.
import type {Db} from './sqlite.js'

export function renameGroup(db: Db, groupId: string, name: string): void {
  db.prepare('UPDATE groups SET name = ? WHERE id = ?').run(name, groupId)
}

export function deleteGroup(db: Db, groupId: string): void {
  db.prepare('DELETE FROM groups WHERE id = ?').run(groupId)
}

export function memberCount(db: Db, groupId: string): number {
  return (db.prepare('SELECT count(*) n FROM group_members WHERE group_id = ?').get(groupId) as {n: number}).n
}

export function listMembers(
  db: Db,
  groupId: string,
  offset: number,
  limit: number,
): {rows: Array<{email: string; first_name: string | null; last_name: string | null}>; total: number} {
  const rows = db
    .prepare(
      `SELECT u.email, u.first_name, u.last_name FROM group_members m JOIN users u ON u.id = m.user_id WHERE m.group_id = ?
    ORDER BY u.email LIMIT ? OFFSET ?`,
    )
    .all(groupId, limit, offset) as Array<{email: string; first_name: string | null; last_name: string | null}>
  return {rows, total: memberCount(db, groupId)}
}

export function isMember(db: Db, groupId: string, userId: string): boolean {
  return Boolean(db.prepare('SELECT 1 FROM group_members WHERE group_id = ? AND user_id = ?').get(groupId, userId))
}

export function addMember(db: Db, groupId: string, userId: string): void {
  db.prepare('INSERT OR IGNORE INTO group_members(group_id, user_id) VALUES (?, ?)').run(groupId, userId)
}

export function removeMember(db: Db, groupId: string, userId: string): void {
  db.prepare('DELETE FROM group_members WHERE group_id = ? AND user_id = ?').run(groupId, userId)
}
