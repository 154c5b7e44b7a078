import {Args} from '@oclif/core'

import type {FirmwareBuild} from '../../lib/cloud/index.js'
import {describeResource} from '../../lib/deploy/index.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/index.js'

export default class FirmwareVerify extends BaseCommand {
  static args = {reference: Args.string({description: 'A build name (CSTAT.076.308) or a support-center URL.', required: true})}

  static summary = 'Verify a firmware build name or support-center URL'

  static description =
    'Verify a firmware build name or support-center URL, as the portal\'s "Verify" does: build type, version and models supported, or "No firmware found." (exit 3).'

  static examples = [
    '<%= config.bin %> <%= command.id %> CSTAT.076.308',
    '<%= config.bin %> <%= command.id %> https://ccs.lexmark.com/firmware/materials/104354/file --json',
  ]

  static flags = {...cloudFlags}

  async run(): Promise<FirmwareBuild> {
    const {args, flags} = await this.parse(FirmwareVerify)
    const s = await this.session(flags)
    const b = await s.client.firmware.verify(args.reference)
    this.log(
      [
        ...describeResource({details: b, fileName: null, size: null, type: 'firmware'}),
        `Recommended       ${b.recommended ? 'yes' : 'no'}`,
        `URL               ${b.url}`,
      ].join('\n'),
    )
    return b
  }
}
