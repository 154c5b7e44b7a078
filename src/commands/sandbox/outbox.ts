import {Flags} from '@oclif/core'

import {defaultSandboxDir} from '../../lib/config/index.js'
import {readOutbox} from '../../lib/sandbox/index.js'
import {BaseCommand} from '../../lib/ui/index.js'

interface MailJson {
  kind: string
  to: string
  subject: string
  body: string
  createdAt: string
}

export default class SandboxOutbox extends BaseCommand {
  static summary = 'Show the e-mails the sandbox cloud would have sent'

  static description =
    'Show the e-mails the sandbox cloud would have sent (password resets and other notifications), oldest first. The sandbox sends no real mail: it keeps them here.'

  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --data ./sandbox --json | jq -r \'.[] | select(.kind == "password-reset") | .to\'',
  ]

  static flags = {
    data: Flags.directory({description: 'Data directory of the sandbox. Default: LCS_SANDBOX_DIR, else $XDG_DATA_HOME/lcs/sandbox.'}),
    to: Flags.string({description: 'Only the mails to this address (any case).'}),
  }

  async run(): Promise<MailJson[]> {
    const {flags} = await this.parse(SandboxOutbox)
    const dataDir = flags.data ?? defaultSandboxDir()
    const mails = readOutbox(dataDir)
    if (!mails) {
      this.log(`No sandbox data in ${dataDir}. Start one with: lcs sandbox start --detach`)
      return []
    }
    const to = flags.to?.toLowerCase()
    const rows = mails
      .filter((m) => !to || m.to.toLowerCase() === to)
      .map((m) => ({body: m.body, createdAt: new Date(m.createdAt).toISOString(), kind: m.kind, subject: m.subject, to: m.to}))
    this.log(
      rows.length
        ? rows.map((m) => `${m.createdAt}  ${m.kind}  to ${m.to}\nSubject: ${m.subject}\n\n${m.body}\n`).join('\n')
        : to
          ? `No mail to ${to} in the outbox.`
          : 'The outbox is empty.',
    )
    return rows
  }
}
