// Identity federation: an organization's authentication provider (SAML 2.0), one per organization as the
// guide says. The rules here — https URLs, a SAML name-ID format, a signing certificate that is a
// parseable, unexpired X.509 certificate and nothing else (never a private key) — are checked by the CLI
// before it sends anything and again by the sandbox, which refuses what the cloud refuses.
import {X509Certificate} from 'node:crypto'
import {open} from 'node:fs/promises'

import {LcsError} from '../errors.js'
import type {CloudClient} from './client.js'
import type {Outcome, RequestOptions} from './types.js'

/** The SAML name-identifier formats, by the short names the CLI and rollout files take. */
export const NAME_ID_FORMATS = {
  email: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  unspecified: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
  x509: 'urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName',
  windows: 'urn:oasis:names:tc:SAML:1.1:nameid-format:WindowsDomainQualifiedName',
  kerberos: 'urn:oasis:names:tc:SAML:2.0:nameid-format:kerberos',
  entity: 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity',
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  transient: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
} as const

/** A short name or a full URN → the URN; undefined for anything else. */
export function nameIdFormat(text: string): string | undefined {
  const t = text.trim()
  const short = NAME_ID_FORMATS[t.toLowerCase() as keyof typeof NAME_ID_FORMATS]
  return short ?? Object.values(NAME_ID_FORMATS).find((u) => u.toLowerCase() === t.toLowerCase())
}

export const NAME_ID_RULE = `a SAML name-ID format: ${Object.keys(NAME_ID_FORMATS).join(', ')}, or its urn:oasis:names:tc:SAML:… name`

/** Why this is not an https URL (undefined: it is one). */
export function httpsUrlProblem(text: string): string | undefined {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'not a URL: give an https:// URL'
  }
  if (url.protocol !== 'https:') return `an https:// URL (got ${url.protocol.replace(/:$/, '')}://)`
  if (url.username || url.password) return 'an https:// URL without a user name or password in it'
  return undefined
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i

export const domainProblem = (d: string): string | undefined => (DOMAIN.test(d) ? undefined : `"${d}" is not a domain name (contoso.com)`)

export interface CertificateInfo {
  /** SHA-256 fingerprint, colon-separated hex (as openssl x509 -fingerprint -sha256 shows it). */
  fingerprint256: string
  subject: string
  issuer: string
  /** ISO 8601. */
  validFrom: string
  validTo: string
}

/** Largest certificate file accepted. */
export const CERTIFICATE_MAX_BYTES = 64 * 1024

export type CertificateCheck = {ok: true; pem: string; info: CertificateInfo} | {ok: false; rule: string; line?: number}

/**
 * Checks that `text` is exactly one PEM certificate, parseable, valid at `now`: the PEM (just that block)
 * and its details, or the broken rule with the line it is on. A private key in the file is refused and
 * never echoed.
 */
export function checkCertificate(text: string, now = new Date()): CertificateCheck {
  if (Buffer.byteLength(text) > CERTIFICATE_MAX_BYTES)
    return {ok: false, rule: `larger than ${CERTIFICATE_MAX_BYTES / 1024} KB: not a certificate`}
  const lines = text.split(/\r?\n/)
  const begins = lines.flatMap((l, i) => {
    const m = /^-----BEGIN ([A-Z0-9 ]+)-----\s*$/.exec(l.trim())
    return m ? [{label: m[1], line: i + 1}] : []
  })
  if (!begins.length)
    return {
      ok: false,
      rule: 'not PEM: no "-----BEGIN CERTIFICATE-----" line (a DER file converts with: openssl x509 -inform der -in FILE -out FILE.pem)',
    }
  const key = begins.find((b) => b.label.includes('PRIVATE KEY'))
  if (key)
    return {
      line: key.line,
      ok: false,
      rule: `a private key (${key.label}), not a certificate: give the identity provider's signing certificate alone`,
    }
  const certs = begins.filter((b) => b.label === 'CERTIFICATE')
  if (!certs.length)
    return {line: begins[0].line, ok: false, rule: `a PEM "${begins[0].label}", not a certificate (-----BEGIN CERTIFICATE-----)`}
  if (certs.length > 1) return {line: certs[1].line, ok: false, rule: `one certificate, the signing one: the file has ${certs.length}`}
  const start = certs[0].line
  const end = lines.findIndex((l, i) => i >= start && l.trim() === '-----END CERTIFICATE-----')
  if (end < 0) return {line: start, ok: false, rule: 'no "-----END CERTIFICATE-----" line after this BEGIN'}
  const pem = `${lines
    .slice(start - 1, end + 1)
    .map((l) => l.trim())
    .join('\n')}\n`
  let cert: X509Certificate
  try {
    cert = new X509Certificate(pem)
  } catch (error) {
    return {line: start, ok: false, rule: `not a parseable X.509 certificate (${(error as Error).message})`}
  }
  const validFrom = new Date(cert.validFrom)
  const validTo = new Date(cert.validTo)
  if (validTo.getTime() <= now.getTime()) return {line: start, ok: false, rule: `the certificate expired on ${validTo.toISOString()}`}
  if (validFrom.getTime() > now.getTime())
    return {line: start, ok: false, rule: `the certificate is not valid before ${validFrom.toISOString()}`}
  const oneLine = (dn: string) => dn.split('\n').filter(Boolean).join(', ')
  return {
    info: {
      fingerprint256: cert.fingerprint256,
      issuer: oneLine(cert.issuer),
      subject: oneLine(cert.subject),
      validFrom: validFrom.toISOString(),
      validTo: validTo.toISOString(),
    },
    ok: true,
    pem,
  }
}

