import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/session.js'
import {findNamed} from '../../lib/deploy/resources.js'
import {LcsError} from '../../lib/errors.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/base-command.js'
import {canPrompt, missing, promptConfirm} from '../../lib/ui/prompts.js'

interface Row {
  resource: string
  result: 'deleted' | 'refused' | 'not-found' | 'kept'
  reason: string
}

export default class ResourcesDelete extends BaseCommand {
  static args = {resources: Args.string({description: 'Names or ids of the resources to delete.', required: true})}

  static description = 'Delete resources from the library. Asks first (--yes in scripts). A resource that a configuration still uses is refused: remove it from the configuration first. Exit 9 when some could not be deleted.'

  static examples = ['<%= config.bin %> <%= command.id %> "Old UCF"', '<%= config.bin %> <%= command.id %> CSTAT.076.303 "Kiosk 1.2.0" --yes --json']

  static flags = {...cloudFlags, yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation.'})}

  static strict = false

  async run(): Promise<Row[]> {
    const {argv, flags} = await this.parse(ResourcesDelete)
    if (!flags.yes && !canPrompt({json: this.jsonEnabled()})) throw missing('--yes', 'confirmation')
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const all = await s.client.resources.list(orgId)
    const rows: Row[] = []
    for (const ref of argv as string[]) {
      let r
      try {
        r = findNamed(all, ref, 'resource', '')
      } catch (error) {
        rows.push({reason: (error as Error).message, resource: ref, result: 'not-found'})
        continue
      }
      if (!flags.yes && !(await promptConfirm(`Delete ${r.type} resource "${r.name}"?`))) {
        rows.push({reason: 'kept at the prompt', resource: r.name, result: 'kept'})
        continue
      }
      try {
        await s.client.resources.delete(orgId, r.id)
        rows.push({reason: 'deleted', resource: r.name, result: 'deleted'})
      } catch (error) {
        if (!(error instanceof LcsError) || error.kind !== 'conflict') throw error
        rows.push({reason: error.message, resource: r.name, result: 'refused'})
      }
    }
    for (const r of rows) this.log(`${r.resource}: ${r.reason}`)
    if (rows.some((r) => r.result === 'refused' || r.result === 'not-found')) process.exitCode = 9
    return rows
  }
}
