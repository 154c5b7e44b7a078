// The sandbox's Fleet Agents: definitions (with their SNMP secrets, as the real cloud keeps them for the
// agent), activation codes (72 h, used once) and the tokens activated agents call back with.
import {createHash, randomBytes, randomUUID} from 'node:crypto'

import type {FleetAgentDefinition} from '../../agents/index.js'
import {sandboxNow} from './clock.js'
import {newCode} from './enrollment.js'
import type {Db} from './sqlite.js'

export const AGENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS fleet_agents (
  id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id), name TEXT NOT NULL, definition TEXT NOT NULL,
  status TEXT NOT NULL, activated_at INTEGER, last_communication INTEGER, created_at INTEGER NOT NULL, token_hash TEXT,
  unmatched TEXT, version TEXT);
CREATE UNIQUE INDEX IF NOT EXISTS fleet_agents_name ON fleet_agents(org_id, name);
CREATE TABLE IF NOT EXISTS agent_codes (
  code TEXT PRIMARY KEY, agent_id TEXT NOT NULL REFERENCES fleet_agents(id) ON DELETE CASCADE, expires_at INTEGER NOT NULL, used_at INTEGER);
CREATE TABLE IF NOT EXISTS agent_printers (serial TEXT PRIMARY KEY, agent_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS agent_tasks (
  id TEXT PRIMARY KEY, agent_id TEXT NOT NULL REFERENCES fleet_agents(id) ON DELETE CASCADE, kind TEXT NOT NULL, address TEXT,
  status TEXT NOT NULL, detail TEXT, log TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version TEXT);
CREATE INDEX IF NOT EXISTS agent_tasks_agent ON agent_tasks(agent_id, created_at);
`

/** Databases from before the profiles that matched no printer, and before Fleet Agent versions. */
export function migrateAgents(db: Db): void {
  for (const [table, column] of [
    ['fleet_agents', 'unmatched'],
    ['fleet_agents', 'version'],
    ['agent_tasks', 'version'],
  ]) {
    const cols = db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as Array<{name: string}>
    if (!cols.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} TEXT`)
  }
}

/** The guide: an activation code is valid for 72 hours. */
export const AGENT_CODE_TTL_MS = 72 * 3_600_000

export interface AgentRow {
  id: string
  org_id: string
  name: string
  definition: string
  /** 'Not activated' | 'Communicating' | 'Deactivated' */
  status: string
  activated_at: number | null
  last_communication: number | null
  created_at: number
  token_hash: string | null
  /** JSON array of the last discovery's "matched no printer" lines. */
  unmatched: string | null
  /** The version the agent reported (null until it activates). */
  version: string | null
}

/** Agent tokens are kept hashed (Fleet and Local Agents). */
export const tokenHash = (t: string) => createHash('sha256').update(t).digest('hex')

export function listAgents(db: Db, orgId: string): AgentRow[] {
  return db.prepare('SELECT * FROM fleet_agents WHERE org_id = ? ORDER BY created_at, name').all(orgId) as AgentRow[]
}

export function getAgent(db: Db, id: string): AgentRow | undefined {
  return db.prepare('SELECT * FROM fleet_agents WHERE id = ?').get(id) as AgentRow | undefined
}

export function findAgentByName(db: Db, orgId: string, name: string): AgentRow | undefined {
  return db.prepare('SELECT * FROM fleet_agents WHERE org_id = ? AND name = ?').get(orgId, name) as AgentRow | undefined
}

export function createAgent(db: Db, orgId: string, d: FleetAgentDefinition, now = Date.now()): AgentRow {
  const id = randomUUID()
  db.prepare("INSERT INTO fleet_agents(id, org_id, name, definition, status, created_at) VALUES (?,?,?,?,'Not activated',?)").run(
    id,
    orgId,
    d.name,
    JSON.stringify(d),
    now,
  )
  return getAgent(db, id)!
}

export function updateAgent(db: Db, id: string, d: FleetAgentDefinition): void {
  db.prepare('UPDATE fleet_agents SET name = ?, definition = ? WHERE id = ?').run(d.name, JSON.stringify(d), id)
}