/** What an organization's authentication provider is set to. */
export interface ProviderInput {
  /** Service provider entity ID: the URL of the identity provider. */
  entityId: string
  /** SSO target URL: the ACS URL used to log in to the SSO provider. */
  ssoUrl: string
  logoutUrl: string
  /** A URN of NAME_ID_FORMATS. */
  nameIdFormat: string
  /** The signing certificate, PEM. */
  certificate: string
  /** E-mail domains whose users log in through this provider. */
  domains?: string[]
}

export interface IdentityProvider extends Omit<ProviderInput, 'certificate' | 'domains'> {
  type: 'SAML'
  domains: string[]
  certificate: CertificateInfo & {pem: string}
  /** Epoch ms. */
  updatedAt: number
}

/** `client.federation`: the organization's authentication provider (identity federation). */
export class Federation {
  /** @internal */
  constructor(private readonly c: CloudClient) {}

  /** The provider, or null when the organization does not federate. */
  async get(orgId: string, opts: RequestOptions = {}): Promise<IdentityProvider | null> {
    return (await this.c.call<{provider: IdentityProvider | null}>('getIdentityProvider', {params: {orgId}, signal: opts.signal})).provider
  }

  /**
   * Configures the provider (created, updated or unchanged). One provider per organization: replacing one
   * with another entity ID needs `replace` (409 otherwise).
   */
  set(
    orgId: string,
    provider: ProviderInput,
    opts: RequestOptions & {replace?: boolean} = {},
  ): Promise<{outcome: Outcome; provider: IdentityProvider}> {
    return this.c.call('setIdentityProvider', {
      body: provider,
      params: {orgId},
      query: {replace: opts.replace ? 'true' : undefined},
      signal: opts.signal,
    })
  }

  /** Removes the provider: deleted, or unchanged when there was none. */
  remove(orgId: string, opts: RequestOptions = {}): Promise<{outcome: Outcome}> {
    return this.c.call('removeIdentityProvider', {params: {orgId}, signal: opts.signal})
  }
}

/** A certificate file, checked: its PEM and details, or a bad-data error (exit 7) naming the file, line and rule. */
export async function loadCertificate(path: string, now = new Date()): Promise<{pem: string; info: CertificateInfo}> {
  const fh = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new LcsError('usage', `${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`)
  })
  let text: string
  try {
    if ((await fh.stat()).size > CERTIFICATE_MAX_BYTES)
      throw new LcsError('badData', `${path}: larger than ${CERTIFICATE_MAX_BYTES / 1024} KB: not a certificate.`)
    text = await fh.readFile('utf8')
  } finally {
    await fh.close()
  }
  const check = checkCertificate(text, now)
  if (!check.ok) throw new LcsError('badData', `${path}${check.line ? ` line ${check.line}` : ''}: ${check.rule}.`)
  return {info: check.info, pem: check.pem}
}
