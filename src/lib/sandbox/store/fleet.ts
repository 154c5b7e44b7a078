// The sandbox's store for fleet-management imports: pre-enrolled serial numbers (one organization per
// serial; removals leave a tombstone, like badges).
import type {Db} from '../db.js'

export const FLEET_SCHEMA = `
CREATE TABLE IF NOT EXISTS preenrollments (
  serial TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id), created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS preenrollments_org ON preenrollments(org_id, created_at);
CREATE TABLE IF NOT EXISTS preenrollment_tombstones (
  org_id TEXT NOT NULL, serial TEXT NOT NULL, deleted_at INTEGER NOT NULL, PRIMARY KEY (org_id, serial));
`

export interface PreenrollmentRow {
  serial: string
  org_id: string
  created_at: number
}

export function listPreenrollments(db: Db, orgId: string, offset: number, limit: number): {rows: PreenrollmentRow[]; total: number} {
  const total = (db.prepare('SELECT count(*) n FROM preenrollments WHERE org_id = ?').get(orgId) as {n: number}).n
  const rows = db.prepare('SELECT * FROM preenrollments WHERE org_id = ? ORDER BY created_at, serial LIMIT ? OFFSET ?').all(orgId, limit, offset) as PreenrollmentRow[]
  return {rows, total}
}

export function getPreenrollment(db: Db, serial: string): PreenrollmentRow | undefined {
  return db.prepare('SELECT * FROM preenrollments WHERE serial = ?').get(serial) as PreenrollmentRow | undefined
}

/** Whether a printer with this serial number is already enrolled (an asset of any organization). */
export function enrolled(db: Db, serial: string): boolean {
  return Boolean(db.prepare('SELECT 1 FROM assets WHERE serial = ? COLLATE NOCASE').get(serial))
}

export function addPreenrollment(db: Db, orgId: string, serial: string): void {
  db.prepare('INSERT INTO preenrollments(serial, org_id, created_at) VALUES (?,?,?)').run(serial, orgId, Date.now())
  db.prepare('DELETE FROM preenrollment_tombstones WHERE org_id = ? AND serial = ?').run(orgId, serial)
}

export function removePreenrollment(db: Db, orgId: string, serial: string): void {
  db.prepare('DELETE FROM preenrollments WHERE serial = ?').run(serial)
  db.prepare('INSERT OR REPLACE INTO preenrollment_tombstones(org_id, serial, deleted_at) VALUES (?,?,?)').run(orgId, serial, Date.now())
}

export function preenrollmentRemoved(db: Db, orgId: string, serial: string): boolean {
  return Boolean(db.prepare('SELECT 1 FROM preenrollment_tombstones WHERE org_id = ? AND serial = ?').get(orgId, serial))
}
