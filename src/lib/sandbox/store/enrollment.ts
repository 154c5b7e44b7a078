// Enrollment state of the sandbox cloud: enrollment codes (organization codes and printer-generated
// codes), enrolled printers (an asset row plus its enrollment), and the task records of enrollments.
import {randomInt, randomUUID} from 'node:crypto'

import type {Db} from './sqlite.js'

export const ENROLLMENT_SCHEMA = `
CREATE TABLE IF NOT EXISTS enrollment_codes (
  code TEXT PRIMARY KEY, kind TEXT NOT NULL, org_id TEXT REFERENCES orgs(id), serial TEXT, manufacturer TEXT, model_name TEXT,
  firmware TEXT, agent TEXT, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, claimed_at INTEGER);
CREATE TABLE IF NOT EXISTS enrollments (
  serial TEXT PRIMARY KEY REFERENCES assets(serial) ON DELETE CASCADE, agent TEXT NOT NULL, firmware TEXT,
  address TEXT, tags TEXT NOT NULL DEFAULT '[]', mps_status TEXT NOT NULL DEFAULT 'none', enrolled_at INTEGER NOT NULL,
  needs_credentials INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS tasks (
  id TEXT PRIMARY KEY, org_id TEXT NOT NULL, kind TEXT NOT NULL, serial TEXT, status TEXT NOT NULL, detail TEXT,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS tasks_org ON tasks(org_id, created_at);
`

/** Organization enrollment codes last this long (a printer-generated code: 15 minutes). */
export const ORG_CODE_TTL_MS = 7 * 86_400_000
export const PRINTER_CODE_TTL_MS = 15 * 60_000
// No 0/O/1/I/L: codes are read off a panel and typed in.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789'

export function newCode(length = 8): string {
  return Array.from({length}, () => ALPHABET[randomInt(ALPHABET.length)]).join('')
}

export interface CodeRow {
  code: string
  kind: 'org' | 'printer'
  org_id: string | null
  serial: string | null
  manufacturer: string | null
  model_name: string | null
  firmware: string | null
  agent: string | null
  created_at: number
  expires_at: number
  claimed_at: number | null
}

/** The organization's current code, made anew when none is valid for at least another hour. */
export function orgCode(db: Db, orgId: string, now = Date.now()): CodeRow {
  const row = db
    .prepare("SELECT * FROM enrollment_codes WHERE kind = 'org' AND org_id = ? AND expires_at > ? ORDER BY created_at DESC LIMIT 1")
    .get(orgId, now + 3_600_000) as CodeRow | undefined
  if (row) return row
  const code = newCode()
  db.prepare("INSERT INTO enrollment_codes(code, kind, org_id, created_at, expires_at) VALUES (?, 'org', ?, ?, ?)").run(
    code,
    orgId,
    now,
    now + ORG_CODE_TTL_MS,
  )
  return getCode(db, code)!
}

export function getCode(db: Db, code: string): CodeRow | undefined {
  // Codes are case-sensitive: SQLite's = on TEXT is binary, as wanted.
  return db.prepare('SELECT * FROM enrollment_codes WHERE code = ?').get(code) as CodeRow | undefined
}

export function publishPrinterCode(
  db: Db,
  p: {serial: string; manufacturer: string; modelName: string; firmware: string; agent: string},
  now = Date.now(),
): CodeRow {
  const code = newCode()
  db.prepare(
    "INSERT INTO enrollment_codes(code, kind, serial, manufacturer, model_name, firmware, agent, created_at, expires_at) VALUES (?, 'printer', ?, ?, ?, ?, ?, ?, ?)",
  ).run(code, p.serial, p.manufacturer, p.modelName, p.firmware, p.agent, now, now + PRINTER_CODE_TTL_MS)
  return getCode(db, code)!
}

export function claimCode(db: Db, code: string, orgId: string, now = Date.now()): void {
  db.prepare('UPDATE enrollment_codes SET claimed_at = ?, org_id = ? WHERE code = ?').run(now, orgId, code)
}

export interface PrinterRow {
  serial: string
  org_id: string
  manufacturer: string
  model_name: string
  name: string | null
  agent: string
  firmware: string | null
  address: string | null
  tags: string
  mps_status: string
  enrolled_at: number
  last_communication: number | null
  /** Administrator credentials were set on the printer after enrollment: its agent needs them. */
  needs_credentials: number
  /** The Fleet or Local Agent it is enrolled through, if any: its status, last communication and name (a Local Agent's computer). */
  agent_status: string | null
  agent_last_communication: number | null
  agent_name: string | null
  /** The asset's counters (JSON). */
  counters: string
}

// agent_printers and fleet_agents: ./agents.ts; local_agent_printers and local_agents: ./local-agents.ts (same database)
const PRINTER_SELECT = `SELECT a.serial, a.org_id, a.manufacturer, a.model_name, a.name, a.last_communication, e.agent, e.firmware, e.address, e.tags,
  a.counters, e.mps_status, e.enrolled_at, e.needs_credentials, coalesce(fa.status, la.status) agent_status,
  coalesce(fa.last_communication, la.last_communication) agent_last_communication, coalesce(fa.name, la.hostname) agent_name
  FROM enrollments e JOIN assets a ON a.serial = e.serial
  LEFT JOIN agent_printers ap ON ap.serial = e.serial COLLATE NOCASE LEFT JOIN fleet_agents fa ON fa.id = ap.agent_id
  LEFT JOIN local_agent_printers lp ON lp.serial = e.serial COLLATE NOCASE LEFT JOIN local_agents la ON la.id = lp.agent_id`

