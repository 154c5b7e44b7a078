import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {EnrolledPrinter} from '../../lib/cloud/index.js'
import {LcsError} from '../../lib/errors.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/index.js'

export default class PrintersTag extends BaseCommand {
  static args = {serial: Args.string({ignoreStdin: true, description: 'Serial number of the enrolled printer.', required: true})}

  static summary = 'Add or remove tags on an enrolled printer'

  static description = 'Add or remove tags on an enrolled printer (tags select printers for deployments and policies).'

  static examples = [
    '<%= config.bin %> <%= command.id %> 50123ABCD --add floor-2 --add finance',
    '<%= config.bin %> <%= command.id %> 50123ABCD --remove finance --json',
  ]

  static flags = {
    ...cloudFlags,
    add: Flags.string({description: 'Tag to add; repeatable.', multiple: true}),
    remove: Flags.string({description: 'Tag to remove; repeatable.', multiple: true}),
  }

  async run(): Promise<EnrolledPrinter> {
    const {args, flags} = await this.parse(PrintersTag)
    if (!flags.add?.length && !flags.remove?.length) throw new LcsError('usage', 'Nothing to do: pass --add TAG or --remove TAG.')
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const current = await s.client.printers.get(orgId, args.serial)
    const tags = [...new Set([...current.tags.filter((t) => !flags.remove?.includes(t)), ...(flags.add ?? [])])]
    const p = await s.client.printers.setTags(orgId, args.serial, tags)
    this.log(`${p.serialNumber}: ${p.tags.join(', ') || 'no tags'}`)
    return p
  }
}
