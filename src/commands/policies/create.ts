import {activeOrgId} from '../../lib/auth/index.js'
import type {Policy} from '../../lib/policies/index.js'
import {BaseCommand, cloudFlags, policyFlags, policyFromFlags, renderPolicy} from '../../lib/ui/index.js'

export default class PoliciesCreate extends BaseCommand {
  static summary = 'Create a notification policy (supplies or printer information)'

  static description = `Create a notification policy. A supplies policy (--type toner, maintenance-kit, fuser, photoconductors, waste-toner-bottle or transfer-module) e-mails when a supply's remaining level is at or below --threshold percent (0–100); a printer information policy (--type last-data-refresh or last-communicated) e-mails when a printer has not refreshed its data or communicated for --days days (1–7). It applies to all printers of the organization, or with --tag only to printers with those tags. An organization has at most 50 supplies policies and 50 printer information policies. Needs Fleet Management Administrator.`

  static examples = [
    '<%= config.bin %> <%= command.id %> --name "Low toner" --type toner --threshold 20 --email facilities@example.com',
    '<%= config.bin %> <%= command.id %> --name "3-day No Communications" --type last-communicated --days 3 --email it@example.com --tag Floor2 --attach',
  ]

  static flags = {...cloudFlags, ...policyFlags}

  async run(): Promise<Policy> {
    const {flags} = await this.parse(PoliciesCreate)
    const input = policyFromFlags(undefined, flags)
    const s = await this.session(flags)
    const p = await s.client.policies.create(await activeOrgId(s), input)
    this.log(`Created notification policy "${p.name}".\n${renderPolicy(p)}`)
    return p
  }
}
