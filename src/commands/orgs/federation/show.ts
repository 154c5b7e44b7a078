import {activeOrgId} from '../../../lib/auth/index.js'
import type {IdentityProvider} from '../../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, describeProvider} from '../../../lib/ui/index.js'

export default class OrgsFederationShow extends BaseCommand {
  static summary = "Show the organization's authentication provider"

  static description =
    "Show the organization's authentication provider (identity federation, SAML 2.0): entity ID, SSO and logout URLs, name-ID format, domains, and the signing certificate with its validity and SHA-256 fingerprint. --json: {organization, provider}, provider null when there is none."

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --org "Contoso Retail" --json']

  static flags = cloudFlags

  async run(): Promise<{organization: string; provider: IdentityProvider | null}> {
    const {flags} = await this.parse(OrgsFederationShow)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const [org, provider] = await Promise.all([s.client.orgs.get(orgId), s.client.federation.get(orgId)])
    this.log(
      provider
        ? describeProvider(org.name, provider)
        : `${org.name} has no authentication provider: its users log in with Lexmark Cloud Services passwords. Configure one with: lcs orgs federation set --entity-id URL --sso-url URL --logout-url URL --name-id-format email --certificate FILE`,
    )
    return {organization: org.name, provider}
  }
}
