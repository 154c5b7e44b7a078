import {Args} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {Group} from '../../lib/cloud/index.js'
import {groupRule} from '../../lib/csv/index.js'
import {BaseCommand, checkArg, cloudFlags} from '../../lib/ui/index.js'

export default class GroupsCreate extends BaseCommand {
  static args = {name: Args.string({description: 'Name of the new group (unique in any case).', required: true})}

  static summary = 'Create an empty group'

  static description =
    'Create an empty group. Add members with `lcs groups members add` and roles with `lcs groups roles assign`. A group of that name (any case) is a conflict (exit 6).'

  static examples = [
    '<%= config.bin %> <%= command.id %> Technicians',
    '<%= config.bin %> <%= command.id %> "Print users" --org "Contoso Retail" --json',
  ]

  static flags = cloudFlags

  async run(): Promise<Group> {
    const {args, flags} = await this.parse(GroupsCreate)
    const name = args.name.trim()
    checkArg('NAME', name, groupRule)
    const s = await this.session(flags)
    const g = await s.client.groups.create(await activeOrgId(s), name)
    this.log(`Group ${g.name} created (${g.id}).`)
    return g
  }
}
