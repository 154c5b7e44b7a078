// Identity routes of the sandbox: OAuth2 token endpoint, token info and organizations (users: people.ts).
import * as store from '../db.js'
import {verifyPassword} from '../store/passwords.js'
import {HttpError, IMS, page, pageOf, requireRole, str, visibleOrg, type Ctx, type HandlerOptions, type Route} from './kit.js'

type Principal = store.Principal

// Wrong passwords per account: after MAX_FAILURES within FAILURE_WINDOW_MS the account's password grant
// answers 429 until the window has passed (the real identity service locks out guessing the same way).
const MAX_FAILURES = 10
const FAILURE_WINDOW_MS = 5 * 60_000
const failures = new WeakMap<store.Db, Map<string, number[]>>()

function recentFailures(db: store.Db, account: string, now: number): number[] {
  let byAccount = failures.get(db)
  if (!byAccount) failures.set(db, (byAccount = new Map()))
  const recent = (byAccount.get(account) ?? []).filter((t) => t > now - FAILURE_WINDOW_MS)
  byAccount.set(account, recent)
  return recent
}

const orgJson = (r: store.OrgRow) => ({dateCreated: r.created_at, id: r.id, name: r.name, parentId: r.parent_id, type: r.type})

function tokenEndpoint(ctx: Ctx, o: HandlerOptions) {
  const grant = str(ctx.body, 'grant_type')
  const clientId = str(ctx.body, 'client_id') ?? ''
  const oauthError = (status: number, error: string, description: string) => new HttpError(status, error, description, {oauth: true})
  const client = store.clientById(o.db, clientId)
  const issue = (p: {kind: Principal['kind']; id: string}, withRefresh: boolean) => ({
    access_token: store.issueToken(o.db, 'access', {...p, clientId}, o.tokenTtl),
    expires_in: o.tokenTtl,
    token_type: 'Bearer',
    ...(withRefresh ? {refresh_token: store.issueToken(o.db, 'refresh', {...p, clientId}, 30 * 86_400)} : {}),
  })
  switch (grant) {
    case 'client_credentials': {
      const secret = str(ctx.body, 'client_secret') ?? ''
      if (!client || !client.secret_hash || !client.org_id || !verifyPassword(secret, client.secret_hash))
        throw oauthError(401, 'invalid_client', 'Client authentication failed')
      return issue({id: client.client_id, kind: 'client'}, false)
    }
    case 'password': {
      if (!client) throw oauthError(401, 'invalid_client', 'Unknown client')
      // a confidential client (the integration's) must authenticate; only a public one (lcs-cli) has no secret
      if (client.secret_hash && !verifyPassword(str(ctx.body, 'client_secret') ?? '', client.secret_hash))
        throw oauthError(401, 'invalid_client', 'Client authentication failed')
      const username = (str(ctx.body, 'username') ?? '').toLowerCase()
      const now = Date.now()
      const recent = recentFailures(o.db, username, now)
      if (recent.length >= MAX_FAILURES) {
        const retryAfter = Math.ceil((recent[0] + FAILURE_WINDOW_MS - now) / 1000)
        throw new HttpError(429, 'too_many_attempts', `Too many wrong passwords for this account; try again in ${retryAfter} s`, {
          oauth: true,
          retryAfter,
        })
      }
      const user = store.userByEmail(o.db, username)
      if (!user || !verifyPassword(str(ctx.body, 'password') ?? '', user.password_hash)) {
        recent.push(now)
        throw oauthError(400, 'invalid_grant', 'Invalid username or password')
      }
      return issue({id: user.id, kind: 'user'}, true)
    }
    case 'refresh_token': {
      const rt = str(ctx.body, 'refresh_token') ?? ''
      const found = store.lookupToken(o.db, rt, 'refresh')
      if (!found.principal) throw oauthError(400, 'invalid_grant', found.expired ? 'Refresh token expired' : 'Invalid refresh token')
      store.revokeToken(o.db, rt) // rotation: a refresh token works once
      return issue({id: found.principal.id, kind: found.principal.kind}, true)
    }
    default:
      throw oauthError(400, 'unsupported_grant_type', `grant_type must be client_credentials, password or refresh_token`)
  }
}

function tokenInfo(ctx: Ctx) {
  const p = ctx.principal!
  const expiresAt = ctx.expiresAt ?? Date.now()
  return {
    client_id: p.clientId,
    email: p.email ?? null,
    expires_in: Math.max(0, Math.round((expiresAt - Date.now()) / 1000)),
    resource_owner_id: p.id,
    resource_owner_organization_id: p.orgId,
  }
}

function createChild(ctx: Ctx, o: HandlerOptions) {
  requireRole(ctx, 'Partner Administrator')
  const parent = visibleOrg(ctx, o, ctx.params.orgId)
  const name = str(ctx.body, 'name')?.trim()
  if (!name || name.length > 100 || /[<>]/.test(name) || [...name].some((c) => c.charCodeAt(0) < 32)) {
    throw new HttpError(422, 'validation', 'Invalid organization name', {
      details: [{field: 'name', rule: '1–100 characters, no control characters or < >'}],
    })
  }
  if (parent.type !== 'partner')
    throw new HttpError(422, 'validation', `${parent.name} is not a partner organization: only partners have child organizations`)
  const dup = store.findChildByName(o.db, parent.id, name)
  if (dup) throw new HttpError(409, 'conflict', `A child organization named "${dup.name}" already exists (${dup.id})`, {existingId: dup.id})
  return [201, orgJson(store.createOrg(o.db, {name, parentId: parent.id, type: 'customer'}))]
}

export const identityRoutes: Route[] = [
  {auth: false, handler: tokenEndpoint, method: 'POST', path: '/oauth/token'},
  {auth: true, handler: tokenInfo, method: 'GET', path: '/ciam/identity-authorization-service/oauth/token/info'},
  {
    auth: true,
    method: 'GET',
    path: `${IMS}/organizations`,
    handler(ctx, o) {
      const p = page(ctx)
      const all = store.orgSubtree(o.db, ctx.principal!.orgId)
      return pageOf(all.slice(p.offset, p.offset + p.size).map(orgJson), all.length, p)
    },
  },
  {auth: true, handler: (ctx, o) => orgJson(visibleOrg(ctx, o, ctx.params.orgId)), method: 'GET', path: `${IMS}/organizations/{orgId}`},
  {
    auth: true,
    method: 'GET',
    path: `${IMS}/organizations/{orgId}/children`,
    handler(ctx, o) {
      visibleOrg(ctx, o, ctx.params.orgId)
      const p = page(ctx)
      const all = store.childOrgs(o.db, ctx.params.orgId)
      return pageOf(all.slice(p.offset, p.offset + p.size).map(orgJson), all.length, p)
    },
  },
  {auth: true, handler: createChild, method: 'POST', path: `${IMS}/organizations/{orgId}/children`},
]
