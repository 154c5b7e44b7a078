import {activeOrgId} from '../../../lib/auth/index.js'
import type {RoleAssignment} from '../../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, describeChange, roleArgs, roleArgv} from '../../../lib/ui/index.js'

export default class OrgsRolesRemove extends BaseCommand {
  static args = roleArgs

  static summary = 'Remove organization roles'

  static description =
    'Remove organization roles: users keep the roles they have individually or through groups (needs Organization Administrator).'

  static examples = [
    '<%= config.bin %> <%= command.id %> "Print Release Management User"',
    '<%= config.bin %> <%= command.id %> "Print Release Management User" --org "Contoso Retail" --json',
  ]

  static flags = cloudFlags

  static strict = false

  async run(): Promise<RoleAssignment> {
    const {argv, flags} = await this.parse(OrgsRolesRemove)
    const roles = roleArgv(argv)
    const s = await this.session(flags)
    const out = await s.client.roles.changeOrganization(await activeOrgId(s), {remove: roles})
    this.log(describeChange('Organization roles', out))
    return out
  }
}
