// The authentication provider as `lcs orgs federation` shows it and takes it from flags.
import {
  domainProblem,
  httpsUrlProblem,
  loadCertificate,
  NAME_ID_FORMATS,
  NAME_ID_RULE,
  nameIdFormat,
  type IdentityProvider,
  type ProviderInput,
} from '../cloud/index.js'
import {LcsError} from '../errors.js'

const shortFormat = (urn: string) => Object.entries(NAME_ID_FORMATS).find(([, u]) => u === urn)?.[0]

export function describeProvider(orgName: string, p: IdentityProvider, now = new Date()): string {
  const c = p.certificate
  const expired = new Date(c.validTo).getTime() <= now.getTime()
  return [
    `Authentication provider of ${orgName} (${p.type}; an organization has one):`,
    `  Entity ID:        ${p.entityId}`,
    `  SSO target URL:   ${p.ssoUrl}`,
    `  SSO logout URL:   ${p.logoutUrl}`,
    `  Name-ID format:   ${p.nameIdFormat}${shortFormat(p.nameIdFormat) ? ` (${shortFormat(p.nameIdFormat)})` : ''}`,
    `  Domains:          ${p.domains.length ? p.domains.join(', ') : '(none)'}`,
    `  Certificate:      ${c.subject}, issued by ${c.issuer}`,
    `                    valid ${c.validFrom} to ${c.validTo}${expired ? ' — EXPIRED: set a new one with --certificate' : ''}`,
    `  SHA-256:          ${c.fingerprint256}`,
  ].join('\n')
}

export interface ProviderFlags {
  'entity-id'?: string
  'sso-url'?: string
  'logout-url'?: string
  'name-id-format'?: string
  certificate?: string
  domain?: string[]
}

const REQUIRED: Array<[keyof ProviderFlags, keyof ProviderInput]> = [
  ['entity-id', 'entityId'],
  ['sso-url', 'ssoUrl'],
  ['logout-url', 'logoutUrl'],
  ['name-id-format', 'nameIdFormat'],
  ['certificate', 'certificate'],
]

/**
 * The provider the flags describe, the current one's settings filling what they leave out: URLs must be
 * https (usage, exit 2), the certificate file a valid certificate (bad data, exit 7), all before any change.
 */
export async function providerFromFlags(flags: ProviderFlags, current: IdentityProvider | null): Promise<ProviderInput> {
  for (const flag of ['entity-id', 'sso-url', 'logout-url'] as const) {
    const v = flags[flag]
    const broken = v === undefined ? undefined : httpsUrlProblem(v)
    if (broken) throw new LcsError('usage', `--${flag} ${v}: ${broken}.`)
  }
  let format: string | undefined
  if (flags['name-id-format'] !== undefined) {
    format = nameIdFormat(flags['name-id-format'])
    if (!format) throw new LcsError('usage', `--name-id-format ${flags['name-id-format']}: ${NAME_ID_RULE}.`)
  }
  for (const d of flags.domain ?? []) {
    const broken = domainProblem(d.trim().toLowerCase())
    if (broken) throw new LcsError('usage', `--domain: ${broken}.`)
  }
  if (!current) {
    const missing = REQUIRED.filter(([flag]) => flags[flag] === undefined).map(([flag]) => `--${flag}`)
    if (missing.length)
      throw new LcsError('usage', `A new authentication provider needs ${missing.join(', ')} (the portal's required fields).`)
  }
  const certificate = flags.certificate === undefined ? current!.certificate.pem : (await loadCertificate(flags.certificate)).pem
  return {
    certificate,
    domains: flags.domain ? flags.domain.map((d) => d.trim().toLowerCase()) : current?.domains,
    entityId: flags['entity-id'] ?? current!.entityId,
    logoutUrl: flags['logout-url'] ?? current!.logoutUrl,
    nameIdFormat: format ?? current!.nameIdFormat,
    ssoUrl: flags['sso-url'] ?? current!.ssoUrl,
  }
}
