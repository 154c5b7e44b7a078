import {Args} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/index.js'
import type {MpsContact} from '../../../lib/cloud/index.js'
import {contactLabel, findContact} from '../../../lib/mps/index.js'
import {BaseCommand, cloudFlags, contactFlags, contactFromFlags} from '../../../lib/ui/index.js'

export default class MpsContactsDuplicate extends BaseCommand {
  static args = {contact: Args.string({description: 'The contact to copy: id, e-mail or "First Last".', required: true})}

  static summary = "Create a contact from another one's details"

  static description =
    "Create a contact from another one's details (Duplicate): the fields given replace the copied ones. The copy needs another first name, last name or e-mail (a contact is those three)."

  static examples = [
    '<%= config.bin %> <%= command.id %> dana@contoso.example --first-name Sam --email sam@contoso.example',
    '<%= config.bin %> <%= command.id %> "Dana Reyes" --email receiving@contoso.example --json',
  ]

  static flags = {...cloudFlags, ...contactFlags}

  async run(): Promise<MpsContact> {
    const {args, flags} = await this.parse(MpsContactsDuplicate)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const {id, dateCreated: _created, ...source} = await findContact(s.client, orgId, args.contact)
    const c = await s.client.mpsContacts.duplicate(orgId, id, contactFromFlags(flags, source))
    this.log(`Created ${contactLabel(c)} (${c.id}) from ${contactLabel(source)}.`)
    return c
  }
}
