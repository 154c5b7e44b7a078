import {Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {NotificationRecord} from '../../lib/cloud/index.js'
import {findPolicy, requirePolicyType} from '../../lib/policies/index.js'
import {BaseCommand, categoryFlag, cloudFlags, renderHistory} from '../../lib/ui/index.js'

export default class PoliciesHistory extends BaseCommand {
  static summary = 'Show the notification history of the last 30 days'

  static description =
    'Show the Notification History (Last 30 Days): the notifications the policies generated, Supplies and Printer Information, newest first.'

  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --category supplies --serial 50007919B --json',
    '<%= config.bin %> <%= command.id %> --type toner --color cyan --model CX',
  ]

  static flags = {
    ...cloudFlags,
    category: categoryFlag(),
    color: Flags.string({description: 'Only supplies of this colour (Black, Cyan, Magenta, Yellow).'}),
    model: Flags.string({description: 'Only printers whose model contains this (any case).'}),
    policy: Flags.string({description: 'Only notifications of this policy (id or name).'}),
    serial: Flags.string({description: 'Only notifications of this printer.'}),
    type: Flags.string({description: 'Only this policy type (toner, fuser, last-communicated …).'}),
  }

  async run(): Promise<NotificationRecord[]> {
    const {flags} = await this.parse(PoliciesHistory)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const type = flags.type === undefined ? undefined : requirePolicyType(flags.type, '--type')
    const policyId = flags.policy ? (await findPolicy(s.client, orgId, flags.policy)).id : undefined
    const filter = {category: flags.category, color: flags.color, model: flags.model, policyId, serial: flags.serial, type}
    const rows: NotificationRecord[] = []
    for await (const n of s.client.policies.history(orgId, filter)) rows.push(n)
    this.log(renderHistory(rows, flags.category))
    return rows
  }
}
