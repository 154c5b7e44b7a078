import {Flags} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/index.js'
import {NAME_ID_FORMATS, type IdentityProvider, type Outcome} from '../../../lib/cloud/index.js'
import {LcsError} from '../../../lib/errors.js'
import {BaseCommand, cloudFlags, describeProvider, providerFromFlags} from '../../../lib/ui/index.js'

export default class OrgsFederationSet extends BaseCommand {
  static summary = "Configure the organization's authentication provider (SAML 2.0)"

  static description = `Configure the organization's authentication provider (identity federation with a SAML 2.0 identity provider such as Azure AD or Google Identity): its users then log in with their company credentials.

A new provider needs every required field of the portal's form: --entity-id, --sso-url, --logout-url, --name-id-format and --certificate; changing one keeps the others. URLs are https. The certificate is the identity provider's signing certificate in PEM, checked before anything is sent: parseable, a certificate (never a private key), not expired. An organization federates with one provider: one with another entity ID replaces it only with --replace.

With a provider, PINs are set by administrators and never expire: set that first (lcs login-config set --pin-generation admin --pin-expiry never).`

  static examples = [
    '<%= config.bin %> <%= command.id %> --entity-id https://sts.windows.net/contoso/ --sso-url https://login.microsoftonline.com/contoso/saml2 --logout-url https://login.microsoftonline.com/contoso/saml2/logout --name-id-format email --certificate idp-signing.pem --domain contoso.com',
    '<%= config.bin %> <%= command.id %> --certificate new-signing.pem --json',
  ]

  static flags = {
    ...cloudFlags,
    'entity-id': Flags.string({description: 'Service provider entity ID: the URL of the identity provider (https).'}),
    'sso-url': Flags.string({description: 'SSO target URL: the ACS URL used to log in to the SSO provider (https).'}),
    'logout-url': Flags.string({description: 'SSO logout URL (https).'}),
    'name-id-format': Flags.string({description: `SSO name-identifier format: ${Object.keys(NAME_ID_FORMATS).join(', ')}, or a full URN.`}),
    certificate: Flags.file({description: "The identity provider's signing certificate (PEM file)."}),
    domain: Flags.string({
      description: 'An e-mail domain of the users who log in through it (repeatable; replaces the list).',
      multiple: true,
    }),
    replace: Flags.boolean({description: 'Replace a provider with another entity ID (one provider per organization).'}),
  }

  async run(): Promise<{outcome: Outcome; provider: IdentityProvider}> {
    const {flags} = await this.parse(OrgsFederationSet)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const current = await s.client.federation.get(orgId)
    const input = await providerFromFlags(flags, current)
    const [org, out] = await Promise.all([
      s.client.orgs.get(orgId),
      s.client.federation.set(orgId, input, {replace: flags.replace}).catch((error: unknown) => {
        if (error instanceof LcsError && error.kind === 'conflict' && current && !flags.replace && input.entityId !== current.entityId)
          throw new LcsError('conflict', error.message, {hint: 'Pass --replace to replace it, or run lcs orgs federation remove first.'})
        throw error
      }),
    ])
    this.log(`${describeProvider(org.name, out.provider)}\n${out.outcome}.`)
    return out
  }
}
