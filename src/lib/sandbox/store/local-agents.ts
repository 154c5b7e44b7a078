// The sandbox's Local Agents: the organization's one activation code (a number of activations, valid
// 72 hours; generating a new one replaces it), the agents activated with it (each with the token it
// reports with) and the USB-attached printers each enrolled.
import {randomBytes, randomUUID} from 'node:crypto'

import {tokenHash} from './agents.js'
import {sandboxNow} from './clock.js'
import type {Db} from './sqlite.js'

export const LOCAL_AGENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS local_agent_codes (
  org_id TEXT PRIMARY KEY REFERENCES orgs(id), code TEXT NOT NULL UNIQUE, activations INTEGER NOT NULL, used INTEGER NOT NULL,
  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS local_agents (
  id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id), hostname TEXT NOT NULL, status TEXT NOT NULL,
  log_level TEXT NOT NULL, polling_min INTEGER NOT NULL, activated_at INTEGER NOT NULL, last_communication INTEGER,
  token_hash TEXT);
CREATE TABLE IF NOT EXISTS local_agent_printers (
  serial TEXT PRIMARY KEY REFERENCES assets(serial) ON DELETE CASCADE, agent_id TEXT NOT NULL REFERENCES local_agents(id) ON DELETE CASCADE);
`

/** Databases from before Local Agents reported printers. */
export function migrateLocalAgents(db: Db): void {
  const cols = db.prepare("SELECT name FROM pragma_table_info('local_agents')").all() as Array<{name: string}>
  if (!cols.some((c) => c.name === 'token_hash')) db.exec('ALTER TABLE local_agents ADD COLUMN token_hash TEXT')
}

export interface CodeRow {
  org_id: string
  code: string
  activations: number
  used: number
  created_at: number
  expires_at: number
}

export interface LocalAgentRow {
  id: string
  org_id: string
  hostname: string
  /** 'Communicating' | 'Deactivated' */
  status: string
  log_level: string
  polling_min: number
  activated_at: number
  last_communication: number | null
}

/** The organization's code while it is valid (not expired on the sandbox clock, activations left). */
export function validCode(db: Db, orgId: string, now = sandboxNow(db)): CodeRow | undefined {
  return db.prepare('SELECT * FROM local_agent_codes WHERE org_id = ? AND expires_at > ? AND used < activations').get(orgId, now) as
    | CodeRow
    | undefined
}

export function codeByValue(db: Db, code: string): CodeRow | undefined {
  return db.prepare('SELECT * FROM local_agent_codes WHERE code = ?').get(code) as CodeRow | undefined
}

export function generateCode(db: Db, orgId: string, activations: number, ttlMs: number, now = sandboxNow(db)): CodeRow {
  db.prepare(
    `INSERT INTO local_agent_codes(org_id, code, activations, used, created_at, expires_at) VALUES (?,?,?,0,?,?)
     ON CONFLICT(org_id) DO UPDATE SET code = excluded.code, activations = excluded.activations, used = 0,
       created_at = excluded.created_at, expires_at = excluded.expires_at`,
  ).run(orgId, randomUUID(), activations, now, now + ttlMs)
  return validCode(db, orgId, now)!
}

export function setActivations(db: Db, orgId: string, activations: number): void {
  db.prepare('UPDATE local_agent_codes SET activations = ? WHERE org_id = ?').run(activations, orgId)
}

export function expireCode(db: Db, orgId: string, now = sandboxNow(db)): void {
  db.prepare('UPDATE local_agent_codes SET expires_at = ? WHERE org_id = ?').run(now, orgId)
}

export function listAgents(db: Db, orgId: string): LocalAgentRow[] {
  return db.prepare('SELECT * FROM local_agents WHERE org_id = ? ORDER BY activated_at, id').all(orgId) as LocalAgentRow[]
}

export function getAgent(db: Db, id: string): LocalAgentRow | undefined {
  return db.prepare('SELECT * FROM local_agents WHERE id = ?').get(id) as LocalAgentRow | undefined
}

/** Uses one activation of the code: a new agent, or `agentId` (a deactivated one) communicating again, with a fresh token. */
export function activate(
  db: Db,
  code: CodeRow,
  hostname: string,
  settings: {logLevel: string; pollingMin: number},
  agentId?: string,
  now = Date.now(),
): {agent: LocalAgentRow; token: string} {
  const id = agentId ?? randomUUID()
  const token = randomBytes(24).toString('base64url')
  db.transaction(() => {
    db.prepare('UPDATE local_agent_codes SET used = used + 1 WHERE org_id = ?').run(code.org_id)
    if (agentId)
      db.prepare(
        "UPDATE local_agents SET status = 'Communicating', hostname = ?, activated_at = ?, last_communication = ?, token_hash = ? WHERE id = ?",
      ).run(hostname, now, now, tokenHash(token), id)
    else
      db.prepare(
        "INSERT INTO local_agents(id, org_id, hostname, status, log_level, polling_min, activated_at, last_communication, token_hash) VALUES (?,?,?,'Communicating',?,?,?,?,?)",
      ).run(id, code.org_id, hostname, settings.logLevel, settings.pollingMin, now, now, tokenHash(token))
  })()
  return {agent: getAgent(db, id)!, token}
}

export function agentByToken(db: Db, token: string): LocalAgentRow | undefined {
  return db.prepare("SELECT * FROM local_agents WHERE token_hash = ? AND status = 'Communicating'").get(tokenHash(token)) as
    | LocalAgentRow
    | undefined
}

export function touch(db: Db, id: string, now = Date.now()): void {
  db.prepare('UPDATE local_agents SET last_communication = ? WHERE id = ?').run(now, id)
}

/** The Local Agent a printer is attached to. */
export function agentOfPrinter(db: Db, serial: string): string | undefined {
  return (
    db.prepare('SELECT agent_id FROM local_agent_printers WHERE serial = ? COLLATE NOCASE').get(serial) as {agent_id: string} | undefined
  )?.agent_id
}

export function linkPrinter(db: Db, serial: string, agentId: string): void {
  db.prepare(
    'INSERT INTO local_agent_printers(serial, agent_id) VALUES (?,?) ON CONFLICT(serial) DO UPDATE SET agent_id = excluded.agent_id',
  ).run(serial, agentId)
}

/** The agent's enrolled printers, and how many of them MPS Express manages or is about to (001: such agents stay). */
export function printerCounts(db: Db, id: string): {printers: number; mpsPrinters: number} {
  return db
    .prepare(
      `SELECT count(*) printers, coalesce(sum(e.mps_status != 'none'), 0) mpsPrinters
       FROM local_agent_printers lp JOIN enrollments e ON e.serial = lp.serial COLLATE NOCASE WHERE lp.agent_id = ?`,
    )
    .get(id) as {printers: number; mpsPrinters: number}
}

export function updateAgent(db: Db, id: string, s: {logLevel?: string; pollingMin?: number}): void {
  db.prepare('UPDATE local_agents SET log_level = coalesce(?, log_level), polling_min = coalesce(?, polling_min) WHERE id = ?').run(
    s.logLevel ?? null,
    s.pollingMin ?? null,
    id,
  )
}

/** The agent stops reporting (its token no longer works); its printers stay enrolled, no longer communicating. */
export function deactivateAgent(db: Db, id: string): void {
  db.prepare("UPDATE local_agents SET status = 'Deactivated', token_hash = NULL WHERE id = ?").run(id)
}

/** The guide: all information related to the agent is deleted — its printers too (unenrolled, device data gone). */
export function deleteAgent(db: Db, id: string): void {
  db.transaction(() => {
    db.prepare('DELETE FROM assets WHERE serial IN (SELECT serial FROM local_agent_printers WHERE agent_id = ?)').run(id)
    db.prepare('DELETE FROM local_agents WHERE id = ?').run(id)
  })()
}
