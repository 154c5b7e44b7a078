import {Args} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import type {EnrolledPrinter} from '../../lib/cloud/index.js'
import {mpsLabel} from '../../lib/mps/index.js'
import {BaseCommand, cloudFlags, formatTime} from '../../lib/ui/index.js'

export default class PrintersShow extends BaseCommand {
  static args = {serial: Args.string({ignoreStdin: true, description: 'Serial number of the enrolled printer.', required: true})}

  static summary = 'Show one enrolled printer'

  static description =
    'Show one enrolled printer: model, agent (and the Fleet or Local Agent it is enrolled through), communication status, firmware, last communication, lifetime page count, tags and MPS Express state.'

  static examples = ['<%= config.bin %> <%= command.id %> 50123ABCD', '<%= config.bin %> <%= command.id %> 50123ABCD --json']

  static flags = {...cloudFlags}

  async run(): Promise<EnrolledPrinter> {
    const {args, flags} = await this.parse(PrintersShow)
    const s = await this.session(flags)
    const p = await s.client.printers.get(await activeOrgId(s), args.serial)
    this.log(`${p.manufacturer} ${p.modelName}  (serial ${p.serialNumber})
  Agent               ${p.agent}${p.agentName ? ` (${p.agentName})` : ''}
  Communication       ${p.communicationStatus}
  Firmware            ${p.firmware ?? 'unknown'}
  Last communication  ${formatTime(p.lastCommunication) || 'never'}
  Page count          ${p.pageCount ?? 'unknown'}
  Address             ${p.address ?? 'unknown'}
  Enrolled            ${formatTime(p.enrolledAt)}
  Tags                ${p.tags.join(', ') || 'none'}
  Lexmark Managed     ${mpsLabel(p.mpsStatus) || 'no'}`)
    return p
  }
}
