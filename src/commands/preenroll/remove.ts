import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import {BaseCommand, cloudFlags, goneIsUnchanged, type ItemRow, serialArgs, settle} from '../../lib/ui/index.js'

export default class PreenrollRemove extends BaseCommand {
  static args = {serial: Args.string({description: 'Pre-enrolled serial numbers.', required: true})}

  static summary = 'Remove pre-enrolled serial numbers'

  static description =
    'Remove pre-enrolled serial numbers. Asks first on a terminal; scripts pass --yes. A serial number removed before is unchanged; one that was never pre-enrolled here is not found (exit 3).'

  static examples = [
    '<%= config.bin %> <%= command.id %> 50285510100T1',
    '<%= config.bin %> <%= command.id %> 7559040000075 50285510100T1 --yes --json',
  ]

  static flags = {...cloudFlags, yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation (required without a terminal).'})}

  static strict = false

  async run(): Promise<{results: ItemRow[]}> {
    const {argv, flags} = await this.parse(PreenrollRemove)
    const serials = serialArgs(argv as string[])
    await this.confirmDelete(serials.length === 1 ? `the pre-enrollment of ${serials[0]}` : `${serials.length} pre-enrollments`, flags.yes)
    const s = await this.session(flags)
    const {failure, rows} = settle(
      serials,
      goneIsUnchanged(
        await s.client.preenrollments.apply(
          await activeOrgId(s),
          serials.map((serialNumber) => ({operation: 'DELETE' as const, serialNumber})),
        ),
      ),
    )
    for (const r of rows) this.log(`${r.item}: ${r.outcome ?? `rejected: ${r.error}`}`)
    if (failure) throw failure
    return {results: rows}
  }
}
