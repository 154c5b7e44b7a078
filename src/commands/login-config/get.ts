import {activeOrgId} from '../../lib/auth/index.js'
import type {PrinterLoginConfig} from '../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, describeLoginConfig} from '../../lib/ui/index.js'

export default class LoginConfigGet extends BaseCommand {
  static summary = 'Show the PIN settings of the printer-login configuration'

  static description =
    "Show the organization's printer-login configuration: the login methods (badge, PIN, secure login, or badge + PIN as second factor) and what each needs, who sets PINs (administrator, the cloud by e-mail, or each user), their length and when they expire. PIN imports follow them."

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --org "Contoso Retail" --json']

  static flags = cloudFlags

  async run(): Promise<PrinterLoginConfig> {
    const {flags} = await this.parse(LoginConfigGet)
    const s = await this.session(flags)
    const config = await s.client.loginConfig.get(await activeOrgId(s))
    this.log(describeLoginConfig(config))
    return config
  }
}
