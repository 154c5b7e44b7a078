import {Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {EnrollmentCode} from '../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, formatTime} from '../../lib/ui/index.js'

export default class EnrollmentCodeGet extends BaseCommand {
  static summary = "Show the organization's enrollment code; --email sends it with instructions"

  static description = `Show the organization's enrollment code (case-sensitive), which Native Agent printers use to enroll; --email sends it with instructions.`

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --email tech@example.com --json']

  static flags = {...cloudFlags, email: Flags.string({description: 'Also e-mail the code with enrollment instructions to this address.'})}

  async run(): Promise<EnrollmentCode> {
    const {flags} = await this.parse(EnrollmentCodeGet)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const code = flags.email ? await s.client.enrollmentCodes.email(orgId, flags.email) : await s.client.enrollmentCodes.get(orgId)
    this.log(
      `Enrollment code: ${code.code}  (valid until ${formatTime(code.expiresAt)}; case-sensitive)${code.sentTo ? `\nSent to ${code.sentTo}.` : ''}`,
    )
    return code
  }
}
