import {activeOrgId} from '../../../lib/auth/index.js'
import {BaseCommand, cloudFlags} from '../../../lib/ui/index.js'

export default class OrgsRolesShow extends BaseCommand {
  static summary = 'Show the organization roles, which every user inherits'

  static description = 'Show the organization roles, which every user of the organization inherits.'

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --org "Contoso Retail" --json']

  static flags = cloudFlags

  async run(): Promise<{roles: string[]}> {
    const {flags} = await this.parse(OrgsRolesShow)
    const s = await this.session(flags)
    const out = await s.client.roles.ofOrganization(await activeOrgId(s))
    this.log(out.roles.length ? `Organization roles: ${out.roles.join(', ')}.` : 'No organization roles.')
    return out
  }
}
