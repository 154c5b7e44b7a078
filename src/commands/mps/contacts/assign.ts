import {Args} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/index.js'
import type {AssignResult} from '../../../lib/cloud/index.js'
import {LcsError} from '../../../lib/errors.js'
import {contactLabel, findContact} from '../../../lib/mps/index.js'
import {BaseCommand, cloudFlags} from '../../../lib/ui/index.js'

export default class MpsContactsAssign extends BaseCommand {
  static args = {
    contact: Args.string({description: 'The contact: id, e-mail or "First Last".', required: true}),
    serials: Args.string({description: 'Serial numbers of the printers.', required: true}),
  }

  static summary = 'Assign a supplies delivery contact to printers'

  static description =
    'Assign a supplies delivery contact to printers (Assign supplies delivery contact). All or nothing: an unknown contact or printer changes nothing. A printer keeps one contact: assigning another replaces it. To create the contact in the same step: `lcs mps contacts create … --assign SERIAL`.'

  static examples = [
    '<%= config.bin %> <%= command.id %> dana@contoso.example 50123ABCD 50456EFGH',
    '<%= config.bin %> <%= command.id %> "Dana Reyes" 50123ABCD --json',
  ]

  static flags = {...cloudFlags}

  static strict = false

  async run(): Promise<AssignResult> {
    const {argv, flags} = await this.parse(MpsContactsAssign)
    const [ref, ...serials] = argv as string[]
    if (!serials.length) throw new LcsError('usage', 'Give the serial numbers of the printers to assign the contact to.')
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const contact = await findContact(s.client, orgId, ref)
    const r = await s.client.mps.assign(orgId, {contactId: contact.id}, serials)
    for (const x of r.results)
      this.log(`${x.serialNumber}: ${x.outcome === 'unchanged' ? 'already assigned' : 'assigned'} ${contactLabel(contact)}`)
    return r
  }
}
