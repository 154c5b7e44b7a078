// The sandbox's MPS Express state: child organizations' entitlements, printers' supplies delivery
// contacts, and printers whose registration with the program failed (set by tests and training data;
// the real cloud learns it from Lexmark).
import type {Db} from './sqlite.js'

export const MPS_SCHEMA = `
CREATE TABLE IF NOT EXISTS org_entitlements (
  org_id TEXT NOT NULL REFERENCES orgs(id), name TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (org_id, name));
CREATE TABLE IF NOT EXISTS mps_assignments (
  serial TEXT PRIMARY KEY REFERENCES assets(serial) ON DELETE CASCADE, contact_id TEXT NOT NULL REFERENCES mps_contacts(id),
  assigned_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS mps_assignments_contact ON mps_assignments(contact_id);
CREATE TABLE IF NOT EXISTS mps_failed_registrations (serial TEXT PRIMARY KEY REFERENCES assets(serial) ON DELETE CASCADE);
`

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

/** The printers now wait for Lexmark to take them into the program ("MPS Express (Pending)"). */
export function markPending(db: Db, serials: string[]): void {
  const set = db.prepare("UPDATE enrollments SET mps_status = 'pending' WHERE serial = ?")
  for (const s of serials) set.run(s)
}
