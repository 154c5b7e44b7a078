// Identity-federation routes of the sandbox: the organization's one authentication provider (SAML 2.0),
// checked as the cloud checks it (./../../cloud/federation.ts): https URLs, a SAML name-ID format, a
// signing certificate valid now, domains no other organization claims, and PIN settings the guide allows
// with a provider (administrators set PINs, which never expire).
import {
  checkCertificate,
  domainProblem,
  httpsUrlProblem,
  loginConfigProblems,
  NAME_ID_RULE,
  nameIdFormat,
  type IdentityProvider,
  type Outcome,
} from '../../cloud/index.js'
import * as federation from '../store/federation.js'
import * as people from '../store/people.js'
import {getOrg} from '../db.js'
import {
  HttpError,
  IMS,
  invalid,
  requireRole,
  text,
  USER_ADMIN,
  visibleOrg,
  type Ctx,
  type HandlerOptions,
  type Item,
  type Route,
} from './kit.js'

const PATH = `${IMS}/organizations/{orgId}/authentication-provider`
const ORG_ADMIN = 'Organization Administrator'

function providerJson(row: federation.ProviderRow): IdentityProvider {
  const check = checkCertificate(row.certificate, new Date(row.updated_at))
  const info = check.ok ? check.info : undefined
  return {
    certificate: {...info!, pem: row.certificate},
    domains: JSON.parse(row.domains) as string[],
    entityId: row.entity_id,
    logoutUrl: row.logout_url,
    nameIdFormat: row.name_id_format,
    ssoUrl: row.sso_url,
    type: 'SAML',
    updatedAt: row.updated_at,
  }
}

function url(body: Item, field: string): string {
  const v = text(body, field)
  if (!v) throw invalid(field, `${field} is required`)
  const broken = httpsUrlProblem(v)
  if (broken) throw invalid(field, `${field}: ${broken}`)
  return v
}

function setProvider(ctx: Ctx, o: HandlerOptions) {
  requireRole(ctx, ORG_ADMIN)
  const org = visibleOrg(ctx, o, ctx.params.orgId)
  const body = (ctx.body ?? {}) as Item
  const entityId = url(body, 'entityId')
  const ssoUrl = url(body, 'ssoUrl')
  const logoutUrl = url(body, 'logoutUrl')
  const format = nameIdFormat(text(body, 'nameIdFormat') ?? '')
  if (!format) throw invalid('nameIdFormat', `nameIdFormat: ${NAME_ID_RULE}`)
  const pem = text(body, 'certificate')
  if (!pem) throw invalid('certificate', 'certificate (PEM) is required')
  const cert = checkCertificate(pem)
  if (!cert.ok) throw invalid('certificate', `certificate${cert.line ? ` line ${cert.line}` : ''}: ${cert.rule}`)
  const domains = body.domains ?? []
  if (!Array.isArray(domains) || domains.some((d) => typeof d !== 'string')) throw invalid('domains', 'domains: a list of domain names')
  const wanted = [...new Set((domains as string[]).map((d) => d.trim().toLowerCase()))].sort()
  for (const d of wanted) {
    const broken = domainProblem(d)
    if (broken) throw invalid('domains', broken)
    const owner = federation.domainOwner(o.db, d, org.id)
    if (owner)
      throw new HttpError(
        409,
        'conflict',
        `The domain ${d} is already claimed by the authentication provider of ${getOrg(o.db, owner)?.name}`,
        {
          details: [{field: 'domains', rule: 'a domain belongs to one organization'}],
        },
      )
  }
  const [pinProblem] = loginConfigProblems(people.loginConfig(o.db, org.id), true)
  if (pinProblem)
    throw new HttpError(
      422,
      'validation',
      `${pinProblem.rule}: change the printer-login configuration first (lcs login-config set --pin-generation admin --pin-expiry never)`,
      {
        details: [{field: pinProblem.field, rule: pinProblem.rule}],
      },
    )
  const current = federation.getProvider(o.db, org.id)
  if (current && current.entity_id !== entityId && ctx.url.searchParams.get('replace') !== 'true')
    throw new HttpError(
      409,
      'conflict',
      `${org.name} already federates with ${current.entity_id}, and an organization has one authentication provider: replace it explicitly, or remove it first`,
      {details: [{field: 'entityId', rule: 'one authentication provider per organization'}]},
    )
  const row = {
    certificate: cert.pem,
    domains: JSON.stringify(wanted),
    entity_id: entityId,
    logout_url: logoutUrl,
    name_id_format: format,
    org_id: org.id,
    sso_url: ssoUrl,
  }
  const same = current && (Object.keys(row) as Array<keyof typeof row>).every((k) => current[k] === row[k])
  if (same) return {outcome: 'unchanged' satisfies Outcome, provider: providerJson(current)}
  federation.putProvider(o.db, row)
  const outcome: Outcome = current ? 'updated' : 'created'
  return [current ? 200 : 201, {outcome, provider: providerJson(federation.getProvider(o.db, org.id)!)}]
}

export const federationRoutes: Route[] = [
  {
    anyRole: USER_ADMIN,
    auth: true,
    method: 'GET',
    path: PATH,
    handler(ctx, o) {
      const row = federation.getProvider(o.db, visibleOrg(ctx, o, ctx.params.orgId).id)
      return {provider: row ? providerJson(row) : null}
    },
  },
  {auth: true, handler: setProvider, method: 'PUT', path: PATH},
  {
    auth: true,
    method: 'DELETE',
    path: PATH,
    handler(ctx, o) {
      requireRole(ctx, ORG_ADMIN)
      const org = visibleOrg(ctx, o, ctx.params.orgId)
      return {outcome: (federation.deleteProvider(o.db, org.id) ? 'deleted' : 'unchanged') satisfies Outcome}
    },
  },
]
