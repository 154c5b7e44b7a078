import {Args} from '@oclif/core'

import {findOrganization} from '../../lib/lookups.js'
import {updateProfile} from '../../lib/config/index.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/index.js'

export default class OrgsUse extends BaseCommand {
  static args = {org: Args.string({ignoreStdin: true, description: 'Organization id or name.', required: true})}

  static summary = 'Select the organization later commands act on'

  static description = 'Select the organization later commands act on (stored in the profile; --org and LCS_ORG still override it).'

  static examples = ['<%= config.bin %> <%= command.id %> "Contoso Retail"', '<%= config.bin %> <%= command.id %> 6f1c2d3e-…']

  static flags = {profile: cloudFlags.profile, 'api-url': cloudFlags['api-url'], region: cloudFlags.region}

  async run(): Promise<{id: string; name: string; profile: string}> {
    const {args, flags} = await this.parse(OrgsUse)
    const s = await this.session(flags)
    const org = await findOrganization(s.client, args.org)
    await updateProfile(s.profileName, {org: org.id, orgName: org.name})
    this.log(`Now using ${org.name} (${org.id}) in profile "${s.profileName}".`)
    if (process.env.LCS_ORG) this.warning(`LCS_ORG is set (${process.env.LCS_ORG}) and overrides this choice while it is.`)
    return {id: org.id, name: org.name, profile: s.profileName}
  }
}