export function getPrinter(db: Db, serial: string): PrinterRow | undefined {
  return db.prepare(`${PRINTER_SELECT} WHERE a.serial = ? COLLATE NOCASE`).get(serial) as PrinterRow | undefined
}

export function listPrinters(
  db: Db,
  orgIds: string[],
  filter: {serial?: string; tag?: string},
  offset: number,
  limit: number,
): {rows: PrinterRow[]; total: number} {
  const where = [`a.org_id IN (${orgIds.map(() => '?').join(',')})`]
  const args: unknown[] = [...orgIds]
  if (filter.serial) {
    where.push('a.serial = ? COLLATE NOCASE')
    args.push(filter.serial)
  }
  if (filter.tag) {
    where.push('EXISTS (SELECT 1 FROM json_each(e.tags) WHERE json_each.value = ?)')
    args.push(filter.tag)
  }
  const sql = `${PRINTER_SELECT} WHERE ${where.join(' AND ')}`
  const total = (db.prepare(`SELECT count(*) n FROM (${sql})`).get(...args) as {n: number}).n
  const rows = db.prepare(`${sql} ORDER BY a.serial LIMIT ? OFFSET ?`).all(...args, limit, offset) as PrinterRow[]
  return {rows, total}
}

/** Registers a printer in an organization; the same serial twice is one printer (idempotent). */
export function registerPrinter(
  db: Db,
  orgId: string,
  p: {serial: string; manufacturer: string; modelName: string; firmware?: string; agent: string; address?: string},
  now = Date.now(),
): PrinterRow {
  db.transaction(() => {
    const existing = db.prepare('SELECT org_id FROM assets WHERE serial = ? COLLATE NOCASE').get(p.serial) as {org_id: string} | undefined
    if (!existing) {
      db.prepare(
        `INSERT INTO assets(id, org_id, serial, manufacturer, model_name, name, created_at, modified_at, last_communication) VALUES (?,?,?,?,?,?,?,?,?)`,
      ).run(randomUUID(), orgId, p.serial, p.manufacturer, p.modelName, null, now, now, now)
    } else {
      db.prepare('UPDATE assets SET modified_at = ?, last_communication = ? WHERE serial = ? COLLATE NOCASE').run(now, now, p.serial)
    }
    db.prepare(
      `INSERT INTO enrollments(serial, agent, firmware, address, enrolled_at) VALUES (?,?,?,?,?)
      ON CONFLICT(serial) DO UPDATE SET agent = excluded.agent, firmware = excluded.firmware, address = coalesce(excluded.address, address)`,
    ).run(p.serial, p.agent, p.firmware ?? null, p.address ?? null, now)
    // a printer registering again (a retry, a second code) is one enrollment, recorded once
    if (!existing) addTask(db, orgId, 'enroll', p.serial, 'succeeded', `${p.agent} agent registered`, now)
  })()
  return getPrinter(db, p.serial)!
}

/** A printer checked in: it communicates. */
export function touchPrinter(db: Db, serial: string, now = Date.now()): void {
  db.prepare('UPDATE assets SET last_communication = ? WHERE serial = ? COLLATE NOCASE').run(now, serial)
}

/** The printer's lifetime page count, as it reported it. */
export function setLifetimeCount(db: Db, serial: string, pages: number): void {
  db.prepare("UPDATE assets SET counters = json_set(counters, '$.lifetimeCount', ?) WHERE serial = ? COLLATE NOCASE").run(pages, serial)
}

export function unenrollPrinter(db: Db, orgId: string, serial: string, now = Date.now()): void {
  db.transaction(() => {
    db.prepare('DELETE FROM assets WHERE serial = ? COLLATE NOCASE').run(serial)
    addTask(db, orgId, 'unenroll', serial, 'succeeded', null, now)
  })()
}

export function setNeedsCredentials(db: Db, serial: string, needs: boolean): void {
  db.prepare('UPDATE enrollments SET needs_credentials = ? WHERE serial = ? COLLATE NOCASE').run(needs ? 1 : 0, serial)
}

export function setTags(db: Db, serial: string, tags: string[]): void {
  db.prepare('UPDATE enrollments SET tags = ? WHERE serial = ? COLLATE NOCASE').run(JSON.stringify(tags), serial)
}

export function addTask(
  db: Db,
  orgId: string,
  kind: string,
  serial: string | null,
  status: string,
  detail: string | null,
  now = Date.now(),
): string {
  const id = randomUUID()
  db.prepare('INSERT INTO tasks(id, org_id, kind, serial, status, detail, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)').run(
    id,
    orgId,
    kind,
    serial,
    status,
    detail,
    now,
    now,
  )
  return id
}
