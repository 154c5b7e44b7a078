import {Flags} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/index.js'
import type {Outcome} from '../../../lib/cloud/index.js'
import {BaseCommand, cloudFlags} from '../../../lib/ui/index.js'

export default class OrgsFederationRemove extends BaseCommand {
  static summary = "Remove the organization's authentication provider"

  static description =
    "Remove the organization's authentication provider: its users log in with Lexmark Cloud Services passwords again (send them one with lcs users reset-password). Asks first on a terminal; scripts pass --yes. No provider: unchanged."

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --org "Contoso Retail" --yes --json']

  static flags = {...cloudFlags, yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation (required without a terminal).'})}

  async run(): Promise<{outcome: Outcome; entityId?: string}> {
    const {flags} = await this.parse(OrgsFederationRemove)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const current = await s.client.federation.get(orgId)
    if (!current) {
      this.log('No authentication provider: unchanged.')
      return {outcome: 'unchanged'}
    }
    await this.confirmDelete(`the authentication provider ${current.entityId}`, flags.yes)
    const {outcome} = await s.client.federation.remove(orgId)
    this.log(`Authentication provider ${current.entityId}: ${outcome}.`)
    return {entityId: current.entityId, outcome}
  }
}
