import {Args} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/index.js'
import type {MpsContact} from '../../../lib/cloud/index.js'
import {LcsError} from '../../../lib/errors.js'
import {contactLabel, findContact} from '../../../lib/mps/index.js'
import {anyContactFlag, BaseCommand, cloudFlags, contactFlags, contactFromFlags} from '../../../lib/ui/index.js'

export default class MpsContactsUpdate extends BaseCommand {
  static args = {contact: Args.string({description: 'The contact: id, e-mail or "First Last".', required: true})}

  static summary = 'Change a supplies delivery contact'

  static description = 'Change a supplies delivery contact (Update Contact): the fields given change, the others stay.'

  static examples = [
    '<%= config.bin %> <%= command.id %> dana@contoso.example --phone "555 0199"',
    '<%= config.bin %> <%= command.id %> "Dana Reyes" --address-line-1 "2 Main St" --postal-code 40508 --json',
  ]

  static flags = {...cloudFlags, ...contactFlags}

  async run(): Promise<MpsContact> {
    const {args, flags} = await this.parse(MpsContactsUpdate)
    if (!anyContactFlag(flags)) throw new LcsError('usage', 'Nothing to change: give the fields to change (--phone, --city …).')
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const {id, dateCreated: _created, ...current} = await findContact(s.client, orgId, args.contact)
    const c = await s.client.mpsContacts.update(orgId, id, contactFromFlags(flags, current))
    this.log(`Updated ${contactLabel(c)} (${c.id}).`)
    return c
  }
}
