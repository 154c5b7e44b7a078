import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {Resource, ResourceType} from '../../lib/cloud/index.js'
import {describeFile, describeResource, FIRMWARE_REFERENCE, kindOfFile, prepareUpload, RESOURCE_TYPES} from '../../lib/deploy/index.js'
import {LcsError} from '../../lib/errors.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/index.js'

export default class ResourcesUpload extends BaseCommand {
  static args = {
    source: Args.string({
      description:
        'An app (.fls), a UCF file (.ucf, .txt) or a settings bundle (.zip); for firmware a build name (CSTAT.076.308) or support-center URL.',
      required: true,
    }),
  }

  static summary = 'Add a firmware, eSF app, UCF or settings file to the resource library'

  static description = `Add a resource to the organization's library, checked first as the portal does: firmware by build name or support-center URL is verified (build type, version, models supported, or "No firmware found."); an eSF app (.fls) shows its name, version, minimum memory and supported models, and an invalid file is refused ("Invalid App File"); settings are a UCF file (.ucf or .txt) or a settings bundle (.zip).`

  static examples = [
    '<%= config.bin %> <%= command.id %> CSTAT.076.308 --type firmware',
    '<%= config.bin %> <%= command.id %> cloud-authentication-5.6.31.fls --type app --name "Cloud Authentication 5.6.31"',
    '<%= config.bin %> <%= command.id %> front-desk.ucf --type ucf --description "Front-desk printers" --json',
  ]

  static flags = {
    ...cloudFlags,
    description: Flags.string({description: 'Description (optional, 500 characters at most).'}),
    name: Flags.string({
      description: "Resource name (unique in the organization). Default: the build name, the app's name and version, or the file name.",
    }),
    type: Flags.string({
      description:
        'Resource type. Default: from the file extension (.fls app, .ucf/.txt ucf, .zip bundle); a build name or URL is firmware.',
      options: [...RESOURCE_TYPES],
    }),
  }

  async run(): Promise<Resource> {
    const {args, flags} = await this.parse(ResourcesUpload)
    const type = (flags.type ?? kindOfFile(args.source) ?? (FIRMWARE_REFERENCE.test(args.source) ? 'firmware' : undefined)) as
      | ResourceType
      | undefined
    if (!type) throw new LcsError('usage', `Cannot tell what "${args.source}" is: pass --type firmware|app|ucf|bundle.`)
    const prepared = await prepareUpload({description: flags.description, name: flags.name, source: args.source, type})
    if (prepared.file && this.verbose) this.note(describeFile(prepared.file, args.source).join('\n'))
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    let r: Resource
    try {
      r = await s.client.resources.create(orgId, prepared.input)
    } catch (error) {
      if (error instanceof LcsError && error.kind === 'conflict')
        throw new LcsError('conflict', error.message, {
          hint: 'Choose another --name, or delete the old one first: lcs resources delete NAME',
          requestId: error.requestId,
        })
      throw error
    }
    this.log(
      `Created ${type} resource "${r.name}" (${r.id})\n${describeResource(r)
        .map((l) => `  ${l}`)
        .join('\n')}`,
    )
    return r
  }
}