/** Printers enrolled through the agent that MPS Express manages or is about to (001: such agents stay). */
export function mpsPrinters(db: Db, id: string): number {
  return (
    db
      .prepare(
        "SELECT count(*) n FROM agent_printers ap JOIN enrollments e ON e.serial = ap.serial COLLATE NOCASE WHERE ap.agent_id = ? AND e.mps_status != 'none'",
      )
      .get(id) as {n: number}
  ).n
}

/** The agent's enrolled printers with the address it found each at. */
export function enrolledThrough(db: Db, id: string): Array<{serial: string; address: string | null}> {
  return db
    .prepare(
      'SELECT e.serial, e.address FROM agent_printers ap JOIN enrollments e ON e.serial = ap.serial COLLATE NOCASE WHERE ap.agent_id = ?',
    )
    .all(id) as Array<{serial: string; address: string | null}>
}

/** Unenrolls printers (their device data stays, as on deactivation). */
export function dropEnrollments(db: Db, serials: string[]): void {
  const del = db.prepare('DELETE FROM enrollments WHERE serial = ? COLLATE NOCASE')
  db.transaction(() => serials.forEach((s) => del.run(s)))()
}

/** The guide: deactivating stops the agent and unenrolls its printers; definition and device data stay. */
export function deactivateAgent(db: Db, id: string): void {
  db.transaction(() => {
    db.prepare('DELETE FROM enrollments WHERE serial IN (SELECT serial FROM agent_printers WHERE agent_id = ?)').run(id)
    db.prepare(
      "UPDATE agent_tasks SET status = 'canceled', detail = 'the agent was deactivated' WHERE agent_id = ? AND status IN ('queued', 'running')",
    ).run(id)
    db.prepare("UPDATE fleet_agents SET status = 'Deactivated', token_hash = NULL WHERE id = ?").run(id)
  })()
}

export function deleteAgent(db: Db, id: string): void {
  db.transaction(() => {
    db.prepare('DELETE FROM assets WHERE serial IN (SELECT serial FROM agent_printers WHERE agent_id = ?)').run(id)
    db.prepare('DELETE FROM agent_printers WHERE agent_id = ?').run(id)
    db.prepare('DELETE FROM fleet_agents WHERE id = ?').run(id)
  })()
}

/** Valid 72 hours of the sandbox clock, so that `sandbox advance 73h` expires it as the wait would. */
export function newActivationCode(db: Db, agentId: string, now = sandboxNow(db)): {code: string; expiresAt: number} {
  const code = newCode(12)
  db.prepare('INSERT INTO agent_codes(code, agent_id, expires_at) VALUES (?,?,?)').run(code, agentId, now + AGENT_CODE_TTL_MS)
  return {code, expiresAt: now + AGENT_CODE_TTL_MS}
}

export type Activation = {agent: AgentRow; token: string} | {refused: 'unknown' | 'expired' | 'used'}

/** Uses up the code and gives the agent a fresh token (a reactivation replaces the old one); the agent says its version. */
export function activate(db: Db, code: string, version: string, now = Date.now()): Activation {
  const row = db.prepare('SELECT * FROM agent_codes WHERE code = ?').get(code) as
    | {agent_id: string; expires_at: number; used_at: number | null}
    | undefined
  if (!row) return {refused: 'unknown'}
  if (row.used_at !== null) return {refused: 'used'}
  if (row.expires_at <= sandboxNow(db, now)) return {refused: 'expired'}
  const token = randomBytes(24).toString('base64url')
  db.transaction(() => {
    db.prepare('UPDATE agent_codes SET used_at = ? WHERE code = ?').run(now, code)
    db.prepare(
      "UPDATE fleet_agents SET status = 'Communicating', activated_at = ?, last_communication = ?, token_hash = ?, version = ? WHERE id = ?",
    ).run(now, now, tokenHash(token), version, row.agent_id)
  })()
  return {agent: getAgent(db, row.agent_id)!, token}
}

export function agentByToken(db: Db, token: string): AgentRow | undefined {
  return db.prepare("SELECT * FROM fleet_agents WHERE token_hash = ? AND status = 'Communicating'").get(tokenHash(token)) as
    | AgentRow
    | undefined
}

