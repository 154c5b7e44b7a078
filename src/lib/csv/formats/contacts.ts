// MPS Express contacts (supplies delivery contacts): the contact form's fields, every column present (in
// any order), UTF-8. COUNTRY_CODE is the telephone country code, digits only; COUNTRY the ISO 3166 code.
// A contact is identified by first name, last name and e-mail. The portal takes 300 per upload; lcs takes
// any number and sends them 300 at a time.
import {MPS_CONTACTS_BATCH_MAX, type MpsContactItem} from '../../cloud/index.js'
import type {Decoded, FieldError, ImportFormat} from '../format.js'
import {countryCodeRule, countryRule, emailRule, phoneRule, postalCodeRule, textRule, type Rule} from '../rules.js'

interface ContactField {
  column: string
  field: keyof MpsContactItem
  required: boolean
  rule: Rule
  /** Stored as: e-mail lower case, country upper case. */
  normalize?: (v: string) => string
}

/** The contact form, shared by the file's validation and the sandbox's. */
export const CONTACT_FIELDS: readonly ContactField[] = [
  {column: 'FIRST_NAME', field: 'firstName', required: true, rule: textRule(50)},
  {column: 'LAST_NAME', field: 'lastName', required: true, rule: textRule(50)},
  {column: 'EMAIL', field: 'email', normalize: (v) => v.toLowerCase(), required: true, rule: emailRule},
  {column: 'COUNTRY_CODE', field: 'countryCode', required: true, rule: countryCodeRule},
  {column: 'PHONE', field: 'phone', required: true, rule: phoneRule},
  {column: 'BUSINESS_NAME', field: 'businessName', required: true, rule: textRule(100)},
  {column: 'ADDRESS_LINE_1', field: 'addressLine1', required: true, rule: textRule(100)},
  {column: 'ADDRESS_LINE_2', field: 'addressLine2', required: false, rule: textRule(100)},
  {column: 'CITY', field: 'city', required: true, rule: textRule(50)},
  {column: 'STATE_PROVINCE', field: 'stateProvince', required: false, rule: textRule(50)},
  {column: 'POSTAL_CODE', field: 'postalCode', required: true, rule: postalCodeRule},
  {column: 'COUNTRY', field: 'country', normalize: (v) => v.toUpperCase(), required: true, rule: countryRule},
]

export const contactKey = (c: Pick<MpsContactItem, 'firstName' | 'lastName' | 'email'>) =>
  `${c.firstName}\u0000${c.lastName}\u0000${c.email}`.toLowerCase()

export const contactFormat: ImportFormat<MpsContactItem> = {
  columns: CONTACT_FIELDS.map((f) => f.column),
  decode(cell): Decoded<MpsContactItem> {
    const errors: FieldError[] = []
    const item: Partial<Record<keyof MpsContactItem, string>> = {}
    for (const f of CONTACT_FIELDS) {
      const raw = cell(f.column)
      if (!raw) {
        if (f.required) errors.push({column: f.column, rule: `${f.column} is required`})
        continue
      }
      const v = f.normalize ? f.normalize(raw) : raw
      const broken = f.rule(v)
      if (broken) errors.push({column: f.column, rule: broken})
      item[f.field] = v
    }
    const contact = item as MpsContactItem
    return {
      errors,
      item: contact,
      keys: [{column: 'EMAIL', key: contactKey(contact), label: `${contact.firstName} ${contact.lastName} <${contact.email}>`}],
    }
  },
  fields: Object.fromEntries(CONTACT_FIELDS.map((f) => [f.field, f.column])),
  label: (c) => `${c.firstName} ${c.lastName} <${c.email}>`,
  maxItems: MPS_CONTACTS_BATCH_MAX,
  name: 'mps-contacts',
  noun: 'contact',
  secretColumns: [],
}
