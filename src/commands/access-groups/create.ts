import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import {type AccessGroup, checkRoles} from '../../lib/cloud/index.js'
import {groupRule} from '../../lib/csv/index.js'
import {BaseCommand, checkArg, cloudFlags} from '../../lib/ui/index.js'

export default class AccessGroupsCreate extends BaseCommand {
  static args = {name: Args.string({description: 'Name of the group.', required: true})}

  static summary = 'Create a Child Organization Access Group in the partner organization'

  static description =
    "Create a Child Organization Access Group in the partner organization. It always carries Partner Administrator; --role adds more (enrolling customers' printers: Fleet Management Administrator and File Service Administrator)."

  static examples = [
    '<%= config.bin %> <%= command.id %> "Fleet technicians" --role "Fleet Management Administrator" --role "File Service Administrator"',
    '<%= config.bin %> <%= command.id %> "Report readers" --role "Fleet Management Reporting Analyst" --json',
  ]

  static flags = {
    ...cloudFlags,
    role: Flags.string({description: 'A role to add besides Partner Administrator (repeatable).', multiple: true}),
  }

  async run(): Promise<AccessGroup> {
    const {args, flags} = await this.parse(AccessGroupsCreate)
    const name = args.name.trim()
    checkArg('NAME', name, groupRule)
    const roles = checkRoles(flags.role ?? [])
    const s = await this.session(flags)
    const g = await s.client.accessGroups.create(await activeOrgId(s), name, roles)
    this.log(`Child Organization Access Group ${g.name} created with ${g.roles.join(', ')}.`)
    return g
  }
}
