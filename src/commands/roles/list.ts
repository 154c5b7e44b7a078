import type {RoleInfo} from '../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, listFlags, describeCatalog} from '../../lib/ui/index.js'

export default class RolesList extends BaseCommand {
  static summary = 'List every role of the cloud with a one-line meaning'

  static description =
    'List every role of the cloud with a one-line meaning, grouped: account management, fleet management, print management, partner. Enrolling printers needs Fleet Management Administrator and File Service Administrator.'

  static examples = ['<%= config.bin %> <%= command.id %>', "<%= config.bin %> <%= command.id %> --json | jq -r '.[].name'"]

  static flags = {...cloudFlags, ...listFlags}

  async run(): Promise<RoleInfo[]> {
    const {flags} = await this.parse(RolesList)
    const s = await this.session(flags)
    const roles = await this.collect(await s.client.roles.catalog(), flags.limit)
    this.log(describeCatalog(roles))
    return roles
  }
}
