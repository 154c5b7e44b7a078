import {Args} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {EnrolledPrinter} from '../../lib/cloud/index.js'
import {LcsError} from '../../lib/errors.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/index.js'

export default class PrintersClaim extends BaseCommand {
  static args = {
    code: Args.string({ignoreStdin: true, description: "The code shown on the printer's panel (case-sensitive).", required: true}),
  }

  static deprecateAliases = true

  static summary = 'Printer-based enrollment: claim a printer by the code it shows'

  static description =
    'Printer-based enrollment: claim the code a printer shows on its panel, which enrolls it in the organization. (Formerly `printers enroll-code`, still accepted with a warning.)'

  static examples = [
    '<%= config.bin %> <%= command.id %> Hx7kQ2mZ',
    '<%= config.bin %> <%= command.id %> Hx7kQ2mZ --org "Contoso Retail" --json',
  ]

  static flags = {...cloudFlags}

  static hiddenAliases = ['printers:enroll-code']

  async run(): Promise<EnrolledPrinter> {
    const {args, flags} = await this.parse(PrintersClaim)
    const code = args.code.trim()
    const hint =
      "Check the code on the printer's panel: 4–32 letters and digits, case-sensitive; generate a new one there when it has expired."
    if (!/^[A-Za-z0-9]{4,32}$/.test(code)) throw new LcsError('usage', 'The enrollment code is invalid or expired.', {hint})
    const s = await this.session(flags)
    const p = await s.client.printers.claim(await activeOrgId(s), code).catch((error: unknown) => {
      if (!(error instanceof LcsError) || error.kind !== 'notFound') throw error
      throw new LcsError('notFound', error.message, {hint, requestId: error.requestId})
    })
    this.log(`Enrolled ${p.manufacturer} ${p.modelName} (serial ${p.serialNumber}) with the ${p.agent} agent.`)
    return p
  }
}