export function touch(db: Db, id: string, now = Date.now()): void {
  db.prepare('UPDATE fleet_agents SET last_communication = ? WHERE id = ?').run(now, id)
}

/** The last discovery's profiles that matched no printer (what the agent page shows). */
export function setUnmatched(db: Db, id: string, lines: string[]): void {
  db.prepare('UPDATE fleet_agents SET unmatched = ? WHERE id = ?').run(JSON.stringify(lines), id)
}

/** The version the agent reports (it changes after an update task). */
export function setVersion(db: Db, id: string, version: string): void {
  db.prepare('UPDATE fleet_agents SET version = ? WHERE id = ?').run(version, id)
}

export function agentOfPrinter(db: Db, serial: string): string | undefined {
  return (db.prepare('SELECT agent_id FROM agent_printers WHERE serial = ? COLLATE NOCASE').get(serial) as {agent_id: string} | undefined)
    ?.agent_id
}

export function linkPrinter(db: Db, serial: string, agentId: string): void {
  db.prepare(
    'INSERT INTO agent_printers(serial, agent_id) VALUES (?,?) ON CONFLICT(serial) DO UPDATE SET agent_id = excluded.agent_id',
  ).run(serial, agentId)
}

export function setReading(db: Db, serial: string, counters: object, supplies: unknown[], now = Date.now()): void {
  db.prepare('UPDATE assets SET counters = ?, supplies = ?, last_communication = ?, modified_at = ? WHERE serial = ? COLLATE NOCASE').run(
    JSON.stringify(counters),
    JSON.stringify(supplies),
    now,
    now,
    serial,
  )
}

// ---- the agent's task queue (Discover & Enroll Printers, Refresh printer information, MIB walk) ----

export type AgentTaskKind = 'discover' | 'refresh' | 'mib-walk' | 'update'

export interface AgentTaskRow {
  id: string
  agent_id: string
  kind: AgentTaskKind
  address: string | null
  /** queued → running (the agent took it) → succeeded | failed; canceled when the agent is deactivated. */
  status: string
  detail: string | null
  log: string | null
  created_at: number
  updated_at: number
  /** An update task's version to install. */
  version: string | null
}

export function queueTask(
  db: Db,
  agentId: string,
  kind: AgentTaskKind,
  target: {address?: string | null; version?: string | null},
  now = Date.now(),
): AgentTaskRow {
  const id = randomUUID()
  db.prepare(
    "INSERT INTO agent_tasks(id, agent_id, kind, address, version, status, created_at, updated_at) VALUES (?,?,?,?,?,'queued',?,?)",
  ).run(id, agentId, kind, target.address ?? null, target.version ?? null, now, now)
  return getTask(db, id)!
}

export function getTask(db: Db, id: string): AgentTaskRow | undefined {
  return db.prepare('SELECT * FROM agent_tasks WHERE id = ?').get(id) as AgentTaskRow | undefined
}

export function listTasks(db: Db, agentId: string): AgentTaskRow[] {
  return db.prepare('SELECT * FROM agent_tasks WHERE agent_id = ? ORDER BY created_at DESC, rowid DESC').all(agentId) as AgentTaskRow[]
}

/** The agent takes its queued tasks (oldest first): they are running from then on. */
export function takeTasks(db: Db, agentId: string, now = Date.now()): AgentTaskRow[] {
  return db.transaction(() => {
    const rows = db
      .prepare("SELECT * FROM agent_tasks WHERE agent_id = ? AND status = 'queued' ORDER BY created_at, rowid")
      .all(agentId) as AgentTaskRow[]
    db.prepare("UPDATE agent_tasks SET status = 'running', updated_at = ? WHERE agent_id = ? AND status = 'queued'").run(now, agentId)
    return rows.map((r) => ({...r, status: 'running'}))
  })()
}

export function finishTask(
  db: Db,
  id: string,
  status: 'succeeded' | 'failed',
  detail: string | null,
  log: string | null,
  now = Date.now(),
): void {
  db.prepare('UPDATE agent_tasks SET status = ?, detail = ?, log = ?, updated_at = ? WHERE id = ?').run(status, detail, log, now, id)
}
