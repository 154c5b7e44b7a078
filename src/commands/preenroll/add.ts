import {Args} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import {BaseCommand, cloudFlags, type ItemRow, serialArgs, settle} from '../../lib/ui/index.js'

export default class PreenrollAdd extends BaseCommand {
  static args = {serial: Args.string({description: 'Printer serial numbers (7–20 letters and digits).', required: true})}

  static summary = 'Pre-enroll printers by serial number'

  static description =
    "Pre-enroll printers by serial number: on site they enroll with the organization's enrollment code. A serial number already pre-enrolled here is unchanged; one pre-enrolled in another organization or already enrolled is a conflict (exit 6). Needs the Fleet Management Administrator role."

  static examples = [
    '<%= config.bin %> <%= command.id %> 50285510100T1',
    '<%= config.bin %> <%= command.id %> 7559040000075 50285510100T1 --json',
  ]

  static flags = cloudFlags

  static strict = false

  async run(): Promise<{results: ItemRow[]}> {
    const {argv, flags} = await this.parse(PreenrollAdd)
    const serials = serialArgs(argv as string[])
    const s = await this.session(flags)
    const {failure, rows} = settle(
      serials,
      await s.client.preenrollments.apply(
        await activeOrgId(s),
        serials.map((serialNumber) => ({serialNumber})),
      ),
    )
    for (const r of rows) this.log(`${r.item}: ${r.outcome ?? `rejected: ${r.error}`}`)
    if (failure) throw failure
    return {results: rows}
  }
}
