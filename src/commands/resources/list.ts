import {Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {Resource, ResourceType} from '../../lib/cloud/index.js'
import {RESOURCE_COLUMNS, RESOURCE_TYPES} from '../../lib/deploy/index.js'
import {BaseCommand, cloudFlags, listFlags, renderCsv, renderTable} from '../../lib/ui/index.js'

export default class ResourcesList extends BaseCommand {
  static summary = 'List the resource library of the organization'

  static description = 'List the resource library of the organization: firmware, eSF apps, UCF files and settings bundles.'

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --type app --json']

  static flags = {
    ...cloudFlags,
    ...listFlags,
    csv: Flags.boolean({description: 'Print CSV instead of a table.', exclusive: ['json']}),
    type: Flags.string({description: 'Only resources of this type.', options: [...RESOURCE_TYPES]}),
  }

  async run(): Promise<Resource[]> {
    const {flags} = await this.parse(ResourcesList)
    const s = await this.session(flags)
    const rows = await this.collect(
      await s.client.resources.list(await activeOrgId(s), flags.type as ResourceType | undefined),
      flags.limit,
    )
    if (flags.csv) process.stdout.write(renderCsv(rows, RESOURCE_COLUMNS))
    else this.log(rows.length ? renderTable(rows, RESOURCE_COLUMNS) : 'No resources.')
    return rows
  }
}
