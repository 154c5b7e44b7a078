import {Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {PinGeneration, PinPolicy} from '../../lib/cloud/index.js'
import {PIN_MAX, PIN_MIN} from '../../lib/csv/index.js'
import {LcsError} from '../../lib/errors.js'
import {BaseCommand, cloudFlags, describePinPolicy} from '../../lib/ui/index.js'

export default class LoginConfigSet extends BaseCommand {
  static description = `Change the PIN settings of the organization's printer-login configuration. --pin-generation admin: administrators set PINs (lcs pins set, imports); auto: the cloud generates PINs and e-mails them (PINs in files are ignored); user: each user sets their own. --pin-length: PINs have exactly this many digits (${PIN_MIN}–${PIN_MAX}), or "any" for ${PIN_MIN}–${PIN_MAX}.`

  static examples = [
    '<%= config.bin %> <%= command.id %> --pin-generation auto',
    '<%= config.bin %> <%= command.id %> --pin-generation admin --pin-length 6',
  ]

  static flags = {
    ...cloudFlags,
    'pin-generation': Flags.string({description: 'Who sets PINs.', options: ['admin', 'auto', 'user']}),
    'pin-length': Flags.string({description: `Digits of a PIN, ${PIN_MIN}–${PIN_MAX}, or "any".`}),
  }

  async run(): Promise<PinPolicy> {
    const {flags} = await this.parse(LoginConfigSet)
    const change: Partial<PinPolicy> = {}
    if (flags['pin-generation']) change.pinGeneration = flags['pin-generation'] as PinGeneration
    if (flags['pin-length'] !== undefined) {
      const n = Number(flags['pin-length'])
      if (flags['pin-length'] !== 'any' && !(Number.isInteger(n) && n >= PIN_MIN && n <= PIN_MAX))
        throw new LcsError('usage', `--pin-length ${flags['pin-length']}: a whole number ${PIN_MIN}–${PIN_MAX}, or "any".`)
      change.pinLength = flags['pin-length'] === 'any' ? null : n
    }
    if (!Object.keys(change).length) throw new LcsError('usage', 'Nothing to change: pass --pin-generation and/or --pin-length.')
    const s = await this.session(flags)
    const policy = await s.client.loginConfig.set(await activeOrgId(s), change)
    this.log(describePinPolicy(policy))
    return policy
  }
}
