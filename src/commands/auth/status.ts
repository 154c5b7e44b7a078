import {resolveProfile} from '../../lib/auth/index.js'
import {LcsError} from '../../lib/errors.js'
import {BaseCommand, cloudFlags, formatTime} from '../../lib/ui/index.js'

interface AuthStatusResult {
  authenticated: boolean
  profile: string
  apiUrl: string
  apiSource: string
  credentialSource?: string
  authMethod?: string
  principal?: string
  organization?: {id: string; name?: string; source: string}
  tokenExpiresAt?: string
  error?: string
}

export default class AuthStatus extends BaseCommand {
  static summary = 'Show who you are logged in as, the organization, API and token expiry'

  static description = `Show who you are logged in as, which organization and API are used, when the token expires, and where the credentials come from. Exits 4 when not authenticated.`

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']

  static flags = {...cloudFlags}

  async run(): Promise<AuthStatusResult> {
    const {flags} = await this.parse(AuthStatus)
    const target = await resolveProfile(flags)
    const base = {apiSource: target.apiSource, apiUrl: target.apiUrl, profile: target.profileName}
    let status: AuthStatusResult
    try {
      const s = await this.session(flags)
      const info = await s.client.tokenInfo()
      const orgId = s.org ?? info.resource_owner_organization_id
      let orgName = s.orgSource === 'profile' ? s.profile.orgName : undefined
      if (!orgName)
        orgName = await s.client.orgs.get(orgId).then(
          (o) => o.name,
          () => undefined,
        )
      status = {
        ...base,
        authMethod: s.credentials.kind === 'client' ? 'client_credentials' : s.credentials.kind === 'refresh' ? 'password' : 'token',
        authenticated: true,
        credentialSource: s.credentialSource,
        organization: {id: orgId, name: orgName, source: s.orgSource ?? 'token'},
        principal: info.email ?? info.client_id ?? info.resource_owner_id,
        tokenExpiresAt: info.expires_in === undefined ? undefined : new Date(Date.now() + info.expires_in * 1000).toISOString(),
      }
    } catch (error) {
      if (!(error instanceof LcsError) || error.kind !== 'auth') throw error
      status = {...base, authenticated: false, error: error.message}
      this.exitAs(error.kind)
    }
    if (status.authenticated) {
      this.log(`Logged in to ${status.apiUrl} (${status.apiSource}) as ${status.principal}
  Organization  ${status.organization?.name ?? ''} (${status.organization?.id}, from ${status.organization?.source})
  Auth method   ${status.authMethod}; credentials from ${status.credentialSource}
  Token expires ${status.tokenExpiresAt ? formatTime(Date.parse(status.tokenExpiresAt)) : 'unknown'}`)
    } else {
      this.log(
        `Not authenticated for ${status.apiUrl} (profile "${status.profile}"): ${status.error}\nRun \`lcs login\`, or set LCS_CLIENT_ID and LCS_CLIENT_SECRET.`,
      )
    }
    return status
  }
}
