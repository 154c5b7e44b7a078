// The sandbox's store for identity federation: at most one authentication provider (SAML 2.0) per
// organization, as the guide says, with its e-mail domains (a domain belongs to one organization).
import type {Db} from './sqlite.js'

export const FEDERATION_SCHEMA = `
CREATE TABLE IF NOT EXISTS federation (
  org_id TEXT PRIMARY KEY REFERENCES orgs(id), entity_id TEXT NOT NULL, sso_url TEXT NOT NULL, logout_url TEXT NOT NULL,
  name_id_format TEXT NOT NULL, certificate TEXT NOT NULL, domains TEXT NOT NULL DEFAULT '[]', updated_at INTEGER NOT NULL);
`

export interface ProviderRow {
  org_id: string
  entity_id: string
  sso_url: string
  logout_url: string
  name_id_format: string
  certificate: string
  domains: string
  updated_at: number
}

export function getProvider(db: Db, orgId: string): ProviderRow | undefined {
  return db.prepare('SELECT * FROM federation WHERE org_id = ?').get(orgId) as ProviderRow | undefined
}

export const isFederated = (db: Db, orgId: string): boolean => Boolean(db.prepare('SELECT 1 FROM federation WHERE org_id = ?').get(orgId))

export function putProvider(db: Db, row: Omit<ProviderRow, 'updated_at'>, now = Date.now()): void {
  db.prepare(
    `INSERT OR REPLACE INTO federation(org_id, entity_id, sso_url, logout_url, name_id_format, certificate, domains, updated_at)
    VALUES (?,?,?,?,?,?,?,?)`,
  ).run(row.org_id, row.entity_id, row.sso_url, row.logout_url, row.name_id_format, row.certificate, row.domains, now)
}

export function deleteProvider(db: Db, orgId: string): boolean {
  return Number(db.prepare('DELETE FROM federation WHERE org_id = ?').run(orgId).changes) > 0
}

/** The organization (other than orgId) whose provider claims this e-mail domain. */
export function domainOwner(db: Db, domain: string, orgId: string): string | undefined {
  return (
    db
      .prepare('SELECT f.org_id FROM federation f, json_each(f.domains) d WHERE d.value = ? COLLATE NOCASE AND f.org_id <> ?')
      .get(domain, orgId) as {org_id: string} | undefined
  )?.org_id
}
