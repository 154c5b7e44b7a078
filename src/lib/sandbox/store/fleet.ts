// The sandbox's store for fleet-management imports: pre-enrolled serial numbers (one organization per
// serial; removals leave a tombstone, like badges) and MPS Express contacts.
import {randomUUID} from 'node:crypto'

import type {Db} from './sqlite.js'

export const FLEET_SCHEMA = `
CREATE TABLE IF NOT EXISTS preenrollments (
  serial TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id), created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS preenrollments_org ON preenrollments(org_id, created_at);
CREATE TABLE IF NOT EXISTS preenrollment_tombstones (
  org_id TEXT NOT NULL, serial TEXT NOT NULL, deleted_at INTEGER NOT NULL, PRIMARY KEY (org_id, serial));
CREATE TABLE IF NOT EXISTS mps_contacts (
  id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id), key TEXT NOT NULL, fields TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS mps_contacts_key ON mps_contacts(org_id, key);
`

export interface PreenrollmentRow {
  serial: string
  org_id: string
  created_at: number
}

export function listPreenrollments(db: Db, orgId: string, offset: number, limit: number): {rows: PreenrollmentRow[]; total: number} {
  const total = (db.prepare('SELECT count(*) n FROM preenrollments WHERE org_id = ?').get(orgId) as {n: number}).n
  const rows = db
    .prepare('SELECT * FROM preenrollments WHERE org_id = ? ORDER BY created_at, serial LIMIT ? OFFSET ?')
    .all(orgId, limit, offset) as PreenrollmentRow[]
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

/** A pre-enrolled printer checked in and is now enrolled: its pre-enrollment is used up. */
export function consumePreenrollment(db: Db, serial: string): void {
  db.prepare('DELETE FROM preenrollments WHERE serial = ?').run(serial)
}

export function preenrollmentRemoved(db: Db, orgId: string, serial: string): boolean {
  return Boolean(db.prepare('SELECT 1 FROM preenrollment_tombstones WHERE org_id = ? AND serial = ?').get(orgId, serial))
}

// ---- MPS Express contacts ----

export interface ContactRow {
  id: string
  org_id: string
  /** The contact's fields (MpsContactItem), as JSON. */
  fields: string
  created_at: number
}

export function listContacts(db: Db, orgId: string, offset: number, limit: number): {rows: ContactRow[]; total: number} {
  const total = (db.prepare('SELECT count(*) n FROM mps_contacts WHERE org_id = ?').get(orgId) as {n: number}).n
  const rows = db
    .prepare('SELECT * FROM mps_contacts WHERE org_id = ? ORDER BY created_at, rowid LIMIT ? OFFSET ?')
    .all(orgId, limit, offset) as ContactRow[]
  return {rows, total}
}

/** The contact with this identity (first name, last name and e-mail, case-insensitive). */
export function findContact(db: Db, orgId: string, key: string): ContactRow | undefined {
  return db.prepare('SELECT * FROM mps_contacts WHERE org_id = ? AND key = ?').get(orgId, key) as ContactRow | undefined
}

/** Adds a contact; returns its id. */
export function addContact(db: Db, orgId: string, key: string, fields: object): string {
  const id = randomUUID()
  db.prepare('INSERT INTO mps_contacts(id, org_id, key, fields, created_at) VALUES (?,?,?,?,?)').run(
    id,
    orgId,
    key,
    JSON.stringify(fields),
    Date.now(),
  )
  return id
}

export function getContact(db: Db, orgId: string, id: string): ContactRow | undefined {
  return db.prepare('SELECT * FROM mps_contacts WHERE org_id = ? AND id = ?').get(orgId, id) as ContactRow | undefined
}

export function updateContact(db: Db, id: string, key: string, fields: object): void {
  db.prepare('UPDATE mps_contacts SET key = ?, fields = ? WHERE id = ?').run(key, JSON.stringify(fields), id)
}

export function deleteContact(db: Db, id: string): void {
  db.prepare('DELETE FROM mps_contacts WHERE id = ?').run(id)
}
