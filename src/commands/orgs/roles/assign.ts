import {activeOrgId} from '../../../lib/auth/index.js'
import type {RoleAssignment} from '../../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, describeChange, roleArgs, roleArgv} from '../../../lib/ui/index.js'

export default class OrgsRolesAssign extends BaseCommand {
  static args = roleArgs

  static summary = 'Assign organization roles (inherited by every user)'

  static description = 'Assign organization roles: every user of the organization inherits them (needs Organization Administrator).'

  static examples = [
    '<%= config.bin %> <%= command.id %> "Print Release Management User"',
    '<%= config.bin %> <%= command.id %> "Print Release Management User" --org "Contoso Retail" --json',
  ]

  static flags = cloudFlags

  static strict = false

  async run(): Promise<RoleAssignment> {
    const {argv, flags} = await this.parse(OrgsRolesAssign)
    const roles = roleArgv(argv)
    const s = await this.session(flags)
    const out = await s.client.roles.changeOrganization(await activeOrgId(s), {assign: roles})
    this.log(describeChange('Organization roles', out))
    return out
  }
}
