// The sandbox's store for people: user details, groups, badges, PINs and the printer-login (PIN) settings
// of an organization. Users themselves live in db.ts's `users` table; this module adds what imports set.
// PINs are kept as salted hashes; deletions of users and badges leave a tombstone, so a repeated DELETE
// is "unchanged" while a DELETE of something that never existed is reported as unknown.
import {createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual} from 'node:crypto'

import {DEFAULT_METHODS, type LoginMethod, type PinExpiry, type PinPolicy, type PrinterLoginConfig} from '../../cloud/index.js'
import {DEFAULT_PIN_POLICY} from '../../csv/index.js'
import type {Db} from './sqlite.js'

export const PEOPLE_SCHEMA = `
CREATE INDEX IF NOT EXISTS users_org ON users(org_id, email);
CREATE TABLE IF NOT EXISTS user_profiles (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE, display_name TEXT, department TEXT, cost_center TEXT);
CREATE TABLE IF NOT EXISTS user_pins (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE, pin_hash TEXT NOT NULL, generated INTEGER NOT NULL, set_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS user_tombstones (
  org_id TEXT NOT NULL, email TEXT NOT NULL COLLATE NOCASE, deleted_at INTEGER NOT NULL, PRIMARY KEY (org_id, email));
CREATE TABLE IF NOT EXISTS groups (
  id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id), name TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS groups_org_name ON groups(org_id, name COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS group_members (
  group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, user_id));
CREATE INDEX IF NOT EXISTS group_members_user ON group_members(user_id);
CREATE TABLE IF NOT EXISTS badges (
  org_id TEXT NOT NULL REFERENCES orgs(id), badge_id TEXT NOT NULL COLLATE NOCASE, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  temporary INTEGER NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER, description TEXT, PRIMARY KEY (org_id, badge_id));
CREATE INDEX IF NOT EXISTS badges_user ON badges(user_id);
CREATE TABLE IF NOT EXISTS badge_tombstones (
  org_id TEXT NOT NULL, badge_id TEXT NOT NULL COLLATE NOCASE, deleted_at INTEGER NOT NULL, PRIMARY KEY (org_id, badge_id));
CREATE TABLE IF NOT EXISTS login_config (
  org_id TEXT PRIMARY KEY REFERENCES orgs(id), pin_generation TEXT NOT NULL, pin_length INTEGER, methods TEXT, pin_expiry TEXT);
`

