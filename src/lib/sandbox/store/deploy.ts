// Deployment state of the sandbox cloud: the resource library, configurations, deployments (each one a
// task in the task history) and the per-printer progress of each deployment. Only SQL lives here; the
// deploy engine (../deployer.ts) moves deployments forward in time.
import {randomUUID} from 'node:crypto'

import type {Db} from './sqlite.js'

export const DEPLOY_SCHEMA = `
CREATE TABLE IF NOT EXISTS resources (
  id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id), name TEXT NOT NULL, type TEXT NOT NULL, description TEXT,
  file_name TEXT, size INTEGER, sha256 TEXT, info TEXT NOT NULL DEFAULT '{}', content BLOB,
  created_at INTEGER NOT NULL, modified_at INTEGER NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS resources_org_name ON resources(org_id, name COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS configurations (
  id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id), name TEXT NOT NULL, description TEXT,
  recommended_firmware INTEGER NOT NULL DEFAULT 0, firmware TEXT NOT NULL DEFAULT '[]', apps TEXT NOT NULL DEFAULT '[]',
  settings TEXT NOT NULL DEFAULT '[]', is_default INTEGER NOT NULL DEFAULT 0, deployed_at INTEGER,
  created_at INTEGER NOT NULL, modified_at INTEGER NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS configurations_org_name ON configurations(org_id, name COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS deployments (
  id TEXT PRIMARY KEY, org_id TEXT NOT NULL, kind TEXT NOT NULL, name TEXT, configuration_id TEXT, configuration_name TEXT,
  status TEXT NOT NULL, start_at INTEGER, window_end INTEGER, time_zone TEXT, window_minutes INTEGER,
  started_at INTEGER, finished_at INTEGER, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS deployments_status ON deployments(status);
CREATE INDEX IF NOT EXISTS deployments_config ON deployments(configuration_id, created_at);
CREATE TABLE IF NOT EXISTS deployment_printers (
  deployment_id TEXT NOT NULL REFERENCES deployments(id) ON DELETE CASCADE, serial TEXT NOT NULL, model_name TEXT,
  status TEXT NOT NULL, step INTEGER NOT NULL DEFAULT 0, steps TEXT NOT NULL, next_at INTEGER, reason TEXT,
  firmware_before TEXT, firmware_after TEXT, started_at INTEGER, finished_at INTEGER, updated_at INTEGER NOT NULL,
  PRIMARY KEY (deployment_id, serial));
CREATE INDEX IF NOT EXISTS deployment_printers_due ON deployment_printers(status, next_at);
`

// ---- resource library ----

export interface ResourceRow {
  id: string
  org_id: string
  name: string
  type: 'firmware' | 'app' | 'ucf' | 'bundle'
  description: string | null
  file_name: string | null
  size: number | null
  sha256: string | null
  info: string
  created_at: number
  modified_at: number
}

const RESOURCE_COLUMNS = 'id, org_id, name, type, description, file_name, size, sha256, info, created_at, modified_at'

export function insertResource(
  db: Db,
  r: Omit<ResourceRow, 'id' | 'created_at' | 'modified_at'> & {content: Buffer | null},
  now = Date.now(),
): ResourceRow {
  const id = randomUUID()
  db.prepare(
    'INSERT INTO resources(id, org_id, name, type, description, file_name, size, sha256, info, content, created_at, modified_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)',
  ).run(id, r.org_id, r.name, r.type, r.description, r.file_name, r.size, r.sha256, r.info, r.content, now, now)
  return getResource(db, r.org_id, id)!
}

export function updateResource(
  db: Db,
  id: string,
  r: Pick<ResourceRow, 'name' | 'description' | 'file_name' | 'size' | 'sha256' | 'info'> & {content: Buffer | null},
  now = Date.now(),
): void {
  db.prepare(
    'UPDATE resources SET name = ?, description = ?, file_name = ?, size = ?, sha256 = ?, info = ?, content = ?, modified_at = ? WHERE id = ?',
  ).run(r.name, r.description, r.file_name, r.size, r.sha256, r.info, r.content, now, id)
}

export function getResource(db: Db, orgId: string, id: string): ResourceRow | undefined {
  return db.prepare(`SELECT ${RESOURCE_COLUMNS} FROM resources WHERE org_id = ? AND id = ?`).get(orgId, id) as ResourceRow | undefined
}

