import {activeOrgId} from '../../lib/auth/index.js'
import type {PinPolicy} from '../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, describePinPolicy} from '../../lib/ui/index.js'

export default class LoginConfigGet extends BaseCommand {
  static description =
    "Show the PIN settings of the organization's printer-login configuration: who sets PINs (administrator, the cloud by e-mail, or each user) and their length. PIN imports follow them."

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --org "Contoso Retail" --json']

  static flags = cloudFlags

  async run(): Promise<PinPolicy> {
    const {flags} = await this.parse(LoginConfigGet)
    const s = await this.session(flags)
    const policy = await s.client.loginConfig.get(await activeOrgId(s))
    this.log(describePinPolicy(policy))
    return policy
  }
}
