// The sandbox's MPS Express state: child organizations' entitlements, printers' supplies delivery
// contacts, the requests of printers added to the program (pending until Lexmark takes them, on the
// sandbox clock) and printers whose registration with the program failed.
import {addTask} from './enrollment.js'
import type {Db} from './sqlite.js'

export const MPS_SCHEMA = `
CREATE TABLE IF NOT EXISTS org_entitlements (
  org_id TEXT NOT NULL REFERENCES orgs(id), name TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (org_id, name));
CREATE TABLE IF NOT EXISTS mps_assignments (
  serial TEXT PRIMARY KEY REFERENCES assets(serial) ON DELETE CASCADE, contact_id TEXT NOT NULL REFERENCES mps_contacts(id),
  assigned_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS mps_assignments_contact ON mps_assignments(contact_id);
CREATE TABLE IF NOT EXISTS mps_failed_registrations (serial TEXT PRIMARY KEY REFERENCES assets(serial) ON DELETE CASCADE);
CREATE TABLE IF NOT EXISTS mps_requests (
  serial TEXT PRIMARY KEY REFERENCES assets(serial) ON DELETE CASCADE, requested_at INTEGER NOT NULL);
`

/** Lexmark takes a printer into the program a day (sandbox time) after it was added. */
export const MPS_TAKEOVER_MS = 86_400_000

export function entitlements(db: Db, orgId: string): string[] {
  return (db.prepare('SELECT name FROM org_entitlements WHERE org_id = ? ORDER BY name').all(orgId) as Array<{name: string}>).map(
    (r) => r.name,
  )
}

/** Adds an entitlement; false when the organization had it already. */
export function entitle(db: Db, orgId: string, name: string, now = Date.now()): boolean {
  return (
    Number(db.prepare('INSERT OR IGNORE INTO org_entitlements(org_id, name, created_at) VALUES (?,?,?)').run(orgId, name, now).changes) > 0
  )
}

export interface AssignmentRow {
  serial: string
  contact_id: string
}

/** The assignments of an organization's printers, by serial. */
export function assignments(db: Db, orgId: string): AssignmentRow[] {
  return db
    .prepare(
      'SELECT m.serial, m.contact_id FROM mps_assignments m JOIN assets a ON a.serial = m.serial WHERE a.org_id = ? ORDER BY m.serial',
    )
    .all(orgId) as AssignmentRow[]
}

export function assignmentOf(db: Db, serial: string): string | undefined {
  return (db.prepare('SELECT contact_id FROM mps_assignments WHERE serial = ?').get(serial) as {contact_id: string} | undefined)?.contact_id
}

export function assign(db: Db, serial: string, contactId: string, now = Date.now()): void {
  db.prepare(
    'INSERT INTO mps_assignments(serial, contact_id, assigned_at) VALUES (?,?,?) ON CONFLICT(serial) DO UPDATE SET contact_id = excluded.contact_id, assigned_at = excluded.assigned_at',
  ).run(serial, contactId, now)
}

/** Printers a contact is assigned to. */
export function assignedTo(db: Db, contactId: string): string[] {
  return (
    db.prepare('SELECT serial FROM mps_assignments WHERE contact_id = ? ORDER BY serial').all(contactId) as Array<{serial: string}>
  ).map((r) => r.serial)
}

export function registrationFailed(db: Db, serial: string): boolean {
  return Boolean(db.prepare('SELECT 1 FROM mps_failed_registrations WHERE serial = ?').get(serial))
}

export function failRegistration(db: Db, serial: string): void {
  db.prepare('INSERT OR IGNORE INTO mps_failed_registrations(serial) VALUES (?)').run(serial)
}

/** The printers now wait for Lexmark to take them into the program ("MPS Express (Pending)"); `now` on the sandbox clock. */
export function markPending(db: Db, serials: string[], now: number): void {
  const set = db.prepare("UPDATE enrollments SET mps_status = 'pending' WHERE serial = ?")
  const request = db.prepare('INSERT OR REPLACE INTO mps_requests(serial, requested_at) VALUES (?,?)')
  for (const s of serials) {
    set.run(s)
    request.run(s, now)
  }
}

export interface MpsRequestRow {
  serial: string
  org_id: string
  requested_at: number
}

/** The pending printers' requests, oldest first. */
export function pendingRequests(db: Db): MpsRequestRow[] {
  return db
    .prepare('SELECT r.serial, a.org_id, r.requested_at FROM mps_requests r JOIN assets a ON a.serial = r.serial ORDER BY r.requested_at')
    .all() as MpsRequestRow[]
}

/**
 * Lexmark's answer to a request: the printer is managed ("MPS Express"), or its registration failed
 * (no longer pending; 001: "Printer failed registration", for Lexmark Technical Support). `at` is the
 * sandbox time of the answer, which the task log shows.
 */
export function settleRequest(db: Db, r: MpsRequestRow, outcome: 'managed' | 'failed', at: number): void {
  db.prepare('DELETE FROM mps_requests WHERE serial = ?').run(r.serial)
  db.prepare('UPDATE enrollments SET mps_status = ? WHERE serial = ?').run(outcome === 'managed' ? 'managed' : 'none', r.serial)
  if (outcome === 'failed') failRegistration(db, r.serial)
  addTask(
    db,
    r.org_id,
    'mps-express',
    r.serial,
    outcome === 'managed' ? 'succeeded' : 'failed',
    outcome === 'managed'
      ? 'managed by MPS Express'
      : 'Printer failed registration: it was not communicating when Lexmark took it; contact Lexmark Technical Support',
    at,
  )
}
