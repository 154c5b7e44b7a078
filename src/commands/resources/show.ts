import {Args} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {Resource} from '../../lib/cloud/index.js'
import {describeResource} from '../../lib/deploy/index.js'
import {findNamed} from '../../lib/lookups.js'
import {BaseCommand, cloudFlags, formatTime} from '../../lib/ui/index.js'

export default class ResourcesShow extends BaseCommand {
  static args = {resource: Args.string({description: 'Name or id of the resource.', required: true})}

  static summary = 'Show one resource'

  static description =
    'Show one resource: what the portal shows for it (firmware build, type, version and models; app name, version, minimum memory and models; settings file).'

  static examples = [
    '<%= config.bin %> <%= command.id %> "Cloud Authentication 5.6.31"',
    '<%= config.bin %> <%= command.id %> CSTAT.076.308 --json',
  ]

  static flags = {...cloudFlags}

  async run(): Promise<Resource> {
    const {args, flags} = await this.parse(ResourcesShow)
    const s = await this.session(flags)
    const r = findNamed(await s.client.resources.list(await activeOrgId(s)), args.resource, 'resource', 'See `lcs resources list`.')
    this.log(
      [
        `${r.name}  (${r.type}, ${r.id})`,
        ...(r.description ? [`  ${r.description}`] : []),
        ...describeResource(r).map((l) => `  ${l}`),
        `  Modified ${formatTime(r.dateModified)}`,
      ].join('\n'),
    )
    return r
  }
}
