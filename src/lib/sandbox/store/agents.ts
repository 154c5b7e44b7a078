// The sandbox's Fleet Agents: definitions (with their SNMP secrets, as the real cloud keeps them for the
// agent), activation codes (72 h, used once) and the tokens activated agents call back with.
import {createHash, randomBytes, randomUUID} from 'node:crypto'

import type {FleetAgentDefinition} from '../../agents/index.js'
import {newCode} from './enrollment.js'
import type {Db} from './sqlite.js'

export const AGENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS fleet_agents (
  id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id), name TEXT NOT NULL, definition TEXT NOT NULL,
  status TEXT NOT NULL, activated_at INTEGER, last_communication INTEGER, created_at INTEGER NOT NULL, token_hash TEXT);
CREATE UNIQUE INDEX IF NOT EXISTS fleet_agents_name ON fleet_agents(org_id, name);
CREATE TABLE IF NOT EXISTS agent_codes (
  code TEXT PRIMARY KEY, agent_id TEXT NOT NULL REFERENCES fleet_agents(id) ON DELETE CASCADE, expires_at INTEGER NOT NULL, used_at INTEGER);
CREATE TABLE IF NOT EXISTS agent_printers (serial TEXT PRIMARY KEY, agent_id TEXT NOT NULL);
`

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
}

const hash = (t: string) => createHash('sha256').update(t).digest('hex')

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

export function deleteAgent(db: Db, id: string): void {
  db.transaction(() => {
    db.prepare('DELETE FROM assets WHERE serial IN (SELECT serial FROM agent_printers WHERE agent_id = ?)').run(id)
    db.prepare('DELETE FROM agent_printers WHERE agent_id = ?').run(id)
    db.prepare('DELETE FROM fleet_agents WHERE id = ?').run(id)
  })()
}

export function newActivationCode(db: Db, agentId: string, now = Date.now()): {code: string; expiresAt: number} {
  const code = newCode(12)
  db.prepare('INSERT INTO agent_codes(code, agent_id, expires_at) VALUES (?,?,?)').run(code, agentId, now + AGENT_CODE_TTL_MS)
  return {code, expiresAt: now + AGENT_CODE_TTL_MS}
}

export type Activation = {agent: AgentRow; token: string} | {refused: 'unknown' | 'expired' | 'used'}

/** Uses up the code and gives the agent a fresh token (a reactivation replaces the old one). */
export function activate(db: Db, code: string, now = Date.now()): Activation {
  const row = db.prepare('SELECT * FROM agent_codes WHERE code = ?').get(code) as
    | {agent_id: string; expires_at: number; used_at: number | null}
    | undefined
  if (!row) return {refused: 'unknown'}
  if (row.used_at !== null) return {refused: 'used'}
  if (row.expires_at <= now) return {refused: 'expired'}
  const token = randomBytes(24).toString('base64url')
  db.transaction(() => {
    db.prepare('UPDATE agent_codes SET used_at = ? WHERE code = ?').run(now, code)
    db.prepare(
      "UPDATE fleet_agents SET status = 'Communicating', activated_at = ?, last_communication = ?, token_hash = ? WHERE id = ?",
    ).run(now, now, hash(token), row.agent_id)
  })()
  return {agent: getAgent(db, row.agent_id)!, token}
}

export function agentByToken(db: Db, token: string): AgentRow | undefined {
  return db.prepare("SELECT * FROM fleet_agents WHERE token_hash = ? AND status = 'Communicating'").get(hash(token)) as AgentRow | undefined
}

export function touch(db: Db, id: string, now = Date.now()): void {
  db.prepare('UPDATE fleet_agents SET last_communication = ? WHERE id = ?').run(now, id)
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
