import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import {LcsError} from '../../lib/errors.js'
import {BaseCommand, cloudFlags, emailList} from '../../lib/ui/index.js'

interface ResetRow {
  email: string
  result: 'sent' | 'rejected'
  reason?: string
}

export default class UsersResetPassword extends BaseCommand {
  static args = {email: Args.string({description: 'E-mail addresses of users of the organization.'})}

  static summary = 'Send users the e-mail that lets them choose a new password'

  static description =
    "Send users the e-mail that lets them choose a new password (the portal's Reset Password). Users of an authentication provider (lcs orgs federation) reset it at their identity provider. One line per user; some rejected: exit 9."

  static examples = [
    '<%= config.bin %> <%= command.id %> jdoe@company.com',
    '<%= config.bin %> <%= command.id %> jdoe@company.com asmith@company.com --json',
    '<%= config.bin %> <%= command.id %> --file locked-out.txt',
  ]

  static flags = {...cloudFlags, file: Flags.string({description: 'A file of e-mail addresses, one a line (# comments); - reads stdin.'})}

  static strict = false

  async run(): Promise<ResetRow[]> {
    const {argv, flags} = await this.parse(UsersResetPassword)
    const emails = await emailList(argv as string[], flags.file)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const rows: ResetRow[] = []
    let failure: LcsError | undefined
    for (const email of emails) {
      try {
        await s.client.users.resetPassword(orgId, email)
        rows.push({email, result: 'sent'})
        this.log(`${email}: password-reset e-mail sent`)
      } catch (error) {
        // a user who is not there, or whose password the identity provider manages; anything else stops the run
        if (!(error instanceof LcsError) || (error.kind !== 'notFound' && error.kind !== 'badData')) throw error
        failure = error
        rows.push({email, reason: error.message, result: 'rejected'})
        this.log(`${email}: rejected: ${error.message}`)
      }
    }
    const rejected = rows.filter((r) => r.result === 'rejected')
    if (failure && rejected.length === rows.length)
      throw new LcsError(failure.kind, rows.length === 1 ? failure.message : `${rejected.length} of ${rows.length} rejected.`, {
        result: {results: rows},
      })
    if (failure) this.exitAs('partial')
    return rows
  }
}
