// `lcs login`: authenticate, pick the organization, and only then store the profile and its secrets,
// so a failed login stores nothing.
import {CLI_CLIENT_ID, CloudClient, type Credentials, type Logger, type Organization, type TokenState} from '../cloud/index.js'
import {updateProfile} from '../config/index.js'
import {saveSecrets, type SecretStoreKind} from './secrets.js'
import {type ResolvedProfile} from './session.js'
import {findOrganization} from '../lookups.js'

export type LoginMethod = {kind: 'client'; clientId: string; clientSecret: string} | {kind: 'password'; email: string; password: string}

interface LoginOptions {
  target: ResolvedProfile
  method: LoginMethod
  /** Organization given on the command line (id or name). */
  orgRef?: string
  /** Asked when the account reaches several organizations and no --org was given. */
  pickOrg?: (orgs: Organization[], defaultId: string) => Promise<string>
  insecureStorage?: boolean
  trace?: Logger
  /** Where the profile and its secrets are stored (LCS_CONFIG_DIR, LCS_NO_KEYCHAIN); default process.env. */
  env?: NodeJS.ProcessEnv
}

export interface LoginResult {
  profile: string
  apiUrl: string
  authMethod: 'client_credentials' | 'password'
  principal: string
  organization: {id: string; name: string}
  organizations: number
  secretStore: SecretStoreKind
  warning?: string
}

export async function login(opts: LoginOptions): Promise<LoginResult> {
  const {target, method} = opts
  let credentials: Credentials
  let token: TokenState | undefined
  if (method.kind === 'password') {
    token = await CloudClient.passwordGrant(target.endpoints, method.email, method.password, {trace: opts.trace})
    credentials = {clientId: CLI_CLIENT_ID, kind: 'refresh', refreshToken: token.refreshToken ?? ''}
  } else {
    credentials = {clientId: method.clientId, clientSecret: method.clientSecret, kind: 'client'}
  }
  let latest = token
  const client = new CloudClient({credentials, endpoints: target.endpoints, onToken: (t) => void (latest = t), token, trace: opts.trace})
  const info = await client.tokenInfo()
  const orgs: Organization[] = []
  for await (const o of client.orgs.list()) orgs.push(o)
  let org: Organization | undefined
  if (opts.orgRef) {
    org = await findOrganization(client, opts.orgRef)
  } else if (orgs.length > 1 && opts.pickOrg) {
    const id = await opts.pickOrg(orgs, info.resource_owner_organization_id)
    org = orgs.find((o) => o.id === id)
  }
  org ??= orgs.find((o) => o.id === info.resource_owner_organization_id) ?? (await client.orgs.get(info.resource_owner_organization_id))

  const saved = await saveSecrets(
    target.profileName,
    method.kind === 'client'
      ? {accessToken: latest?.accessToken, clientSecret: method.clientSecret, expiresAt: latest?.expiresAt}
      : {accessToken: latest?.accessToken, expiresAt: latest?.expiresAt, refreshToken: latest?.refreshToken ?? token?.refreshToken},
    {env: opts.env, insecure: opts.insecureStorage},
  )
  await updateProfile(
    target.profileName,
    {
      // A custom base (the sandbox) is stored as apiUrl, a public region by its name.
      apiUrl: target.endpoints.idp === target.endpoints.apis ? target.apiUrl : undefined,
      authMethod: method.kind === 'client' ? 'client_credentials' : 'password',
      clientId: method.kind === 'client' ? method.clientId : undefined,
      email: method.kind === 'password' ? method.email : (info.email ?? undefined),
      org: org.id,
      orgName: org.name,
      region: target.endpoints.idp === target.endpoints.apis ? undefined : regionOf(target.apiUrl),
      secretStore: saved.store,
    },
    opts.env,
  )
  return {
    apiUrl: target.apiUrl,
    authMethod: method.kind === 'client' ? 'client_credentials' : 'password',
    organization: {id: org.id, name: org.name},
    organizations: orgs.length,
    principal: method.kind === 'client' ? method.clientId : method.email,
    profile: target.profileName,
    secretStore: saved.store,
    warning: saved.warning,
  }
}

function regionOf(apiUrl: string): string | undefined {
  return /^https:\/\/apis\.(\w+)\.iss\.lexmark\.com$/.exec(apiUrl)?.[1]
}
