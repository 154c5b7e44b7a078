import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/index.js'
import type {MpsContact} from '../../../lib/cloud/index.js'
import {contactLabel, findContact} from '../../../lib/mps/index.js'
import {BaseCommand, cloudFlags, type ItemReport} from '../../../lib/ui/index.js'

export default class MpsContactsDelete extends BaseCommand {
  static args = {contacts: Args.string({description: 'Contacts: id, e-mail or "First Last".', required: true})}

  static summary = 'Delete supplies delivery contacts'

  static description =
    'Delete supplies delivery contacts. A contact assigned to a printer cannot be deleted: assign the printers another contact first. Asks first (--yes in scripts); exit 9 when some were not deleted.'

  static examples = [
    '<%= config.bin %> <%= command.id %> dana@contoso.example',
    '<%= config.bin %> <%= command.id %> "Dana Reyes" --yes --json',
  ]

  static flags = {...cloudFlags, yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation.'})}

  static strict = false

  async run(): Promise<ItemReport<'contact', 'deleted'>[]> {
    const {argv, flags} = await this.parse(MpsContactsDelete)
    this.requireConfirmation(flags.yes)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    return this.eachItem(argv as string[], flags.yes, {
      act: (c: MpsContact) => s.client.mpsContacts.delete(orgId, c.id),
      done: 'deleted',
      find: (ref: string) => findContact(s.client, orgId, ref),
      key: 'contact',
      label: contactLabel,
      question: (c) => `Delete contact ${contactLabel(c)}?`,
    })
  }
}
