// Supplies delivery contacts: the contact form's rules (the same the import applies, shared with the
// sandbox), and finding a contact by what the user names.
import type {CloudClient, MpsContact, MpsContactItem} from '../cloud/index.js'
import {CONTACT_FIELDS} from '../csv/index.js'
import {LcsError} from '../errors.js'

/** The contact's one-line label: "First Last <e-mail>". */
export const contactLabel = (c: Pick<MpsContactItem, 'firstName' | 'lastName' | 'email'>) => `${c.firstName} ${c.lastName} <${c.email}>`

/** The contact form checked: the normalized contact, or each field's problem. */
export function checkContact(input: Record<string, unknown>): {contact: MpsContactItem; problems: Array<{field: string; rule: string}>} {
  const contact: Record<string, string> = {}
  const problems: Array<{field: string; rule: string}> = []
  for (const f of CONTACT_FIELDS) {
    const raw = input[f.field]
    if (raw === undefined || raw === null || raw === '') {
      if (f.required) problems.push({field: f.field, rule: `${f.field} is required`})
      continue
    }
    if (typeof raw !== 'string') {
      problems.push({field: f.field, rule: `${f.field} must be text`})
      continue
    }
    const v = f.normalize ? f.normalize(raw.trim()) : raw.trim()
    const broken = f.rule(v)
    if (broken) problems.push({field: f.field, rule: broken})
    contact[f.field] = v
  }
  return {contact: contact as unknown as MpsContactItem, problems}
}

/** The contact form's fields: name in the SDK and the flag that sets it (`addressLine1` → `address-line-1`). */
export const CONTACT_FLAG_FIELDS = CONTACT_FIELDS.map((f) => ({
  column: f.column,
  field: f.field,
  flag: f.column.toLowerCase().replaceAll('_', '-'),
  required: f.required,
}))

/** A contact by id, e-mail or full name ("First Last"), in any case; a clear error when none or several match. */
export async function findContact(client: CloudClient, orgId: string, ref: string): Promise<MpsContact> {
  const all: MpsContact[] = []
  for await (const c of client.mpsContacts.list(orgId)) all.push(c)
  const byId = all.find((c) => c.id === ref)
  if (byId) return byId
  const want = ref.trim().replace(/\s+/g, ' ').toLowerCase()
  const matches = all.filter((c) => c.email === want || `${c.firstName} ${c.lastName}`.toLowerCase() === want)
  if (matches.length === 1) return matches[0]
  if (matches.length > 1)
    throw new LcsError(
      'usage',
      `Several contacts match "${ref}": use the id (${matches.map((c) => `${c.id} ${contactLabel(c)}`).join(', ')}).`,
    )
  throw new LcsError('notFound', `No supplies delivery contact "${ref}" in this organization.`, {
    hint: 'List them with `lcs mps contacts list`, or create one with `lcs mps contacts create`.',
  })
}
