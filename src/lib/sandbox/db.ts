// The sandbox cloud's store: one SQLite file under --data (node:sqlite), so state survives restarts.
// Everything SQL lives in this module and store/; the HTTP layer only calls their functions.
import {createHash, randomBytes, randomUUID} from 'node:crypto'
import {chmodSync, closeSync, existsSync, openSync} from 'node:fs'
import {join} from 'node:path'

import {ACCESS_SCHEMA, childOrgRoles, createAccessGroup} from './store/access-groups.js'
import {DEPLOY_SCHEMA} from './store/deploy.js'
import {ENROLLMENT_SCHEMA} from './store/enrollment.js'
import {AGENTS_SCHEMA, migrateAgents} from './store/agents.js'
import {FEDERATION_SCHEMA} from './store/federation.js'
import {FLEET_SCHEMA} from './store/fleet.js'
import {listMail, OUTBOX_SCHEMA, type Mail} from './store/outbox.js'
import {LOCAL_AGENTS_SCHEMA, migrateLocalAgents} from './store/local-agents.js'
import {markPending, MPS_SCHEMA} from './store/mps.js'
import {hashPassword} from './store/passwords.js'
import {migratePeople, PEOPLE_SCHEMA} from './store/people.js'
import {POLICIES_SCHEMA} from './store/policies.js'
import {effectiveRoles, ROLES_SCHEMA, userRoleSources} from './store/roles.js'
import {Db} from './store/sqlite.js'
import type {SeedInfo} from './state.js'

export {Db}

export interface OrgRow {
  id: string
  name: string
  parent_id: string | null
  type: 'partner' | 'customer' | 'organization'
  created_at: number
}

export interface Principal {
  kind: 'user' | 'client'
  id: string
  orgId: string
  email?: string
  clientId: string
  roles: string[]
  /** A user's roles in the child organizations of the user's organization (Child Organization Access Groups). */
  childRoles?: string[]
}

