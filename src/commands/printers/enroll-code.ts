import {Args} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/session.js'
import type {EnrolledPrinter} from '../../lib/cloud/index.js'
import {LcsError} from '../../lib/errors.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/base-command.js'

export default class PrintersEnrollCode extends BaseCommand {
  static args = {code: Args.string({ignoreStdin: true, description: 'The code shown on the printer\'s panel (case-sensitive).', required: true})}

  static description = 'Printer-based enrollment: enter the code a printer shows on its panel to enroll it in the organization.'

  static examples = ['<%= config.bin %> <%= command.id %> Hx7kQ2mZ', '<%= config.bin %> <%= command.id %> Hx7kQ2mZ --org "Contoso Retail" --json']

  static flags = {...cloudFlags}

  async run(): Promise<EnrolledPrinter> {
    const {args, flags} = await this.parse(PrintersEnrollCode)
    const code = args.code.trim()
    if (!/^[A-Za-z0-9]{4,32}$/.test(code)) throw new LcsError('usage', `"${args.code}" is not a printer code: 4–32 letters and digits, as shown on the printer.`)
    const s = await this.session(flags)
    const p = await s.client.printers.claim(await activeOrgId(s), code)
    this.log(`Enrolled ${p.manufacturer} ${p.modelName} (serial ${p.serialNumber}) with the ${p.agent} agent.`)
    return p
  }
}
