import {Args} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {Configuration} from '../../lib/cloud/index.js'
import {configDetail, configFlags, hasContentFlags, loadConfigFile, resolveConfig, specFromFlags} from '../../lib/deploy/index.js'
import {findNamed} from '../../lib/lookups.js'
import {LcsError} from '../../lib/errors.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/index.js'

export default class ConfigsUpdate extends BaseCommand {
  static args = {name: Args.string({description: 'Name or id of the configuration.', required: true})}

  static summary = 'Edit a configuration that has not been deployed'

  static description = `Edit a configuration that has not been deployed. With flags, what is not given stays as it is (a list flag replaces that list); with -f the file replaces the whole configuration. A deployed configuration cannot be edited: copy it (lcs configs copy) and edit the copy.`

  static examples = [
    '<%= config.bin %> <%= command.id %> "Retail standard" --description "All stores" --app "Cloud Print Management" --app "Customer Support"',
    '<%= config.bin %> <%= command.id %> "Retail standard" -f retail-standard.yaml',
  ]

  static flags = {...cloudFlags, ...configFlags}

  async run(): Promise<Configuration> {
    const {args, flags} = await this.parse(ConfigsUpdate)
    if (flags.file && hasContentFlags(flags)) throw new LcsError('usage', 'Give the changes either with -f FILE or with flags, not both.')
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const current = findNamed(await s.client.configs.list(orgId), args.name, 'configuration', 'See `lcs configs list`.')
    const copyHint = `Copy it and edit the copy: lcs configs copy "${current.name}" "${current.name} v2"`
    const editing = Boolean(flags.file) || hasContentFlags(flags)
    if (!editing && flags.default === undefined)
      throw new LcsError(
        'usage',
        'Nothing to change: pass -f FILE or content flags (--description, --app, --settings, --firmware, --recommended-firmware), or --default / --no-default.',
      )
    // the default mark is not part of the configuration: it can move on a deployed one
    if (editing && current.deployed)
      throw new LcsError('conflict', `"${current.name}" is a deployed configuration and cannot be modified.`, {hint: copyHint})
    const fromFile = flags.file ? await loadConfigFile(flags.file) : undefined
    const spec = fromFile
      ? {...fromFile.spec, default: flags.default ?? fromFile.spec.default}
      : specFromFlags(current.name, flags, current)
    let c = current
    if (editing) {
      const input = await resolveConfig(s.client, orgId, spec, fromFile?.source)
      try {
        c = await s.client.configs.update(orgId, current.id, input)
      } catch (error) {
        if (error instanceof LcsError && error.kind === 'conflict')
          throw new LcsError('conflict', error.message, {hint: copyHint, requestId: error.requestId})
        throw error
      }
    }
    if (spec.default === true && !c.isDefault) c = await s.client.configs.setDefault(orgId, c.id)
    if (spec.default === false && c.isDefault) c = await s.client.configs.unsetDefault(orgId, c.id)
    this.log(`Updated configuration\n${configDetail(c)}`)
    return c
  }
}
