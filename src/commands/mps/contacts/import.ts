import type {MpsContactItem} from '../../../lib/cloud/index.js'
import {CONTACT_FIELDS, contactFormat} from '../../../lib/csv/index.js'
import {ImportCommand, type OrgScope} from '../../../lib/ui/index.js'

export default class MpsContactsImport extends ImportCommand<MpsContactItem> {
  static summary = 'Create MPS Express (supplies delivery) contacts from a CSV or TXT file'

  static description = `Create MPS Express (supplies delivery) contacts from a UTF-8 CSV or TXT file with every column of the contact form, in any order: ${CONTACT_FIELDS.map((f) => f.column).join(',')}. ADDRESS_LINE_2 and STATE_PROVINCE may be empty; COUNTRY_CODE is the telephone country code, digits only (no "+"); COUNTRY is the two-letter ISO code. A contact identical to an existing one (same first name, last name and e-mail) is unchanged; the same person with other details is rejected.

The portal takes 300 contacts per upload; lcs checks the whole file first and sends it 300 at a time. Planned, resumable and idempotent like every import.`

  static examples = [
    '<%= config.bin %> <%= command.id %> contacts.csv',
    '<%= config.bin %> <%= command.id %> contacts.csv --dry-run --json',
  ]

  protected async format() {
    return contactFormat
  }

  protected send(scope: OrgScope, items: MpsContactItem[], dryRun: boolean) {
    return scope.client.mpsContacts.apply(scope.orgId, items, {dryRun})
  }
}