export function resourceContent(db: Db, id: string): Buffer | null {
  const content = (db.prepare('SELECT content FROM resources WHERE id = ?').get(id) as {content: Uint8Array | null} | undefined)?.content
  return content ? Buffer.from(content.buffer, content.byteOffset, content.byteLength) : null
}

export function findResourceByName(db: Db, orgId: string, name: string): ResourceRow | undefined {
  return db.prepare(`SELECT ${RESOURCE_COLUMNS} FROM resources WHERE org_id = ? AND name = ? COLLATE NOCASE`).get(orgId, name) as
    | ResourceRow
    | undefined
}

export function listResources(
  db: Db,
  orgId: string,
  type: string | undefined,
  offset: number,
  limit: number,
): {rows: ResourceRow[]; total: number} {
  const where = type ? 'org_id = ? AND type = ?' : 'org_id = ?'
  const args = type ? [orgId, type] : [orgId]
  const total = (db.prepare(`SELECT count(*) n FROM resources WHERE ${where}`).get(...args) as {n: number}).n
  const rows = db
    .prepare(`SELECT ${RESOURCE_COLUMNS} FROM resources WHERE ${where} ORDER BY name COLLATE NOCASE LIMIT ? OFFSET ?`)
    .all(...args, limit, offset) as ResourceRow[]
  return {rows, total}
}

export function deleteResource(db: Db, id: string): void {
  db.prepare('DELETE FROM resources WHERE id = ?').run(id)
}

/** Configurations of the organization that reference a resource. */
export function configurationsUsing(db: Db, orgId: string, resourceId: string): ConfigRow[] {
  return db
    .prepare(
      'SELECT * FROM configurations WHERE org_id = ? AND (instr(firmware, ?) > 0 OR instr(apps, ?) > 0 OR instr(settings, ?) > 0) ORDER BY name',
    )
    .all(orgId, resourceId, resourceId, resourceId) as ConfigRow[]
}

// ---- configurations ----

export interface ConfigRow {
  id: string
  org_id: string
  name: string
  description: string | null
  recommended_firmware: number
  /** JSON: resource ids. */
  firmware: string
  /** JSON: [{source: 'catalog' | 'library', id}]. */
  apps: string
  /** JSON: resource ids. */
  settings: string
  is_default: number
  deployed_at: number | null
  created_at: number
  modified_at: number
}

export interface ConfigInput {
  name: string
  description: string | null
  recommendedFirmware: boolean
  firmware: string[]
  apps: Array<{source: 'catalog' | 'library'; id: string}>
  settings: string[]
}

export function insertConfig(db: Db, orgId: string, c: ConfigInput, now = Date.now()): ConfigRow {
  const id = randomUUID()
  db.prepare(
    'INSERT INTO configurations(id, org_id, name, description, recommended_firmware, firmware, apps, settings, created_at, modified_at) VALUES (?,?,?,?,?,?,?,?,?,?)',
  ).run(
    id,
    orgId,
    c.name,
    c.description,
    c.recommendedFirmware ? 1 : 0,
    JSON.stringify(c.firmware),
    JSON.stringify(c.apps),
    JSON.stringify(c.settings),
    now,
    now,
  )
  return getConfig(db, orgId, id)!
}

export function updateConfig(db: Db, id: string, c: ConfigInput, now = Date.now()): void {
  db.prepare(
    'UPDATE configurations SET name = ?, description = ?, recommended_firmware = ?, firmware = ?, apps = ?, settings = ?, modified_at = ? WHERE id = ?',
  ).run(
    c.name,
    c.description,
    c.recommendedFirmware ? 1 : 0,
    JSON.stringify(c.firmware),
    JSON.stringify(c.apps),
    JSON.stringify(c.settings),
    now,
    id,
  )
}

export function getConfig(db: Db, orgId: string, id: string): ConfigRow | undefined {
  return db.prepare('SELECT * FROM configurations WHERE org_id = ? AND id = ?').get(orgId, id) as ConfigRow | undefined
}

export function findConfigByName(db: Db, orgId: string, name: string): ConfigRow | undefined {
  return db.prepare('SELECT * FROM configurations WHERE org_id = ? AND name = ? COLLATE NOCASE').get(orgId, name) as ConfigRow | undefined
}

