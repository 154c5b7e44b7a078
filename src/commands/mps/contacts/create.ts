import {Flags} from '@oclif/core'

import {activeOrgId} from '../../../lib/auth/index.js'
import type {AssignResult, MpsContact} from '../../../lib/cloud/index.js'
import {contactLabel} from '../../../lib/mps/index.js'
import {BaseCommand, cloudFlags, contactFlags, contactFromFlags} from '../../../lib/ui/index.js'

export default class MpsContactsCreate extends BaseCommand {
  static summary = 'Create an MPS Express supplies delivery contact'

  static description = `Create an MPS Express supplies delivery contact (the contact form: name, contact information, shipping address). With --assign, create it and assign it to those printers in one step ("Create and assign new supplies delivery contact"): an unknown printer changes nothing. A contact is its first name, last name and e-mail: the same three again is refused (exit 6).`

  static examples = [
    '<%= config.bin %> <%= command.id %> --first-name Dana --last-name Reyes --email dana@contoso.example --country-code 1 --phone "555 0100" --business-name "Contoso Retail" --address-line-1 "1 Main St" --city Lexington --state-province KY --postal-code 40507 --country US',
    '<%= config.bin %> <%= command.id %> --first-name Dana … --assign 50123ABCD --assign 50456EFGH --json',
  ]

  static flags = {
    ...cloudFlags,
    ...contactFlags,
    assign: Flags.string({
      description: 'Serial number of a printer whose supplies delivery contact it becomes (repeatable).',
      multiple: true,
    }),
  }

  async run(): Promise<MpsContact | AssignResult> {
    const {flags} = await this.parse(MpsContactsCreate)
    const contact = contactFromFlags(flags)
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    if (flags.assign?.length) {
      const r = await s.client.mps.assign(orgId, {contact}, flags.assign)
      this.log(
        `${contactLabel(r.contact)} (${r.contact.id}) is the supplies delivery contact of ${r.results.map((x) => x.serialNumber).join(', ')}.`,
      )
      return r
    }
    const c = await s.client.mpsContacts.create(orgId, contact)
    this.log(`Created ${contactLabel(c)} (${c.id}).`)
    return c
  }
}
