import {Args} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {RefreshTask} from '../../lib/cloud/index.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/index.js'

export default class PrintersRefresh extends BaseCommand {
  static args = {serials: Args.string({description: 'Serial numbers of enrolled printers.', required: true})}

  static summary = 'Refresh printer information: statuses, alerts and meters'

  static description = `Refresh printer information (the Printer Details page's button): statuses, alerts and meters. A printer enrolled through a Fleet Agent is refreshed by its agent on its next cycle (queued); the task lands in the task history (\`lcs tasks\`). Exit 9 when a refresh failed (the printer is not communicating).`

  static examples = ['<%= config.bin %> <%= command.id %> 50123ABCD', '<%= config.bin %> <%= command.id %> 50123ABCD CN0123456 --json']

  static flags = {...cloudFlags}

  static strict = false

  async run(): Promise<RefreshTask[]> {
    const {argv, flags} = await this.parse(PrintersRefresh)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const out: RefreshTask[] = []
    for (const serial of argv as string[]) {
      const t = await s.client.printers.refresh(orgId, serial)
      this.log(`${t.serialNumber}: ${t.status}${t.detail ? ` (${t.detail})` : ''}`)
      out.push(t)
    }
    if (out.some((t) => t.status === 'failed')) this.exitAs('partial')
    return out
  }
}
