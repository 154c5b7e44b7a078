// The sandbox's notification policies, the notification history they write, which crossings already
// fired (policy_fired: a policy notifies once per crossing), and the printers' activity modes.
import {randomUUID} from 'node:crypto'

import type {NotificationRecord} from '../../cloud/index.js'
import type {Policy, PolicyCategory, PolicyInput} from '../../policies/index.js'
import type {Db} from './sqlite.js'

export const POLICIES_SCHEMA = `
CREATE TABLE IF NOT EXISTS notification_policies (
  id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id), name TEXT NOT NULL, category TEXT NOT NULL, body TEXT NOT NULL,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS notification_policies_name ON notification_policies(org_id, name COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS notification_history (
  id TEXT PRIMARY KEY, org_id TEXT NOT NULL, category TEXT NOT NULL, policy_id TEXT NOT NULL, serial TEXT NOT NULL,
  created_at INTEGER NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS notification_history_org ON notification_history(org_id, created_at);
CREATE TABLE IF NOT EXISTS policy_fired (
  policy_id TEXT NOT NULL REFERENCES notification_policies(id) ON DELETE CASCADE, serial TEXT NOT NULL, subject TEXT NOT NULL,
  PRIMARY KEY (policy_id, serial, subject));
CREATE TABLE IF NOT EXISTS printer_activity (
  serial TEXT PRIMARY KEY, mode TEXT NOT NULL DEFAULT 'normal', last_refresh INTEGER, carry REAL NOT NULL DEFAULT 0);
`

/** The guide: the Notification History shows the notifications generated in the last 30 days. */
export const HISTORY_DAYS = 30

interface PolicyRow {
  id: string
  org_id: string
  name: string
  category: PolicyCategory
  body: string
  created_at: number
  updated_at: number
}

function toPolicy(r: PolicyRow): Policy {
  const input = JSON.parse(r.body) as PolicyInput
  return {
    additionalInfo: input.additionalInfo ?? '',
    attachData: input.attachData ?? false,
    category: r.category,
    createdAt: r.created_at,
    ...(r.category === 'supplies' ? {threshold: input.threshold} : {days: input.days}),
    id: r.id,
    name: r.name,
    organizationId: r.org_id,
    recipients: input.recipients,
    tags: input.tags ?? [],
    type: input.type,
    updatedAt: r.updated_at,
  }
}

export function listPolicies(db: Db, orgId: string, category?: PolicyCategory): Policy[] {
  const rows = db
    .prepare(
      `SELECT * FROM notification_policies WHERE org_id = ? ${category ? 'AND category = ?' : ''} ORDER BY category DESC, name COLLATE NOCASE`,
    )
    .all(orgId, ...(category ? [category] : [])) as PolicyRow[]
  return rows.map(toPolicy)
}

export function countPolicies(db: Db, orgId: string, category: PolicyCategory): number {
  return (db.prepare('SELECT count(*) n FROM notification_policies WHERE org_id = ? AND category = ?').get(orgId, category) as {n: number})
    .n
}

export function getPolicy(db: Db, orgId: string, id: string): Policy | undefined {
  const r = db.prepare('SELECT * FROM notification_policies WHERE org_id = ? AND id = ?').get(orgId, id) as PolicyRow | undefined
  return r && toPolicy(r)
}

export function policyByName(db: Db, orgId: string, name: string): Policy | undefined {
  const r = db.prepare('SELECT * FROM notification_policies WHERE org_id = ? AND name = ? COLLATE NOCASE').get(orgId, name) as
    | PolicyRow
    | undefined
  return r && toPolicy(r)
}

export function createPolicy(db: Db, orgId: string, category: PolicyCategory, input: PolicyInput, now = Date.now()): Policy {
  const id = randomUUID()
  db.prepare('INSERT INTO notification_policies(id, org_id, name, category, body, created_at, updated_at) VALUES (?,?,?,?,?,?,?)').run(
    id,
    orgId,
    input.name,
    category,
    JSON.stringify(input),
    now,
    now,
  )
  return getPolicy(db, orgId, id)!
}

/** A changed policy starts afresh: what it had already notified is forgotten. */
export function updatePolicy(db: Db, orgId: string, id: string, category: PolicyCategory, input: PolicyInput, now = Date.now()): Policy {
  db.transaction(() => {
    db.prepare('UPDATE notification_policies SET name = ?, category = ?, body = ?, updated_at = ? WHERE id = ?').run(
      input.name,
      category,
      JSON.stringify(input),
      now,
      id,
    )
    db.prepare('DELETE FROM policy_fired WHERE policy_id = ?').run(id)
  })()
  return getPolicy(db, orgId, id)!
}

export function deletePolicy(db: Db, id: string): void {
  db.prepare('DELETE FROM notification_policies WHERE id = ?').run(id)
}

export function allPolicies(db: Db): Policy[] {
  return (db.prepare('SELECT * FROM notification_policies ORDER BY created_at').all() as PolicyRow[]).map(toPolicy)
}

// ---- firing and history ----

