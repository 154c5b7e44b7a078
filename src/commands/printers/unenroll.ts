import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import {mpsUnenrollRefusal} from '../../lib/mps/index.js'
import {BaseCommand, cloudFlags, type ItemReport} from '../../lib/ui/index.js'

export default class PrintersUnenroll extends BaseCommand {
  static args = {serials: Args.string({ignoreStdin: true, description: 'Serial numbers of the printers to unenroll.', required: true})}

  static summary = 'Unenroll printers from the organization'

  static description = `Unenroll printers from the organization. Asks before doing it (--yes in scripts). Printers managed by MPS Express, or pending MPS Express enrollment, are refused (MPS Express enrollment cannot be undone here: the Lexmark Customer Operations Specialist does it). Exit 9 when some could not be unenrolled.`

  static examples = [
    '<%= config.bin %> <%= command.id %> 50123ABCD',
    '<%= config.bin %> <%= command.id %> 50123ABCD 50456EFGH --yes --json',
  ]

  static flags = {...cloudFlags, yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation.'})}

  static strict = false

  async run(): Promise<ItemReport<'serialNumber', 'unenrolled'>[]> {
    const {argv, flags} = await this.parse(PrintersUnenroll)
    const serials = argv as string[]
    this.requireConfirmation(flags.yes)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    return this.eachItem(serials, flags.yes, {
      act: (p) => s.client.printers.unenroll(orgId, p.serialNumber),
      done: 'unenrolled',
      find: (serial: string) => s.client.printers.get(orgId, serial),
      key: 'serialNumber',
      label: (p) => p.serialNumber,
      notFound: () => 'not enrolled in this organization',
      question: (p) => `Unenroll ${p.manufacturer} ${p.modelName} (${p.serialNumber})? Its agent stops reporting to the cloud.`,
      refuse: (p) => mpsUnenrollRefusal(p.mpsStatus),
    })
  }
}
