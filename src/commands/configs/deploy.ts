import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {DeployTask} from '../../lib/cloud/index.js'
import {findNamed} from '../../lib/lookups.js'
import {followTask, selectionFlags, selectPrinters, splitSerials, waitFlags} from '../../lib/deploy/index.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/index.js'

export default class ConfigsDeploy extends BaseCommand {
  static args = {name: Args.string({description: 'Name or id of the configuration.', required: true})}

  static summary = 'Deploy a configuration to printers'

  static description = `Deploy a configuration to printers: firmware first, then the apps, then the settings files, each in configuration order; the recommended firmware is resolved now for each model. One task per deployment (lcs tasks show). --wait follows every printer until it is done and shows each final status; exit 9 when any printer failed. Printers that are not enrolled here are refused before anything is deployed. After a deployment the configuration can no longer be edited.`

  static examples = [
    '<%= config.bin %> <%= command.id %> "Retail standard" --printers 50123ABCD,50456EFGH --wait',
    '<%= config.bin %> <%= command.id %> "Retail standard" --tag floor-2',
    '<%= config.bin %> <%= command.id %> "Retail standard" --all --wait --json',
  ]

  static flags = {...cloudFlags, ...selectionFlags, ...waitFlags, name: Flags.string({description: 'Task name (64 characters at most).'})}

  async run(): Promise<DeployTask> {
    const {args, flags} = await this.parse(ConfigsDeploy)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const c = findNamed(await s.client.configs.list(orgId), args.name, 'configuration', 'See `lcs configs list`.')
    const printers = await selectPrinters(s.client, orgId, {all: flags.all, printers: splitSerials(flags.printers), tags: flags.tag})
    const task = await s.client.deployments.create(orgId, {
      configurationId: c.id,
      kind: 'deploy-configuration',
      name: flags.name,
      printers: printers.map((p) => p.serialNumber),
    })
    this.note(`Deploying "${c.name}" to ${printers.length} printer${printers.length === 1 ? '' : 's'} (task ${task.id}).`)
    const out = await followTask(s.client, orgId, task, {
      log: (l) => this.log(l),
      pollMs: flags['poll-interval'],
      verbose: this.verbose,
      wait: flags.wait,
    })
    if (out.partial) this.exitAs('partial')
    return out.task
  }
}
