// Resolves who we are and where we talk to, with the documented precedence:
// flag > environment variable > stored profile. Each value remembers where it came from
// (shown by `lcs auth status`).
import {CloudClient, CLI_CLIENT_ID, type Credentials, type Endpoints, type TokenState} from '../cloud/client.js'
import {LCS_VERSION, type Logger} from '../cloud/http.js'
import {normalizeApiUrl, type Profile, readConfig, regionEndpoints} from '../config/index.js'
import {LcsError} from '../errors.js'
import {findOrganization} from '../lookups.js'
import {registerSecret} from '../redact.js'
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

export async function resolveSession(flags: SessionFlags, opts: SessionOptions = {}): Promise<Session> {
  const env = opts.env ?? process.env
  const target = await resolveProfile(flags, env)
  let credentials: Credentials
  let credentialSource: string
  let token: TokenState | undefined
  let onToken: ((t: TokenState) => Promise<void>) | undefined
  if (env.LCS_TOKEN) {
    registerSecret(env.LCS_TOKEN)
    credentials = {accessToken: env.LCS_TOKEN, kind: 'token'}
    credentialSource = 'environment (LCS_TOKEN)'
  } else if (env.LCS_CLIENT_ID || env.LCS_CLIENT_SECRET) {
    if (!env.LCS_CLIENT_ID || !env.LCS_CLIENT_SECRET) {
      throw new LcsError('usage', `${env.LCS_CLIENT_ID ? 'LCS_CLIENT_SECRET' : 'LCS_CLIENT_ID'} is not set: client credentials from the environment need both LCS_CLIENT_ID and LCS_CLIENT_SECRET.`)
    }
    registerSecret(env.LCS_CLIENT_SECRET)
    credentials = {clientId: env.LCS_CLIENT_ID, clientSecret: env.LCS_CLIENT_SECRET, kind: 'client'}
    credentialSource = 'environment (LCS_CLIENT_ID, LCS_CLIENT_SECRET)'
  } else {
    const {profile, profileName: name} = target
    const secrets = profile.authMethod ? await loadSecrets(name, profile.secretStore, env) : undefined
    if (!secrets || (!secrets.clientSecret && !secrets.refreshToken)) {
      throw new LcsError('auth', profile.authMethod ? `The stored credentials of profile "${name}" are missing (${profile.secretStore ?? 'secret store'}).` : 'Not logged in.', {
        hint: 'Run `lcs login`, or set LCS_CLIENT_ID and LCS_CLIENT_SECRET (or LCS_TOKEN) for scripts.',
      })
    }
    credentials =
      profile.authMethod === 'client_credentials' && secrets.clientSecret
        ? {clientId: profile.clientId!, clientSecret: secrets.clientSecret, kind: 'client'}
        : {clientId: CLI_CLIENT_ID, kind: 'refresh', refreshToken: secrets.refreshToken!}
    credentialSource = `profile "${name}" (${storeLabel(profile.secretStore)})`
    if (secrets.accessToken && secrets.expiresAt) token = {accessToken: secrets.accessToken, expiresAt: secrets.expiresAt, refreshToken: secrets.refreshToken}
    onToken = async (t) => {
      await saveSecrets(name, {...secrets, accessToken: t.accessToken, expiresAt: t.expiresAt, refreshToken: t.refreshToken ?? secrets.refreshToken}, {env, insecure: profile.secretStore === 'file'})
    }
  }
  const client = new CloudClient({credentials, endpoints: target.endpoints, onToken, token, trace: opts.trace, userAgent: `lcs/${LCS_VERSION} node/${process.version}`})
  const org = flags.org ? {org: flags.org, orgSource: 'flag' as const} : env.LCS_ORG ? {org: env.LCS_ORG, orgSource: 'env' as const} : target.profile.org ? {org: target.profile.org, orgSource: 'profile' as const} : {}
  return {...target, client, credentialSource, credentials, ...org}
}

function storeLabel(store: Profile['secretStore']): string {
  return store === 'file' ? 'plain-text file' : store === 'keyutils' ? 'kernel keyring' : 'OS keychain'
}

/** The organization commands act on: the selected one, else the token's own. */
export async function activeOrgId(session: Session): Promise<string> {
  if (session.org && session.orgSource === 'profile') return session.org
  if (session.org) return (await findOrganization(session.client, session.org)).id
  return (await session.client.tokenInfo()).resource_owner_organization_id
}
