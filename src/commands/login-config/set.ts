import {Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import {LOGIN_METHODS, PIN_EXPIRY_RULE, type PrinterLoginConfig} from '../../lib/cloud/index.js'
import {PIN_MAX, PIN_MIN} from '../../lib/csv/index.js'
import {BaseCommand, cloudFlags, describeLoginConfig, loginConfigFromFlags} from '../../lib/ui/index.js'

export default class LoginConfigSet extends BaseCommand {
  static summary = 'Change the PIN settings of the printer-login configuration'

  static description = `Change the organization's printer-login configuration; what is not given stays.

--methods: standard authentication, one or more of badge, pin, secure (secure login: a one-time code per login), comma-separated; or badge+pin alone (Badge + PIN as second factor).
--pin-generation admin: administrators set PINs (lcs pins set, imports); auto: the cloud generates PINs and e-mails them (PINs in files are ignored); user: each user sets their own.
--pin-length: PINs have exactly this many digits (${PIN_MIN}–${PIN_MAX}), or "any" for ${PIN_MIN}–${PIN_MAX}.
--pin-expiry: ${PIN_EXPIRY_RULE}; generated and e-mailed PINs (auto) never expire, and with an authentication provider (lcs orgs federation) PINs are set by administrators and never expire.

A setting the rules refuse changes nothing (exit 7).`

  static examples = [
    '<%= config.bin %> <%= command.id %> --methods badge,pin,secure',
    '<%= config.bin %> <%= command.id %> --methods badge+pin --pin-generation admin --pin-length 6 --pin-expiry 90d',
    '<%= config.bin %> <%= command.id %> --pin-generation auto --pin-expiry never --json',
  ]

  static flags = {
    ...cloudFlags,
    methods: Flags.string({description: `Login methods: ${LOGIN_METHODS.join(', ')} (badge+pin alone), comma-separated.`}),
    'pin-generation': Flags.string({description: 'Who sets PINs.', options: ['admin', 'auto', 'user']}),
    'pin-length': Flags.string({description: `Digits of a PIN, ${PIN_MIN}–${PIN_MAX}, or "any".`}),
    'pin-expiry': Flags.string({description: 'When PINs expire: never, 1h–48h or 1d–180d.'}),
  }

  async run(): Promise<PrinterLoginConfig> {
    const {flags} = await this.parse(LoginConfigSet)
    const change = loginConfigFromFlags(flags)
    const s = await this.session(flags)
    const config = await s.client.loginConfig.set(await activeOrgId(s), change)
    this.log(describeLoginConfig(config))
    return config
  }
}
