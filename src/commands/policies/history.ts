import {Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {NotificationRecord} from '../../lib/cloud/index.js'
import {findPolicy} from '../../lib/policies/index.js'
import {BaseCommand, categoryFlag, cloudFlags, renderHistory} from '../../lib/ui/index.js'

export default class PoliciesHistory extends BaseCommand {
  static description =
    'Show the Notification History (Last 30 Days): the notifications the policies generated, Supplies and Printer Information, newest first.'

  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --category supplies --serial 50007919B --json',
  ]

  static flags = {
    ...cloudFlags,
    category: categoryFlag(),
    policy: Flags.string({description: 'Only notifications of this policy (id or name).'}),
    serial: Flags.string({description: 'Only notifications of this printer.'}),
  }

  async run(): Promise<NotificationRecord[]> {
    const {flags} = await this.parse(PoliciesHistory)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const policyId = flags.policy ? (await findPolicy(s.client, orgId, flags.policy)).id : undefined
    const rows: NotificationRecord[] = []
    for await (const n of s.client.policies.history(orgId, {category: flags.category, policyId, serial: flags.serial})) rows.push(n)
    this.log(renderHistory(rows, flags.category))
    return rows
  }
}