export function listConfigs(db: Db, orgId: string, offset: number, limit: number): {rows: ConfigRow[]; total: number} {
  const total = (db.prepare('SELECT count(*) n FROM configurations WHERE org_id = ?').get(orgId) as {n: number}).n
  const rows = db
    .prepare('SELECT * FROM configurations WHERE org_id = ? ORDER BY name COLLATE NOCASE LIMIT ? OFFSET ?')
    .all(orgId, limit, offset) as ConfigRow[]
  return {rows, total}
}

export function deleteConfig(db: Db, id: string): void {
  db.prepare('DELETE FROM configurations WHERE id = ?').run(id)
}

/** One default configuration per organization (null removes it). */
export function setDefaultConfig(db: Db, orgId: string, id: string | null, now = Date.now()): void {
  db.transaction(() => {
    db.prepare('UPDATE configurations SET is_default = 0, modified_at = ? WHERE org_id = ? AND is_default = 1').run(now, orgId)
    if (id) db.prepare('UPDATE configurations SET is_default = 1, modified_at = ? WHERE id = ?').run(now, id)
  })()
}

export function defaultConfig(db: Db, orgId: string): ConfigRow | undefined {
  return db.prepare('SELECT * FROM configurations WHERE org_id = ? AND is_default = 1').get(orgId) as ConfigRow | undefined
}

export function markDeployed(db: Db, id: string, now = Date.now()): void {
  db.prepare('UPDATE configurations SET deployed_at = coalesce(deployed_at, ?) WHERE id = ?').run(now, id)
}

// ---- deployments and their printers ----

export type DeploymentStatus = 'scheduled' | 'running' | 'succeeded' | 'partial' | 'failed' | 'expired'
export type PrinterStatus = 'scheduled' | 'pending' | 'running' | 'succeeded' | 'failed' | 'expired'
export const TERMINAL: ReadonlySet<string> = new Set(['succeeded', 'failed', 'expired'])

export interface Step {
  kind: 'firmware' | 'app' | 'settings'
  name: string
  /** Firmware: the build (null when the catalog has none for the model). */
  build?: string | null
  version?: string
  minMemoryMb?: number
  models?: string[]
  source?: 'catalog' | 'library' | 'file'
  resourceId?: string
  status: 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'expired'
  reason?: string | null
  startedAt?: number
  finishedAt?: number
}

export interface DeploymentRow {
  id: string
  org_id: string
  kind: 'deploy-configuration' | 'deploy-files' | 'update-firmware'
  name: string | null
  configuration_id: string | null
  configuration_name: string | null
  status: DeploymentStatus
  start_at: number | null
  window_end: number | null
  time_zone: string | null
  window_minutes: number | null
  started_at: number | null
  finished_at: number | null
  created_at: number
  updated_at: number
}

export interface DeploymentPrinterRow {
  deployment_id: string
  serial: string
  model_name: string | null
  status: PrinterStatus
  step: number
  steps: string
  next_at: number | null
  reason: string | null
  firmware_before: string | null
  firmware_after: string | null
  started_at: number | null
  finished_at: number | null
  updated_at: number
}

export interface NewDeployment {
  orgId: string
  kind: DeploymentRow['kind']
  name: string | null
  configurationId?: string
  configurationName?: string
  schedule?: {startAt: number; windowEnd: number; timeZone: string; windowMinutes: number}
  printers: Array<{serial: string; modelName: string | null; firmware: string | null; steps: Step[]}>
  detail: string
}

