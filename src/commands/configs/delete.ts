import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/session.js'
import {findNamed} from '../../lib/deploy/resources.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/base-command.js'
import {canPrompt, missing, promptConfirm} from '../../lib/ui/prompts.js'

interface Row {
  configuration: string
  result: 'deleted' | 'not-found' | 'kept'
  reason: string
}

export default class ConfigsDelete extends BaseCommand {
  static args = {names: Args.string({description: 'Names or ids of the configurations to delete.', required: true})}

  static description = 'Delete configurations. Asks first (--yes in scripts). Printers keep what was deployed; the task history keeps the deployments. Exit 9 when some were not found.'

  static examples = ['<%= config.bin %> <%= command.id %> "Old standard"', '<%= config.bin %> <%= command.id %> "Old standard" "Test" --yes --json']

  static flags = {...cloudFlags, yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation.'})}

  static strict = false

  async run(): Promise<Row[]> {
    const {argv, flags} = await this.parse(ConfigsDelete)
    if (!flags.yes && !canPrompt({json: this.jsonEnabled()})) throw missing('--yes', 'confirmation')
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const all = await s.client.configs.list(orgId)
    const rows: Row[] = []
    for (const ref of argv as string[]) {
      let c
      try {
        c = findNamed(all, ref, 'configuration', '')
      } catch (error) {
        rows.push({configuration: ref, reason: (error as Error).message, result: 'not-found'})
        continue
      }
      if (!flags.yes && !(await promptConfirm(`Delete configuration "${c.name}"${c.isDefault ? ' (the default configuration)' : ''}?`))) {
        rows.push({configuration: c.name, reason: 'kept at the prompt', result: 'kept'})
        continue
      }
      await s.client.configs.delete(orgId, c.id)
      rows.push({configuration: c.name, reason: 'deleted', result: 'deleted'})
    }
    for (const r of rows) this.log(`${r.configuration}: ${r.reason}`)
    if (rows.some((r) => r.result === 'not-found')) process.exitCode = 9
    return rows
  }
}
