// Resolves who we are and where we talk to, with the documented precedence:
// flag > environment variable > stored profile. Each value remembers where it came from
// (shown by `lcs auth status`).
import {
  CLI_CLIENT_ID,
  CloudClient,
  type Credentials,
  credentialsFromEnv,
  type Endpoints,
  LCS_VERSION,
  type Logger,
  type Organization,
  type TokenState,
  type TransportOptions,
} from '../cloud/index.js'
import {normalizeApiUrl, type Profile, readConfig, regionEndpoints} from '../config/index.js'
import {LcsError} from '../errors.js'
import {loadSecrets, saveSecrets} from './secrets.js'

interface SessionFlags {
  profile?: string
  'api-url'?: string
  region?: string
  org?: string
}

type Source = 'flag' | 'env' | 'profile' | 'default' | 'token'

export interface ResolvedProfile {
  profileName: string
  profile: Profile
  endpoints: Endpoints
  apiUrl: string
  apiSource: Source
}

export interface Session extends ResolvedProfile {
  client: CloudClient
  credentials: Credentials
  /** Human description of where the credentials came from. */
  credentialSource: string
  /** Explicitly selected organization, if any (else the token's own organization). */
  org?: string
  orgSource?: Source
}

export function profileName(flags: SessionFlags, env: NodeJS.ProcessEnv = process.env): string {
  return flags.profile ?? env.LCS_PROFILE ?? 'default'
}