/** Databases from before login methods, PIN expiry and badge descriptions get their columns (NULL: the defaults). */
export function migratePeople(db: Db): void {
  const added: Array<[string, string]> = [
    ['login_config', 'methods'],
    ['login_config', 'pin_expiry'],
    ['badges', 'description'],
  ]
  for (const [table, column] of added) {
    const columns = db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as Array<{name: string}>
    if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} TEXT`)
  }
}

/** Temporary badges last a day. */
const TEMPORARY_BADGE_MS = 24 * 3_600_000

export interface UserRow {
  id: string
  org_id: string
  email: string
  first_name: string | null
  last_name: string | null
  display_name: string | null
  department: string | null
  cost_center: string | null
  roles: string
  pin_set: number
}

export interface UserFields {
  firstName?: string
  lastName?: string
  displayName?: string
  department?: string
  costCenter?: string
}

const USER_SELECT = `SELECT u.id, u.org_id, u.email, u.first_name, u.last_name, u.roles, p.display_name, p.department, p.cost_center,
  EXISTS (SELECT 1 FROM user_pins WHERE user_id = u.id) AS pin_set
  FROM users u LEFT JOIN user_profiles p ON p.user_id = u.id`

export function listUsers(
  db: Db,
  orgId: string,
  offset: number,
  limit: number,
): {rows: Array<UserRow & {groups: string[]}>; total: number} {
  const total = (db.prepare('SELECT count(*) n FROM users WHERE org_id = ?').get(orgId) as {n: number}).n
  const rows = db.prepare(`${USER_SELECT} WHERE u.org_id = ? ORDER BY u.email LIMIT ? OFFSET ?`).all(orgId, limit, offset) as UserRow[]
  return {rows: rows.map((r) => ({...r, groups: userGroups(db, r.id)})), total}
}

/** A user by e-mail, in any organization (e-mail addresses are unique across the cloud). */
export function findUser(db: Db, email: string): UserRow | undefined {
  return db.prepare(`${USER_SELECT} WHERE u.email = ?`).get(email) as UserRow | undefined
}

/** `passwordHash` from hashPassword/hashPasswordAsync (hashing stays out of the store's transactions). */
export function createUser(db: Db, orgId: string, email: string, fields: UserFields, passwordHash?: string): string {
  const id = randomUUID()
  db.prepare('INSERT INTO users(id, org_id, email, password_hash, first_name, last_name, roles, created_at) VALUES (?,?,?,?,?,?,?,?)').run(
    id,
    orgId,
    email,
    passwordHash ?? null,
    fields.firstName ?? null,
    fields.lastName ?? null,
    '[]',
    Date.now(),
  )
  db.prepare('INSERT INTO user_profiles(user_id, display_name, department, cost_center) VALUES (?,?,?,?)').run(
    id,
    fields.displayName ?? null,
    fields.department ?? null,
    fields.costCenter ?? null,
  )
  db.prepare('DELETE FROM user_tombstones WHERE org_id = ? AND email = ?').run(orgId, email)
  return id
}

/** Sets the given fields (undefined: unchanged). */
export function updateUser(db: Db, userId: string, fields: UserFields, passwordHash?: string): void {
  db.prepare(
    'UPDATE users SET first_name = coalesce(?, first_name), last_name = coalesce(?, last_name), password_hash = coalesce(?, password_hash) WHERE id = ?',
  ).run(fields.firstName ?? null, fields.lastName ?? null, passwordHash ?? null, userId)
  db.prepare(
    `INSERT INTO user_profiles(user_id, display_name, department, cost_center) VALUES (@id, @d, @dep, @cc)
    ON CONFLICT(user_id) DO UPDATE SET display_name = coalesce(@d, display_name), department = coalesce(@dep, department), cost_center = coalesce(@cc, cost_center)`,
  ).run({cc: fields.costCenter ?? null, d: fields.displayName ?? null, dep: fields.department ?? null, id: userId})
}

export function passwordHash(db: Db, userId: string): string | null {
  return (db.prepare('SELECT password_hash FROM users WHERE id = ?').get(userId) as {password_hash: string | null}).password_hash
}

export function deleteUser(db: Db, user: UserRow): void {
  db.prepare('DELETE FROM users WHERE id = ?').run(user.id)
  db.prepare('INSERT OR REPLACE INTO user_tombstones(org_id, email, deleted_at) VALUES (?,?,?)').run(user.org_id, user.email, Date.now())
}

export function userDeleted(db: Db, orgId: string, email: string): boolean {
  return Boolean(db.prepare('SELECT 1 FROM user_tombstones WHERE org_id = ? AND email = ?').get(orgId, email))
}

// ---- groups ----

export interface GroupRow {
  id: string
  name: string
  created_at: number
  members: number
}

export function listGroups(db: Db, orgId: string, offset: number, limit: number): {rows: GroupRow[]; total: number} {
  const total = (db.prepare('SELECT count(*) n FROM groups WHERE org_id = ?').get(orgId) as {n: number}).n
  const rows = db
    .prepare(
      `SELECT g.id, g.name, g.created_at, (SELECT count(*) FROM group_members m WHERE m.group_id = g.id) AS members
    FROM groups g WHERE g.org_id = ? ORDER BY g.name COLLATE NOCASE LIMIT ? OFFSET ?`,
    )
    .all(orgId, limit, offset) as GroupRow[]
  return {rows, total}
}

export function findGroup(db: Db, orgId: string, name: string): {id: string; name: string} | undefined {
  return db.prepare('SELECT id, name FROM groups WHERE org_id = ? AND name = ? COLLATE NOCASE').get(orgId, name) as
    | {id: string; name: string}
    | undefined
}

export function groupById(db: Db, orgId: string, id: string): {id: string; name: string} | undefined {
  return db.prepare('SELECT id, name FROM groups WHERE org_id = ? AND id = ?').get(orgId, id) as {id: string; name: string} | undefined
}

export function createGroup(db: Db, orgId: string, name: string): GroupRow {
  const row = {created_at: Date.now(), id: randomUUID(), members: 0, name}
  db.prepare('INSERT INTO groups(id, org_id, name, created_at) VALUES (?,?,?,?)').run(row.id, orgId, name, row.created_at)
  return row
}

export function userGroups(db: Db, userId: string): string[] {
  return (
    db
      .prepare('SELECT g.name FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.user_id = ? ORDER BY g.name COLLATE NOCASE')
      .all(userId) as Array<{name: string}>
  ).map((r) => r.name)
}

/** Makes the user a member of exactly these groups, creating the missing ones. */
export function setUserGroups(db: Db, orgId: string, userId: string, names: string[]): void {
  db.prepare('DELETE FROM group_members WHERE user_id = ?').run(userId)
  const join = db.prepare('INSERT OR IGNORE INTO group_members(group_id, user_id) VALUES (?,?)')
  for (const name of names) join.run((findGroup(db, orgId, name) ?? createGroup(db, orgId, name)).id, userId)
}

// ---- PINs ----

function pinHash(pin: string, salt = randomBytes(16).toString('hex')): string {
  return `hmac-sha256:${salt}:${createHmac('sha256', salt).update(pin).digest('hex')}`
}

export function hasPin(db: Db, userId: string): boolean {
  return Boolean(db.prepare('SELECT 1 FROM user_pins WHERE user_id = ?').get(userId))
}

export function pinMatches(db: Db, userId: string, pin: string): boolean {
  const row = db.prepare('SELECT pin_hash FROM user_pins WHERE user_id = ?').get(userId) as {pin_hash: string} | undefined
  if (!row) return false
  const [, salt] = row.pin_hash.split(':')
  return timingSafeEqual(Buffer.from(pinHash(pin, salt)), Buffer.from(row.pin_hash))
}

export function setPin(db: Db, userId: string, pin: string, generated: boolean): void {
  db.prepare('INSERT OR REPLACE INTO user_pins(user_id, pin_hash, generated, set_at) VALUES (?,?,?,?)').run(
    userId,
    pinHash(pin),
    generated ? 1 : 0,
    Date.now(),
  )
}

/** A new random PIN of the organization's length (6 digits when any length is allowed), set and "e-mailed". */
export function generatePin(db: Db, userId: string, length: number | null): void {
  const n = length ?? 6
  setPin(db, userId, Array.from({length: n}, () => randomInt(10)).join(''), true)
}

// ---- badges ----

export interface BadgeRow {
  badge_id: string
  user_id: string
  email: string
  temporary: number
  created_at: number
  expires_at: number | null
  description: string | null
}

const BADGE_SELECT =
  'SELECT b.badge_id, b.user_id, u.email, b.temporary, b.created_at, b.expires_at, b.description FROM badges b JOIN users u ON u.id = b.user_id'

export function getBadge(db: Db, orgId: string, badgeId: string): BadgeRow | undefined {
  return db.prepare(`${BADGE_SELECT} WHERE b.org_id = ? AND b.badge_id = ?`).get(orgId, badgeId) as BadgeRow | undefined
}

export function listBadges(
  db: Db,
  orgId: string,
  email: string | undefined,
  offset: number,
  limit: number,
): {rows: BadgeRow[]; total: number} {
  const where = email ? 'WHERE b.org_id = ? AND u.email = ?' : 'WHERE b.org_id = ?'
  const args = email ? [orgId, email] : [orgId]
  const total = (db.prepare(`SELECT count(*) n FROM badges b JOIN users u ON u.id = b.user_id ${where}`).get(...args) as {n: number}).n
  const rows = db.prepare(`${BADGE_SELECT} ${where} ORDER BY b.badge_id LIMIT ? OFFSET ?`).all(...args, limit, offset) as BadgeRow[]
  return {rows, total}
}

/** Registers the badge, or changes its kind; a description left undefined stays as it is. */
export function putBadge(db: Db, orgId: string, badgeId: string, userId: string, temporary: boolean, description?: string): void {
  const now = Date.now()
  db.prepare(
    `INSERT INTO badges(org_id, badge_id, user_id, temporary, created_at, expires_at, description) VALUES (?,?,?,?,?,?,?)
    ON CONFLICT(org_id, badge_id) DO UPDATE SET temporary = excluded.temporary, expires_at = excluded.expires_at,
      description = coalesce(excluded.description, badges.description)`,
  ).run(orgId, badgeId, userId, temporary ? 1 : 0, now, temporary ? now + TEMPORARY_BADGE_MS : null, description ?? null)
  db.prepare('DELETE FROM badge_tombstones WHERE org_id = ? AND badge_id = ?').run(orgId, badgeId)
}

export function deleteBadge(db: Db, orgId: string, badgeId: string): void {
  db.prepare('DELETE FROM badges WHERE org_id = ? AND badge_id = ?').run(orgId, badgeId)
  db.prepare('INSERT OR REPLACE INTO badge_tombstones(org_id, badge_id, deleted_at) VALUES (?,?,?)').run(orgId, badgeId, Date.now())
}

export function badgeDeleted(db: Db, orgId: string, badgeId: string): boolean {
  return Boolean(db.prepare('SELECT 1 FROM badge_tombstones WHERE org_id = ? AND badge_id = ?').get(orgId, badgeId))
}

// ---- printer-login configuration ----

export function loginConfig(db: Db, orgId: string): PrinterLoginConfig {
  const row = db.prepare('SELECT pin_generation, pin_length, methods, pin_expiry FROM login_config WHERE org_id = ?').get(orgId) as
    | {pin_generation: PinPolicy['pinGeneration']; pin_length: number | null; methods: string | null; pin_expiry: string | null}
    | undefined
  if (!row) return {...DEFAULT_PIN_POLICY, methods: [...DEFAULT_METHODS], pinExpiry: null}
  return {
    methods: row.methods ? (JSON.parse(row.methods) as LoginMethod[]) : [...DEFAULT_METHODS],
    pinExpiry: row.pin_expiry ? (JSON.parse(row.pin_expiry) as PinExpiry) : null,
    pinGeneration: row.pin_generation,
    pinLength: row.pin_length,
  }
}

export function setLoginConfig(db: Db, orgId: string, c: PrinterLoginConfig): void {
  db.prepare('INSERT OR REPLACE INTO login_config(org_id, pin_generation, pin_length, methods, pin_expiry) VALUES (?,?,?,?,?)').run(
    orgId,
    c.pinGeneration,
    c.pinLength,
    JSON.stringify(c.methods),
    c.pinExpiry ? JSON.stringify(c.pinExpiry) : null,
  )
}
