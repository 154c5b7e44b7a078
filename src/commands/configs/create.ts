import {Args} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {Configuration} from '../../lib/cloud/index.js'
import {configDetail, configFlags, hasContentFlags, loadConfigFile, resolveConfig, specFromFlags} from '../../lib/deploy/index.js'
import {LcsError} from '../../lib/errors.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/index.js'

export default class ConfigsCreate extends BaseCommand {
  static args = {name: Args.string({description: "Name of the configuration (with -f, overrides the file's name)."})}

  static summary = 'Create a configuration of firmware, apps and settings files'

  static description = `Create a configuration: firmware (the recommended version for every model, and specific firmware resources, one per model), eSF apps from the catalog or the library, and settings files. When deployed, firmware goes first, then the apps, then the settings files, each in the order given here. From flags or from a YAML file (-f). Unknown resources, wrong types and two firmware resources for one model are refused before anything is created.`

  static examples = [
    '<%= config.bin %> <%= command.id %> "Retail standard" --recommended-firmware --app "Cloud Print Management" --app "Cloud Authentication 5.6.31" --settings "Front desk"',
    '<%= config.bin %> <%= command.id %> -f retail-standard.yaml --json',
    '<%= config.bin %> <%= command.id %> "CS730 special" --firmware CSTAT.076.308 --default',
  ]

  static flags = {...cloudFlags, ...configFlags}

  async run(): Promise<Configuration> {
    const {args, flags} = await this.parse(ConfigsCreate)
    if (flags.file && hasContentFlags(flags))
      throw new LcsError('usage', 'Give the configuration either with -f FILE or with flags, not both.')
    const fromFile = flags.file ? await loadConfigFile(flags.file) : undefined
    const name = args.name ?? fromFile?.spec.name
    if (!name) throw new LcsError('usage', 'Name the configuration: lcs configs create NAME … (or -f FILE with a name:).')
    const spec = fromFile ? {...fromFile.spec, default: flags.default ?? fromFile.spec.default, name} : specFromFlags(name, flags)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const input = await resolveConfig(s.client, orgId, spec, fromFile?.source)
    let c = await s.client.configs.create(orgId, input)
    if (spec.default) c = await s.client.configs.setDefault(orgId, c.id)
    this.log(`Created configuration\n${configDetail(c)}`)
    return c
  }
}
