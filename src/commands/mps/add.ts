import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import {LcsError} from '../../lib/errors.js'
import {addRefusal} from '../../lib/mps/index.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/index.js'

export default class MpsAdd extends BaseCommand {
  static args = {serials: Args.string({description: 'Serial numbers of the printers to add.', required: true})}

  static summary = 'Add printers to MPS Express'

  static description = `Add printers to MPS Express (Add to MPS Express). Every printer must be Eligible (see \`lcs mps eligibility\`): otherwise nothing is added and each refused printer is named with its status (exit 6). The terms of service must be accepted with --accept-terms. The organization must be entitled to MPS Express.

This cannot be undone: contact your Lexmark Customer Operations Specialist to delete or unenroll the printers. Asks first (--yes in scripts). Added printers show as "MPS Express (Pending)" in \`lcs printers list\`; printers already in the program are unchanged.`

  static examples = [
    '<%= config.bin %> <%= command.id %> 50123ABCD 50456EFGH --accept-terms',
    '<%= config.bin %> <%= command.id %> 50123ABCD --accept-terms --yes --json',
  ]

  static flags = {
    ...cloudFlags,
    'accept-terms': Flags.boolean({description: 'Accept the MPS Express terms of service.'}),
    yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation.'}),
  }

  static strict = false

  async run(): Promise<{added: string[]; unchanged: string[]}> {
    const {argv, flags} = await this.parse(MpsAdd)
    const serials = argv as string[]
    if (!flags['accept-terms'])
      throw new LcsError('usage', 'Adding printers to MPS Express needs its terms of service accepted: pass --accept-terms.')
    this.requireConfirmation(flags.yes)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    // checked first so that nothing is asked about printers the cloud would refuse
    const report = await s.client.mps.eligibility(orgId, serials)
    const refusal = addRefusal(report.printers)
    if (refusal) throw new LcsError('conflict', refusal, {hint: 'Nothing was added. See `lcs mps eligibility` for what each status needs.'})
    const eligible = report.printers.filter((p) => p.status === 'Eligible').length
    if (
      eligible &&
      !(await this.confirmed(
        flags.yes,
        `Add ${eligible} printer${eligible === 1 ? '' : 's'} to MPS Express? This cannot be undone: only your Lexmark Customer Operations Specialist can remove them.`,
        'confirmation to add printers to MPS Express (it cannot be undone)',
      ))
    )
      throw new LcsError('interrupted', 'Cancelled: nothing was added.')
    const r = await s.client.mps.add(orgId, serials, true)
    for (const serial of r.added) this.log(`${serial}: added (MPS Express (Pending))`)
    for (const serial of r.unchanged) this.log(`${serial}: already in MPS Express`)
    return r
  }
}