/** Creates a deployment, its task-history row, and one row per printer (picked up after the given delays). */
export function insertDeployment(db: Db, d: NewDeployment, pickupDelay: (serial: string) => number, now = Date.now()): DeploymentRow {
  const id = randomUUID()
  const status: DeploymentStatus = d.schedule ? 'scheduled' : 'running'
  db.transaction(() => {
    db.prepare(
      `INSERT INTO deployments(id, org_id, kind, name, configuration_id, configuration_name, status, start_at, window_end, time_zone, window_minutes, started_at, created_at, updated_at)
      VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    ).run(
      id,
      d.orgId,
      d.kind,
      d.name,
      d.configurationId ?? null,
      d.configurationName ?? null,
      status,
      d.schedule?.startAt ?? null,
      d.schedule?.windowEnd ?? null,
      d.schedule?.timeZone ?? null,
      d.schedule?.windowMinutes ?? null,
      d.schedule ? null : now,
      now,
      now,
    )
    const ins = db.prepare(
      'INSERT INTO deployment_printers(deployment_id, serial, model_name, status, steps, next_at, firmware_before, updated_at) VALUES (?,?,?,?,?,?,?,?)',
    )
    for (const p of d.printers)
      ins.run(
        id,
        p.serial,
        p.modelName,
        d.schedule ? 'scheduled' : 'pending',
        JSON.stringify(p.steps),
        d.schedule ? null : now + pickupDelay(p.serial),
        p.firmware,
        now,
      )
    db.prepare('INSERT INTO tasks(id, org_id, kind, serial, status, detail, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)').run(
      id,
      d.orgId,
      d.kind,
      null,
      status,
      d.detail,
      now,
      now,
    )
  })()
  return getDeployment(db, id)!
}

export function getDeployment(db: Db, id: string): DeploymentRow | undefined {
  return db.prepare('SELECT * FROM deployments WHERE id = ?').get(id) as DeploymentRow | undefined
}

export function deploymentPrinters(db: Db, id: string): DeploymentPrinterRow[] {
  return db.prepare('SELECT * FROM deployment_printers WHERE deployment_id = ? ORDER BY serial').all(id) as DeploymentPrinterRow[]
}

export function printerCounts(db: Db, id: string): Record<string, number> {
  const rows = db.prepare('SELECT status, count(*) n FROM deployment_printers WHERE deployment_id = ? GROUP BY status').all(id) as Array<{
    status: string
    n: number
  }>
  return Object.fromEntries(rows.map((r) => [r.status, r.n]))
}

export function deploymentsWithStatus(db: Db, statuses: DeploymentStatus[]): DeploymentRow[] {
  return db
    .prepare(`SELECT * FROM deployments WHERE status IN (${statuses.map(() => '?').join(',')}) ORDER BY created_at`)
    .all(...statuses) as DeploymentRow[]
}

/** Printers of running deployments whose next event is due. */
export function duePrinters(db: Db, now: number): Array<DeploymentPrinterRow & {window_end: number | null}> {
  return db
    .prepare(
      `SELECT dp.*, d.window_end FROM deployment_printers dp JOIN deployments d ON d.id = dp.deployment_id
    WHERE d.status = 'running' AND dp.status IN ('pending', 'running') AND dp.next_at <= ? ORDER BY dp.next_at`,
    )
    .all(now) as Array<DeploymentPrinterRow & {window_end: number | null}>
}

export function updateDeploymentPrinter(
  db: Db,
  id: string,
  serial: string,
  f: Partial<Omit<DeploymentPrinterRow, 'deployment_id' | 'serial'>>,
): void {
  const keys = Object.keys(f) as Array<keyof typeof f>
  if (!keys.length) return
  db.prepare(
    `UPDATE deployment_printers SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE deployment_id = @id AND serial = @serial`,
  ).run({...f, id, serial})
}

export function updateDeployment(db: Db, id: string, f: Partial<Omit<DeploymentRow, 'id' | 'org_id' | 'kind'>>, detail?: string): void {
  const keys = Object.keys(f) as Array<keyof typeof f>
  db.transaction(() => {
    if (keys.length) db.prepare(`UPDATE deployments SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({...f, id})
    // a change of any kind (a scheduled task's new window too) shows in the task's updatedAt
    if (f.status !== undefined || detail !== undefined || f.updated_at !== undefined) {
      db.prepare('UPDATE tasks SET status = coalesce(?, status), detail = coalesce(?, detail), updated_at = ? WHERE id = ?').run(
        f.status ?? null,
        detail ?? null,
        f.updated_at ?? Date.now(),
        id,
      )
    }
  })()
}

/** Starts a scheduled deployment: every printer waits for its agent to pick the task up. */
export function startScheduled(db: Db, id: string, pickupDelay: (serial: string) => number, now: number): void {
  db.transaction(() => {
    db.prepare("UPDATE deployments SET status = 'running', started_at = ?, updated_at = ? WHERE id = ?").run(now, now, id)
    db.prepare("UPDATE tasks SET status = 'running', updated_at = ? WHERE id = ?").run(now, id)
    const upd = db.prepare(
      "UPDATE deployment_printers SET status = 'pending', next_at = ?, updated_at = ? WHERE deployment_id = ? AND serial = ?",
    )
    for (const p of deploymentPrinters(db, id)) upd.run(now + pickupDelay(p.serial), now, id, p.serial)
  })()
}

export function deleteDeployment(db: Db, id: string): void {
  db.transaction(() => {
    db.prepare('DELETE FROM deployment_printers WHERE deployment_id = ?').run(id)
    db.prepare('DELETE FROM deployments WHERE id = ?').run(id)
    db.prepare('DELETE FROM tasks WHERE id = ?').run(id)
  })()
}

/** The latest deployment of a configuration to each printer, with its result. */
export function configurationPrinters(
  db: Db,
  configId: string,
): Array<{serial: string; status: string; deployment_id: string; reason: string | null; updated_at: number}> {
  const rows = db
    .prepare(
      `SELECT dp.serial, dp.status, dp.deployment_id, dp.reason, dp.updated_at FROM deployment_printers dp JOIN deployments d ON d.id = dp.deployment_id
    WHERE d.configuration_id = ? ORDER BY d.created_at, d.rowid`,
    )
    .all(configId) as Array<{serial: string; status: string; deployment_id: string; reason: string | null; updated_at: number}>
  const latest = new Map<string, (typeof rows)[number]>()
  for (const r of rows) latest.set(r.serial.toUpperCase(), r)
  return [...latest.values()].sort((a, b) => a.serial.localeCompare(b.serial))
}

// ---- task history (tasks of every kind, with the deployment columns when there is one) ----

export interface TaskListRow {
  id: string
  kind: string
  serial: string | null
  status: string
  detail: string | null
  created_at: number
  updated_at: number
  name: string | null
  configuration_id: string | null
  configuration_name: string | null
}

export function listTasks(
  db: Db,
  orgIds: string[],
  filter: {kind?: string; status?: string},
  offset: number,
  limit: number,
): {rows: TaskListRow[]; total: number} {
  const where = [`t.org_id IN (${orgIds.map(() => '?').join(',')})`]
  const args: unknown[] = [...orgIds]
  if (filter.kind) {
    where.push('t.kind = ?')
    args.push(filter.kind)
  }
  if (filter.status) {
    where.push('t.status = ?')
    args.push(filter.status)
  }
  const from = `FROM tasks t LEFT JOIN deployments d ON d.id = t.id WHERE ${where.join(' AND ')}`
  const total = (db.prepare(`SELECT count(*) n ${from}`).get(...args) as {n: number}).n
  const rows = db
    .prepare(
      `SELECT t.id, t.kind, t.serial, t.status, t.detail, t.created_at, t.updated_at, d.name, d.configuration_id, d.configuration_name ${from}
    ORDER BY t.created_at DESC, t.rowid DESC LIMIT ? OFFSET ?`,
    )
    .all(...args, limit, offset) as TaskListRow[]
  return {rows, total}
}

export function getTaskRow(db: Db, orgId: string, id: string): TaskListRow | undefined {
  return db
    .prepare(
      `SELECT t.id, t.kind, t.serial, t.status, t.detail, t.created_at, t.updated_at, d.name, d.configuration_id, d.configuration_name
    FROM tasks t LEFT JOIN deployments d ON d.id = t.id WHERE t.org_id = ? AND t.id = ?`,
    )
    .get(orgId, id) as TaskListRow | undefined
}

// ---- printers (the enrollment row the deploy engine updates) ----

export function setPrinterFirmware(db: Db, serial: string, firmware: string, now = Date.now()): void {
  db.transaction(() => {
    db.prepare('UPDATE enrollments SET firmware = ? WHERE serial = ? COLLATE NOCASE').run(firmware, serial)
    db.prepare('UPDATE assets SET modified_at = ?, last_communication = ? WHERE serial = ? COLLATE NOCASE').run(now, now, serial)
  })()
}

/** Enrolled printers' firmware by serial (to bring restarted simulated printers up to date). */
export function enrolledFirmware(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT serial, firmware FROM enrollments WHERE firmware IS NOT NULL').all() as Array<{
    serial: string
    firmware: string
  }>
  return new Map(rows.map((r) => [r.serial.toUpperCase(), r.firmware]))
}
