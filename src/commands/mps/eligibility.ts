import {Args} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {PrinterEligibility} from '../../lib/cloud/index.js'
import {summarizeEligibility, type EligibilitySummary} from '../../lib/mps/index.js'
import {BaseCommand, cloudFlags, renderTable, type Column} from '../../lib/ui/index.js'

const COLUMNS: Column<PrinterEligibility>[] = [
  {get: (p) => p.serialNumber, header: 'Serial number'},
  {get: (p) => p.modelName, header: 'Model'},
  {get: (p) => p.status, header: 'Eligibility'},
  {get: (p) => p.lifetimePageCount ?? '', header: 'Lifetime pages'},
]

export default class MpsEligibility extends BaseCommand {
  static args = {serials: Args.string({description: 'Serial numbers (default: every enrolled printer of the organization).'})}

  static summary = 'Show the MPS Express eligibility report'

  static description = `The MPS Express eligibility report (Add to MPS Express): how many printers have each status, and the serial numbers and models under each. Statuses, in the order they are checked: Printer already managed, Printer pending management, Printer failed registration, Model not supported, Associated with down-level fleet agent, Lifetime page count missing, Lifetime page count exceeds maximum allowed, No supplies delivery contact assigned, Eligible. Only Eligible printers can be added (\`lcs mps add\`).`

  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> 50123ABCD 50456EFGH',
    '<%= config.bin %> <%= command.id %> --json',
  ]

  static flags = {...cloudFlags}

  static strict = false

  async run(): Promise<EligibilitySummary> {
    const {argv, flags} = await this.parse(MpsEligibility)
    const s = await this.session(flags)
    const report = summarizeEligibility(await s.client.mps.eligibility(await activeOrgId(s), argv as string[]))
    if (!report.entitled)
      this.warning('The organization is not entitled to MPS Express: its parent organization entitles it (`lcs mps entitle`).')
    if (!report.printers.length) {
      this.log('No enrolled printers.')
      return report
    }
    const width = Math.max(...report.statuses.map((g) => g.status.length))
    for (const g of report.statuses) this.log(`${g.status.padEnd(width)}  ${g.count}`)
    this.log('')
    const order = report.statuses.flatMap((g) => g.printers.map((p) => p.serialNumber))
    const bySerial = new Map(report.printers.map((p) => [p.serialNumber, p]))
    this.log(
      renderTable(
        order.map((serial) => bySerial.get(serial)!),
        COLUMNS,
      ),
    )
    return report
  }
}
