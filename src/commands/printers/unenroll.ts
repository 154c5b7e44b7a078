import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/session.js'
import {LcsError} from '../../lib/errors.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/base-command.js'
import {canPrompt, missing, promptConfirm} from '../../lib/ui/prompts.js'

interface Row {
  serialNumber: string
  result: 'unenrolled' | 'refused' | 'not-found' | 'kept'
  reason: string
}

export default class PrintersUnenroll extends BaseCommand {
  static args = {serials: Args.string({ignoreStdin: true, description: 'Serial numbers of the printers to unenroll.', required: true})}

  static description = `Unenroll printers from the organization. Asks before doing it (--yes in scripts). Printers managed by MPS Express, or pending MPS Express enrollment, are refused: that relationship has to end first. Exit 9 when some could not be unenrolled.`

  static examples = ['<%= config.bin %> <%= command.id %> 50123ABCD', '<%= config.bin %> <%= command.id %> 50123ABCD 50456EFGH --yes --json']

  static flags = {...cloudFlags, yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation.'})}

  static strict = false

  async run(): Promise<Row[]> {
    const {argv, flags} = await this.parse(PrintersUnenroll)
    const serials = argv as string[]
    if (!flags.yes && !canPrompt({json: this.jsonEnabled()})) throw missing('--yes', 'confirmation')
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const rows: Row[] = []
    for (const serial of serials) {
      let printer
      try {
        printer = await s.client.printers.get(orgId, serial)
      } catch (error) {
        if (error instanceof LcsError && error.kind === 'notFound') {
          rows.push({reason: 'not enrolled in this organization', result: 'not-found', serialNumber: serial})
          continue
        }
        throw error
      }
      if (printer.mpsStatus !== 'none') {
        rows.push({reason: `${printer.mpsStatus === 'managed' ? 'managed by' : 'pending enrollment in'} MPS Express: end that first`, result: 'refused', serialNumber: serial})
        continue
      }
      if (!flags.yes && !(await promptConfirm(`Unenroll ${printer.manufacturer} ${printer.modelName} (${serial})? Its agent stops reporting to the cloud.`))) {
        rows.push({reason: 'kept at the prompt', result: 'kept', serialNumber: serial})
        continue
      }
      try {
        await s.client.printers.unenroll(orgId, serial)
        rows.push({reason: 'unenrolled', result: 'unenrolled', serialNumber: serial})
      } catch (error) {
        if (!(error instanceof LcsError) || error.kind !== 'conflict') throw error
        rows.push({reason: error.message, result: 'refused', serialNumber: serial})
      }
    }
    for (const r of rows) this.log(`${r.serialNumber}: ${r.reason}`)
    if (rows.some((r) => r.result === 'refused' || r.result === 'not-found')) process.exitCode = 9
    return rows
  }
}