/** Where to talk to, without needing credentials. */
export async function resolveProfile(flags: SessionFlags, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedProfile> {
  const cfg = await readConfig(env)
  const name = profileName(flags, env)
  const profile = cfg.profiles[name] ?? {}
  const pick = (): {url?: string; region?: string; src: Source} => {
    if (flags['api-url']) return {src: 'flag', url: normalizeApiUrl(flags['api-url'])}
    if (flags.region) return {region: flags.region, src: 'flag'}
    if (env.LCS_API_URL) return {src: 'env', url: normalizeApiUrl(env.LCS_API_URL, 'LCS_API_URL')}
    if (env.LCS_REGION) return {region: env.LCS_REGION, src: 'env'}
    if (profile.apiUrl) return {src: 'profile', url: profile.apiUrl}
    if (profile.region) return {region: profile.region, src: 'profile'}
    return {region: 'us', src: 'default'}
  }
  const p = pick()
  const endpoints = p.url ? {apis: p.url, idp: p.url} : regionEndpoints(p.region!)
  return {apiSource: p.src, apiUrl: p.url ?? endpoints.apis, endpoints, profile, profileName: name}
}

interface SessionOptions {
  trace?: Logger
  env?: NodeJS.ProcessEnv
}

/** The transport settings the CLI takes from its environment (the SDK itself reads no variable). */
export function transportFromEnv(env: NodeJS.ProcessEnv): TransportOptions {
  const num = (name: string): number | undefined => {
    const v = env[name]
    if (v === undefined || v === '') return undefined
    const n = Number(v)
    if (!Number.isFinite(n) || n < 0) throw new LcsError('usage', `${name} must be a number ≥ 0, not "${v}".`)
    return n
  }
  return {deadlineMs: num('LCS_HTTP_DEADLINE_MS'), maxRetries: num('LCS_MAX_RETRIES'), timeoutMs: num('LCS_HTTP_TIMEOUT_MS')}
}

interface StoredCredentials {
  credentials: Credentials
  token?: TokenState
  onToken: (t: TokenState) => Promise<void>
}

/** The credentials `lcs login` stored for a profile (renewed tokens are stored back). */
async function profileCredentials(name: string, profile: Profile, env: NodeJS.ProcessEnv): Promise<StoredCredentials> {
  const secrets = profile.authMethod ? await loadSecrets(name, profile.secretStore, env) : undefined
  if (!secrets || (!secrets.clientSecret && !secrets.refreshToken)) {
    throw new LcsError(
      'auth',
      profile.authMethod
        ? `The stored credentials of profile "${name}" are missing (${profile.secretStore ?? 'secret store'}).`
        : 'Not logged in.',
      {
        hint: 'Run `lcs login`, or set LCS_CLIENT_ID and LCS_CLIENT_SECRET (or LCS_TOKEN) for scripts.',
      },
    )
  }
  const credentials: Credentials =
    profile.authMethod === 'client_credentials' && secrets.clientSecret
      ? {clientId: profile.clientId!, clientSecret: secrets.clientSecret, kind: 'client'}
      : {clientId: CLI_CLIENT_ID, kind: 'refresh', refreshToken: secrets.refreshToken!}
  const token =
    secrets.accessToken && secrets.expiresAt
      ? {accessToken: secrets.accessToken, expiresAt: secrets.expiresAt, refreshToken: secrets.refreshToken}
      : undefined
  const onToken = async (t: TokenState) => {
    await saveSecrets(
      name,
      {...secrets, accessToken: t.accessToken, expiresAt: t.expiresAt, refreshToken: t.refreshToken ?? secrets.refreshToken},
      {env, insecure: profile.secretStore === 'file'},
    )
  }
  return {credentials, onToken, token}
}

/** A profile's stored login, its own endpoints included (what `CloudClient.fromLogin` builds a client from). */
export async function storedLogin(
  profile: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<StoredCredentials & {endpoints: Endpoints}> {
  const name = profileName({profile}, env)
  const p = (await readConfig(env)).profiles[name] ?? {}
  const endpoints = p.apiUrl ? {apis: p.apiUrl, idp: p.apiUrl} : regionEndpoints(p.region ?? 'us')
  return {...(await profileCredentials(name, p, env)), endpoints}
}

export async function resolveSession(flags: SessionFlags, opts: SessionOptions = {}): Promise<Session> {
  const env = opts.env ?? process.env
  const target = await resolveProfile(flags, env)
  const fromEnv = credentialsFromEnv(env)
  const stored = fromEnv ? undefined : await profileCredentials(target.profileName, target.profile, env)
  const credentials = fromEnv?.credentials ?? stored!.credentials
  const credentialSource = fromEnv?.source ?? `profile "${target.profileName}" (${storeLabel(target.profile.secretStore)})`
  const client = new CloudClient({
    ...transportFromEnv(env),
    credentials,
    endpoints: target.endpoints,
    onToken: stored?.onToken,
    token: stored?.token,
    trace: opts.trace,
    userAgent: `lcs/${LCS_VERSION} node/${process.version}`,
  })
  const org = flags.org
    ? {org: flags.org, orgSource: 'flag' as const}
    : env.LCS_ORG
      ? {org: env.LCS_ORG, orgSource: 'env' as const}
      : target.profile.org
        ? {org: target.profile.org, orgSource: 'profile' as const}
        : {}
  return {...target, client, credentialSource, credentials, ...org}
}

function storeLabel(store: Profile['secretStore']): string {
  return store === 'file' ? 'plain-text file' : store === 'keyutils' ? 'kernel keyring' : 'OS keychain'
}

/** Finds an organization by id or (case-insensitive) name among those the session can reach. */
export async function findOrganization(client: CloudClient, ref: string): Promise<Organization> {
  const all: Organization[] = []
  for await (const o of client.orgs.list()) all.push(o)
  const byId = all.find((o) => o.id === ref)
  if (byId) return byId
  const byName = all.filter((o) => o.name.toLowerCase() === ref.toLowerCase())
  if (byName.length === 1) return byName[0]
  if (byName.length > 1)
    throw new LcsError('usage', `Several organizations are named "${ref}": use the id (${byName.map((o) => o.id).join(', ')}).`)
  throw new LcsError('notFound', `No organization "${ref}" among the ${all.length} this account can reach.`, {hint: 'See `lcs orgs list`.'})
}

/** The organization commands act on: the selected one, else the token's own. */
export async function activeOrgId(session: Session): Promise<string> {
  if (session.org && session.orgSource === 'profile') return session.org
  if (session.org) return (await findOrganization(session.client, session.org)).id
  return (await session.client.tokenInfo()).resource_owner_organization_id
}
