import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {Outcome} from '../../lib/cloud/index.js'
import {emailRule, PIN_MAX, PIN_MIN, pinRule} from '../../lib/csv/index.js'
import {LcsError} from '../../lib/errors.js'
import {BaseCommand, checkArg, cloudFlags, missing, readSecretFromStdin} from '../../lib/ui/index.js'

export default class PinsSet extends BaseCommand {
  static args = {email: Args.string({description: "The user's e-mail address.", required: true})}

  static summary = "Set or reset a user's PIN for printer login"

  static description = `Set or reset a user's PIN for printer login, as the organization's PIN generation setting allows (lcs login-config get). "Administrator sets": the PIN is read from stdin (--pin-stdin) or asked for, hidden, on a terminal — never taken on the command line. "Automatically generate and e-mail": the cloud generates a new PIN and e-mails it to the user. "User sets": administrators cannot set PINs (exit 6).`

  static examples = [
    '<%= config.bin %> <%= command.id %> jdoe@company.com',
    'printf %s "$PIN" | <%= config.bin %> <%= command.id %> jdoe@company.com --pin-stdin --json',
  ]

  static flags = {...cloudFlags, 'pin-stdin': Flags.boolean({description: 'Read the PIN from stdin.'})}

  async run(): Promise<{email: string; outcome: Outcome; generated: boolean}> {
    const {args, flags} = await this.parse(PinsSet)
    const email = args.email.toLowerCase()
    checkArg('EMAIL', email, emailRule)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const policy = await s.client.loginConfig.get(orgId)
    if (policy.pinGeneration === 'user') {
      throw new LcsError('conflict', 'Users of this organization set their own PINs: administrators cannot set them.', {
        hint: 'An Organization Administrator can change that: lcs login-config set --pin-generation admin',
      })
    }
    if (policy.pinGeneration === 'auto') {
      if (flags['pin-stdin'])
        throw new LcsError('usage', 'The organization generates PINs and e-mails them: there is no PIN to give (drop --pin-stdin).')
      const outcome = await s.client.badges.applyOne(orgId, {email, operation: 'CREATE', regeneratePin: true})
      this.log(`A new PIN was generated and e-mailed to ${email}.`)
      return {email, generated: true, outcome}
    }
    let pin: string
    if (flags['pin-stdin']) pin = await readSecretFromStdin('the PIN')
    else if (this.factory.prompter.canPrompt({json: this.jsonEnabled()}))
      // the rule is said before the PIN is typed, and checked at Enter
      pin = await this.factory.prompter.secret(
        `PIN for ${email} (${policy.pinLength === null ? `${PIN_MIN}–${PIN_MAX} digits` : `${policy.pinLength} digits`})`,
        pinRule(policy),
      )
    else throw missing('--pin-stdin', 'PIN')
    checkArg('PIN', pin, pinRule(policy))
    const outcome = await s.client.badges.applyOne(orgId, {email, operation: 'CREATE', pin})
    this.log(`PIN of ${email}: ${outcome}.`)
    return {email, generated: false, outcome}
  }
}