/** What already fired, as `policy \n serial \n subject` keys. */
export function firedKeys(db: Db): Set<string> {
  const rows = db.prepare('SELECT policy_id, serial, subject FROM policy_fired').all() as Array<{
    policy_id: string
    serial: string
    subject: string
  }>
  return new Set(rows.map((f) => `${f.policy_id}\n${f.serial}\n${f.subject}`))
}

/** Writes what fired since `before` and forgets the conditions that are over. */
export function saveFired(db: Db, before: Set<string>, now: Set<string>): void {
  const mark = db.prepare('INSERT OR IGNORE INTO policy_fired(policy_id, serial, subject) VALUES (?,?,?)')
  const rearm = db.prepare('DELETE FROM policy_fired WHERE policy_id = ? AND serial = ? AND subject = ?')
  for (const k of now) if (!before.has(k)) mark.run(...k.split('\n'))
  for (const k of before) if (!now.has(k)) rearm.run(...k.split('\n'))
}

export function addHistory(db: Db, orgId: string, n: Omit<NotificationRecord, 'id'>): NotificationRecord {
  const record = {id: randomUUID(), ...n}
  db.prepare('INSERT INTO notification_history(id, org_id, category, policy_id, serial, created_at, body) VALUES (?,?,?,?,?,?,?)').run(
    record.id,
    orgId,
    n.category,
    n.policyId,
    n.serialNumber,
    n.date,
    JSON.stringify(record),
  )
  return record
}

/** The last 30 days before `now` (the sandbox clock), newest first. */
export function listHistory(
  db: Db,
  orgId: string,
  now: number,
  filter: {category?: string; serial?: string; policyId?: string},
): NotificationRecord[] {
  const where = ['org_id = ?', 'created_at > ?']
  const args: unknown[] = [orgId, now - HISTORY_DAYS * 86_400_000]
  const add = (sql: string, v: string | undefined) => {
    if (v === undefined) return
    where.push(sql)
    args.push(v)
  }
  add('category = ?', filter.category)
  add('serial = ? COLLATE NOCASE', filter.serial)
  add('policy_id = ?', filter.policyId)
  return (
    db
      .prepare(`SELECT body FROM notification_history WHERE ${where.join(' AND ')} ORDER BY created_at DESC, rowid DESC`)
      .all(...args) as Array<{
      body: string
    }>
  ).map((r) => JSON.parse(r.body) as NotificationRecord)
}

// ---- printer activity ----

/** normal: prints and reports; stale: still communicates but sends no data; silent: does not communicate at all. */
export type PrinterMode = 'normal' | 'stale' | 'silent'

export interface ActivityRow {
  serial: string
  mode: PrinterMode
  last_refresh: number | null
  carry: number
}

export function allActivity(db: Db): ActivityRow[] {
  return db.prepare('SELECT * FROM printer_activity').all() as ActivityRow[]
}

/** An enrolled printer as the activity engine reads it. */
export interface EnrolledRow {
  serial: string
  org_id: string
  model_name: string
  manufacturer: string
  name: string | null
  counters: string
  supplies: string
  last_communication: number | null
  tags: string
  address: string | null
}

export function enrolledPrinters(db: Db): EnrolledRow[] {
  return db
    .prepare(
      `SELECT a.serial, a.org_id, a.model_name, a.manufacturer, a.name, a.counters, a.supplies, a.last_communication, e.tags, e.address
    FROM assets a JOIN enrollments e ON e.serial = a.serial ORDER BY a.serial`,
    )
    .all() as EnrolledRow[]
}

/** What a printer reported: counters, supplies, when it communicated and when its data was refreshed. */
export function saveReading(db: Db, serial: string, counters: object, supplies: unknown[], communicated: number, refreshed: number): void {
  db.prepare('UPDATE assets SET counters = ?, supplies = ?, last_communication = ?, modified_at = ? WHERE serial = ?').run(
    JSON.stringify(counters),
    JSON.stringify(supplies),
    communicated,
    refreshed,
    serial,
  )
}

/** A printer communicated without data. */
export function saveHeartbeat(db: Db, serial: string, communicated: number): void {
  db.prepare('UPDATE assets SET last_communication = ? WHERE serial = ?').run(communicated, serial)
}

export function activityOf(db: Db, serial: string): ActivityRow | undefined {
  return db.prepare('SELECT * FROM printer_activity WHERE serial = ? COLLATE NOCASE').get(serial) as ActivityRow | undefined
}

export function setActivity(db: Db, serial: string, a: Partial<Omit<ActivityRow, 'serial'>>): void {
  const cur = activityOf(db, serial) ?? {carry: 0, last_refresh: null, mode: 'normal' as PrinterMode, serial}
  const next = {...cur, ...a}
  db.prepare(
    `INSERT INTO printer_activity(serial, mode, last_refresh, carry) VALUES (?,?,?,?)
    ON CONFLICT(serial) DO UPDATE SET mode = excluded.mode, last_refresh = excluded.last_refresh, carry = excluded.carry`,
  ).run(cur.serial, next.mode, next.last_refresh, next.carry)
}
