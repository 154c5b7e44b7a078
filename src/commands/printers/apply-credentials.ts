import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {CredentialsResult} from '../../lib/cloud/index.js'
import {BaseCommand, cloudFlags, readSecretFromStdin} from '../../lib/ui/index.js'

export default class PrintersApplyCredentials extends BaseCommand {
  static args = {
    serials: Args.string({
      description: 'Serial numbers (default: every printer whose status is "Agent needs credentials").',
      ignoreStdin: true,
    }),
  }

  static summary = 'Apply printer administrator credentials to printers whose agent needs them'

  static description = `Apply printer administrator credentials to printers whose agent needs them ("Agent needs credentials": credentials were set on the printer after it was enrolled). The password is read from stdin, never from the command line. One line per printer: applied, unchanged (it did not need them), refused (the printer rejected them) or not found; exit 9 when any was refused or not found.`

  static examples = [
    'printf %s "$PRINTER_PW" | <%= config.bin %> <%= command.id %> --user admin --password-stdin',
    'printf %s "$PRINTER_PW" | <%= config.bin %> <%= command.id %> 50123ABCD 50456EFGH --user admin --password-stdin --json',
  ]

  static flags = {
    ...cloudFlags,
    'password-stdin': Flags.boolean({description: "Read the printers' administrator password from stdin.", required: true}),
    user: Flags.string({description: "The printers' administrator user name.", required: true}),
  }

  static strict = false

  async run(): Promise<CredentialsResult[]> {
    const {argv, flags} = await this.parse(PrintersApplyCredentials)
    const password = await readSecretFromStdin("the printers' administrator password")
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const serials = [...(argv as string[])]
    if (serials.length === 0)
      for await (const p of s.client.printers.list(orgId, {status: ['Agent needs credentials']})) serials.push(p.serialNumber)
    if (serials.length === 0) {
      this.log('No printer needs credentials.')
      return []
    }
    const results = await s.client.printers.applyCredentials(orgId, serials, {password, username: flags.user})
    for (const r of results) this.log(`${r.serialNumber}: ${r.outcome}${r.reason ? ` (${r.reason})` : ''}`)
    if (results.some((r) => r.outcome === 'refused' || r.outcome === 'not found')) this.exitAs('partial')
    return results
  }
}
