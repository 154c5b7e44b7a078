// The contact form as flags (`--first-name`, `--address-line-1` …), for the commands that create, update
// or duplicate a supplies delivery contact, checked with the form's rules before anything is sent.
import {Flags} from '@oclif/core'

import type {MpsContactItem} from '../cloud/index.js'
import {LcsError} from '../errors.js'
import {checkContact, CONTACT_FLAG_FIELDS} from '../mps/index.js'

export const contactFlags = Object.fromEntries(
  CONTACT_FLAG_FIELDS.map((f) => [
    f.flag,
    Flags.string({description: `${f.column.replaceAll('_', ' ').toLowerCase()}${f.required ? '' : ' (optional)'}.`, helpGroup: 'CONTACT'}),
  ]),
) as Record<string, ReturnType<typeof Flags.string>>

/** The contact the flags describe, on top of `base` (an existing contact's details); a usage error naming each wrong flag. */
export function contactFromFlags(flags: Record<string, unknown>, base: Partial<MpsContactItem> = {}): MpsContactItem {
  const input: Record<string, unknown> = {...base}
  for (const f of CONTACT_FLAG_FIELDS) if (flags[f.flag] !== undefined) input[f.field] = flags[f.flag]
  const {contact, problems} = checkContact(input)
  if (problems.length) {
    const flag = (field: string) => CONTACT_FLAG_FIELDS.find((f) => f.field === field)!.flag
    throw new LcsError(
      'usage',
      problems
        .map((p) => (p.rule.endsWith(' is required') ? `--${flag(p.field)} is required` : `--${flag(p.field)}: ${p.rule}`))
        .join('; '),
    )
  }
  return contact
}

/** Whether any contact flag was given. */
export const anyContactFlag = (flags: Record<string, unknown>) => CONTACT_FLAG_FIELDS.some((f) => flags[f.flag] !== undefined)