export const ADMIN_ROLES = [
  'Organization Administrator',
  'User Administrator',
  'Partner Administrator',
  'Fleet Management Administrator',
  'File Service Administrator',
]

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS orgs (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, parent_id TEXT REFERENCES orgs(id), type TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS orgs_parent_name ON orgs(parent_id, name COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id), email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT, first_name TEXT, last_name TEXT, roles TEXT NOT NULL DEFAULT '[]', created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS clients (
  client_id TEXT PRIMARY KEY, secret_hash TEXT, org_id TEXT REFERENCES orgs(id), name TEXT NOT NULL, roles TEXT NOT NULL DEFAULT '[]');
CREATE TABLE IF NOT EXISTS tokens (
  hash TEXT PRIMARY KEY, kind TEXT NOT NULL, principal_kind TEXT NOT NULL, principal_id TEXT NOT NULL,
  client_id TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS tokens_expiry ON tokens(expires_at);
CREATE TABLE IF NOT EXISTS idempotency (
  key TEXT NOT NULL, principal TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL,
  status INTEGER NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL, request_hash TEXT, PRIMARY KEY (key, principal));
CREATE TABLE IF NOT EXISTS assets (
  id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id), serial TEXT NOT NULL UNIQUE, manufacturer TEXT NOT NULL,
  model_name TEXT NOT NULL, name TEXT, description TEXT, created_at INTEGER NOT NULL, modified_at INTEGER NOT NULL,
  last_communication INTEGER, counters TEXT NOT NULL DEFAULT '{}', supplies TEXT NOT NULL DEFAULT '[]', alerts TEXT NOT NULL DEFAULT '[]');
CREATE INDEX IF NOT EXISTS assets_org ON assets(org_id);
`

export function openDb(dataDir: string): Db {
  const file = join(dataDir, 'cloud.db')
  // 0600 before SQLite opens it: SQLite creates cloud.db-wal and -shm with the database file's mode
  closeSync(openSync(file, 'a', 0o600))
  chmodSync(file, 0o600)
  for (const side of ['-wal', '-shm']) if (existsSync(file + side)) chmodSync(file + side, 0o600)
  const db = new Db(file)
  db.pragma('journal_mode = WAL')
  // A killed sandbox (SIGKILL, a crash) loses no committed write: in WAL mode a commit is in the log file
  // when it returns. NORMAL skips the fsync per commit, so only an OS crash or power loss can undo the
  // last commits (never corrupt the file) — the right trade for an emulator that imports 10,000 users.
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  db.exec(SCHEMA)
  // databases from before request_hash (a key reused with another body is refused)
  const columns = db.prepare("SELECT name FROM pragma_table_info('idempotency')").all() as Array<{name: string}>
  if (!columns.some((c) => c.name === 'request_hash')) db.exec('ALTER TABLE idempotency ADD COLUMN request_hash TEXT')
  db.exec('CREATE INDEX IF NOT EXISTS idempotency_created ON idempotency(created_at)')
  db.exec(
    PEOPLE_SCHEMA +
      ROLES_SCHEMA +
      ACCESS_SCHEMA +
      FLEET_SCHEMA +
      ENROLLMENT_SCHEMA +
      DEPLOY_SCHEMA +
      AGENTS_SCHEMA +
      OUTBOX_SCHEMA +
      FEDERATION_SCHEMA +
      POLICIES_SCHEMA +
      MPS_SCHEMA +
      LOCAL_AGENTS_SCHEMA,
  )
  migratePeople(db)
  migrateAgents(db)
  migrateLocalAgents(db)
  // databases from before printer credentials
  const enrollCols = db.prepare("SELECT name FROM pragma_table_info('enrollments')").all() as Array<{name: string}>
  if (!enrollCols.some((c) => c.name === 'needs_credentials'))
    db.exec('ALTER TABLE enrollments ADD COLUMN needs_credentials INTEGER NOT NULL DEFAULT 0')
  return db
}

/** The mails in the outbox of the sandbox whose data is in dataDir, oldest first (undefined: no sandbox data there). */
export function readOutbox(dataDir: string): Mail[] | undefined {
  if (!existsSync(join(dataDir, 'cloud.db'))) return undefined
  const db = openDb(dataDir)
  try {
    return listMail(db)
  } finally {
    db.close()
  }
}

// ---- secrets ----

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
const secret = (bytes = 24) => randomBytes(bytes).toString('base64url')

// ---- seeding ----

export function getMeta(db: Db, key: string): string | undefined {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as {value: string} | undefined)?.value
}

function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value)
}

type PublicSeed = Omit<SeedInfo, 'adminPassword' | 'clientSecret' | 'technicianPassword'>

/**
 * First start: a partner organization with two customers, an administrator and client credentials. The
 * database keeps the credentials hashed only; the plain ones (for training, printed by every start) live in
 * seed.json (0600), passed here as `saved`. When that file is lost they cannot be recovered, so new ones are
 * issued; a database from before this rule has them in its meta row, which is rewritten without them.
 */
export function seed(db: Db, rng: () => number, saved?: SeedInfo): SeedInfo {
  const existing = getMeta(db, 'seed')
  if (existing) {
    const stored = JSON.parse(existing) as PublicSeed & Partial<SeedInfo>
    const {adminPassword: legacyPassword, clientSecret: legacySecret, technicianPassword: legacyTechnician, ...pub} = stored
    const same = saved && saved.orgId === pub.orgId && saved.clientId === pub.clientId
    let secrets = same
      ? {adminPassword: saved.adminPassword, clientSecret: saved.clientSecret}
      : legacyPassword && legacySecret
        ? {adminPassword: legacyPassword, clientSecret: legacySecret}
        : undefined
    let technicianPassword = same ? saved.technicianPassword : legacyTechnician
    db.transaction(() => {
      if (!secrets) {
        secrets = {adminPassword: secret(12), clientSecret: secret()}
        db.prepare('UPDATE users SET password_hash = ? WHERE email = ?').run(hashPassword(secrets.adminPassword), pub.adminEmail)
        db.prepare('UPDATE clients SET secret_hash = ? WHERE client_id = ?').run(hashPassword(secrets.clientSecret), pub.clientId)
      }
      if (pub.technicianEmail && !technicianPassword) {
        technicianPassword = secret(12)
        db.prepare('UPDATE users SET password_hash = ? WHERE email = ?').run(hashPassword(technicianPassword), pub.technicianEmail)
      }
      if (legacyPassword !== undefined || legacySecret !== undefined || legacyTechnician !== undefined)
        setMeta(db, 'seed', JSON.stringify(pub))
    })()
    return {...pub, ...secrets!, ...(technicianPassword ? {technicianPassword} : {})}
  }
  const now = Date.now()
  const info = db.transaction((): SeedInfo => {
    const partner = createOrg(db, {name: 'Northwind Partners', parentId: null, type: 'partner'}, now)
    const children = ['Contoso Retail', 'Fabrikam Health'].map((name) => createOrg(db, {name, parentId: partner.id, type: 'customer'}, now))
    const adminEmail = 'admin@northwind.example'
    const adminPassword = secret(12)
    const adminId = randomUUID()
    db.prepare(
      'INSERT INTO users(id, org_id, email, password_hash, first_name, last_name, roles, created_at) VALUES (?,?,?,?,?,?,?,?)',
    ).run(adminId, partner.id, adminEmail, hashPassword(adminPassword), 'Avery', 'Admin', JSON.stringify(ADMIN_ROLES), now)
    // the administrator reaches the customers as a partner's user must: through a Child Organization Access Group
    db.prepare('INSERT INTO access_group_members(group_id, user_id) VALUES (?, ?)').run(
      createAccessGroup(db, partner.id, 'Partner Administrators', ADMIN_ROLES),
      adminId,
    )
    const technicianEmail = 'tech@northwind.example'
    const technicianPassword = secret(12)
    db.prepare(
      'INSERT INTO users(id, org_id, email, password_hash, first_name, last_name, roles, created_at) VALUES (?,?,?,?,?,?,?,?)',
    ).run(randomUUID(), partner.id, technicianEmail, hashPassword(technicianPassword), 'Taylor', 'Technician', '[]', now)
    const clientId = `sandbox-${randomBytes(6).toString('hex')}`
    const clientSecret = secret()
    db.prepare('INSERT INTO clients(client_id, secret_hash, org_id, name, roles) VALUES (?,?,?,?,?)').run(
      clientId,
      hashPassword(clientSecret),
      partner.id,
      'Sandbox integration',
      JSON.stringify(ADMIN_ROLES),
    )
    // The CLI's public client for the password grant (no secret, like any installed app).
    db.prepare('INSERT OR IGNORE INTO clients(client_id, secret_hash, org_id, name) VALUES (?, NULL, NULL, ?)').run(
      'lcs-cli',
      'lcs command-line interface',
    )
    seedAssets(db, [partner, ...children], rng, now)
    const pub: PublicSeed = {
      adminEmail,
      children: children.map((c) => ({id: c.id, name: c.name})),
      clientId,
      orgId: partner.id,
      orgName: partner.name,
      technicianEmail,
    }
    setMeta(db, 'seed', JSON.stringify(pub))
    return {...pub, adminPassword, clientSecret, technicianPassword}
  })()
  return info
}

const MODELS: Array<[string, string, boolean]> = [
  ['Lexmark', 'CX735adse', true],
  ['Lexmark', 'MX632adwe', false],
  ['Lexmark', 'CS943de', true],
  ['Lexmark', 'MS631dw', false],
  ['HP', 'LaserJet Enterprise M507', false],
  ['Xerox', 'AltaLink C8045', true],
]

function seedAssets(db: Db, orgs: OrgRow[], rng: () => number, now: number): void {
  const insert =
    db.prepare(`INSERT INTO assets(id, org_id, serial, manufacturer, model_name, name, description, created_at, modified_at, last_communication, counters, supplies, alerts)
    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`)
  const enroll = db.prepare('INSERT INTO enrollments(serial, agent, mps_status, enrolled_at, needs_credentials) VALUES (?,?,?,?,?)')
  for (let i = 0; i < 12; i++) {
    const [manufacturer, model, color] = MODELS[i % MODELS.length]
    const org = orgs[i % orgs.length]
    const mono = Math.floor(rng() * 90_000) + 1000
    const colour = color ? Math.floor(rng() * 40_000) : 0
    const counters = {
      colorPrintSideCount: colour,
      lifetimeCount: mono + colour,
      monoPrintSideCount: mono,
      printSheetCount: Math.round((mono + colour) * 0.7),
      printSideCount: mono + colour,
    }
    const supplies = (color ? ['black', 'cyan', 'magenta', 'yellow'] : ['black']).map((c) => ({
      color: c,
      description: `${c[0].toUpperCase()}${c.slice(1)} Toner`,
      percentRemaining: Math.floor(rng() * 100),
      type: 'toner',
    }))
    const alerts = supplies
      .filter((s) => s.percentRemaining < 10)
      .map((s) => ({issue: `${s.description} low`, severity: 'warning', status: 'active'}))
    const created = now - Math.floor(rng() * 90) * 86_400_000
    const serial = `${manufacturer === 'Lexmark' ? '50' : 'CN'}${String(1_000_000 + i * 7919).slice(1)}${'ABCDEFGH'[i % 8]}`
    insert.run(
      randomUUID(),
      org.id,
      serial,
      manufacturer,
      model,
      `${org.name.split(' ')[0]}-${String(i + 1).padStart(2, '0')}`,
      null,
      created,
      created,
      now - Math.floor(rng() * 3_600_000),
      JSON.stringify(counters),
      JSON.stringify(supplies),
      JSON.stringify(alerts),
    )
    // Seeded printers are enrolled: Lexmark through the Native Agent, others through a Fleet Agent; one
    // is under MPS Express management and one pending, which unenroll must refuse; one had administrator
    // credentials set after enrollment ("Agent needs credentials").
    enroll.run(
      serial,
      manufacturer === 'Lexmark' ? 'native' : 'fleet',
      i === 0 ? 'managed' : i === 3 ? 'pending' : 'none',
      created,
      i === 6 ? 1 : 0,
    )
    if (i === 3) markPending(db, [serial], now)
  }
}

// ---- organizations ----

export function createOrg(db: Db, input: {name: string; parentId: string | null; type: OrgRow['type']}, now = Date.now()): OrgRow {
  const row: OrgRow = {created_at: now, id: randomUUID(), name: input.name, parent_id: input.parentId, type: input.type}
  db.prepare('INSERT INTO orgs(id, name, parent_id, type, created_at) VALUES (@id, @name, @parent_id, @type, @created_at)').run(row)
  return row
}

export function getOrg(db: Db, id: string): OrgRow | undefined {
  return db.prepare('SELECT * FROM orgs WHERE id = ?').get(id) as OrgRow | undefined
}

export function findChildByName(db: Db, parentId: string, name: string): OrgRow | undefined {
  return db.prepare('SELECT * FROM orgs WHERE parent_id = ? AND name = ? COLLATE NOCASE').get(parentId, name) as OrgRow | undefined
}

/** The organization and all its descendants, in creation order. */
export function orgSubtree(db: Db, rootId: string): OrgRow[] {
  return db
    .prepare(
      `WITH RECURSIVE t(id) AS (SELECT ? UNION ALL SELECT o.id FROM orgs o JOIN t ON o.parent_id = t.id)
    SELECT orgs.* FROM orgs JOIN t ON orgs.id = t.id ORDER BY created_at, orgs.rowid`,
    )
    .all(rootId) as OrgRow[]
}

export function childOrgs(db: Db, parentId: string): OrgRow[] {
  return db.prepare('SELECT * FROM orgs WHERE parent_id = ? ORDER BY created_at, rowid').all(parentId) as OrgRow[]
}

// ---- identities and tokens ----

export function userByEmail(
  db: Db,
  email: string,
): {id: string; org_id: string; email: string; password_hash: string | null; roles: string} | undefined {
  return db.prepare('SELECT * FROM users WHERE email = ?').get(email) as never
}

export function clientById(
  db: Db,
  clientId: string,
): {client_id: string; secret_hash: string | null; org_id: string | null; roles: string} | undefined {
  return db.prepare('SELECT * FROM clients WHERE client_id = ?').get(clientId) as never
}

export function issueToken(
  db: Db,
  kind: 'access' | 'refresh',
  p: {kind: Principal['kind']; id: string; clientId: string},
  ttlSeconds: number,
): string {
  const token = secret(32)
  db.prepare('INSERT INTO tokens(hash, kind, principal_kind, principal_id, client_id, expires_at) VALUES (?,?,?,?,?,?)').run(
    sha256(token),
    kind,
    p.kind,
    p.id,
    p.clientId,
    Date.now() + ttlSeconds * 1000,
  )
  return token
}

/** Looks a token up; `expired` distinguishes an old token from an unknown one. */
export function lookupToken(
  db: Db,
  token: string,
  kind: 'access' | 'refresh',
): {principal?: Principal; expired?: boolean; expiresAt?: number} {
  const row = db.prepare('SELECT * FROM tokens WHERE hash = ? AND kind = ?').get(sha256(token), kind) as
    | {principal_kind: Principal['kind']; principal_id: string; client_id: string; expires_at: number}
    | undefined
  if (!row) return {}
  if (row.expires_at <= Date.now()) return {expired: true}
  const principal = loadPrincipal(db, row.principal_kind, row.principal_id, row.client_id)
  return principal ? {expiresAt: row.expires_at, principal} : {}
}

export function revokeToken(db: Db, token: string): void {
  db.prepare('DELETE FROM tokens WHERE hash = ?').run(sha256(token))
}

export function loadPrincipal(db: Db, kind: Principal['kind'], id: string, clientId: string): Principal | undefined {
  if (kind === 'user') {
    const u = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as {id: string; org_id: string; email: string} | undefined
    // effective roles: the user's own, those of the user's groups and those of the organization
    return (
      u && {
        childRoles: childOrgRoles(db, u.id),
        clientId,
        email: u.email,
        id: u.id,
        kind,
        orgId: u.org_id,
        roles: effectiveRoles(userRoleSources(db, u.id, u.org_id)),
      }
    )
  }
  const c = clientById(db, id)
  return c && c.org_id ? {clientId, id: c.client_id, kind, orgId: c.org_id, roles: JSON.parse(c.roles) as string[]} : undefined
}

export function purgeExpiredTokens(db: Db): void {
  db.prepare('DELETE FROM tokens WHERE expires_at < ?').run(Date.now() - 86_400_000)
}

// ---- idempotency ----

/** How long an Idempotency-Key is remembered (Stripe's 24 h): older answers are purged. */
export const IDEMPOTENCY_TTL_MS = 86_400_000

export function idempotentReplay(
  db: Db,
  key: string,
  principal: string,
): {method: string; path: string; status: number; body: string; request_hash: string | null} | undefined {
  return db
    .prepare('SELECT method, path, status, body, request_hash FROM idempotency WHERE key = ? AND principal = ? AND created_at >= ?')
    .get(key, principal, Date.now() - IDEMPOTENCY_TTL_MS) as never
}

export function rememberResponse(
  db: Db,
  key: string,
  principal: string,
  request: {method: string; path: string; hash: string},
  status: number,
  body: string,
): void {
  db.prepare(
    'INSERT OR REPLACE INTO idempotency(key, principal, method, path, status, body, created_at, request_hash) VALUES (?,?,?,?,?,?,?,?)',
  ).run(key, principal, request.method, request.path, status, body, Date.now(), request.hash)
}

export function purgeIdempotency(db: Db, now = Date.now()): number {
  return Number(db.prepare('DELETE FROM idempotency WHERE created_at < ?').run(now - IDEMPOTENCY_TTL_MS).changes)
}

// ---- assets (integration API) ----

export interface AssetRow {
  org_id: string
  serial: string
  manufacturer: string
  model_name: string
  name: string | null
  description: string | null
  created_at: number
  modified_at: number
  last_communication: number | null
  counters: string
  supplies: string
  alerts: string
}

export function listAssets(db: Db, orgIds: string[], offset: number, limit: number): {rows: AssetRow[]; total: number} {
  const marks = orgIds.map(() => '?').join(',')
  const total = (db.prepare(`SELECT count(*) n FROM assets WHERE org_id IN (${marks})`).get(...orgIds) as {n: number}).n
  const rows = db
    .prepare(`SELECT * FROM assets WHERE org_id IN (${marks}) ORDER BY serial LIMIT ? OFFSET ?`)
    .all(...orgIds, limit, offset) as AssetRow[]
  return {rows, total}
}
