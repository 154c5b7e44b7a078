// Wording and flags shared by the user, badge and PIN commands.
import {Flags} from '@oclif/core'

import type {UserItem} from '../cloud/index.js'
import {emailRule, type FieldError, GROUP_SEPARATOR, parseGroups, passwordRule, textRule, USER_TEXT_FIELDS} from '../csv/index.js'
import {LcsError} from '../errors.js'
import {checkArg} from './args.js'
import {readSecretFromStdin} from './stdin.js'

export const userFieldFlags = {
  'cost-center': Flags.string({description: 'Cost center.'}),
  department: Flags.string({description: 'Department.'}),
  'display-name': Flags.string({description: 'Display name.'}),
  'first-name': Flags.string({description: 'First name.'}),
  groups: Flags.string({
    description: `The user's groups, separated by "${GROUP_SEPARATOR}" (missing groups are created; memberships become exactly these).`,
  }),
  'last-name': Flags.string({description: 'Last name.'}),
  'password-stdin': Flags.boolean({
    description: 'Read a password for the account from stdin (else the user sets one through the e-mailed link).',
  }),
}

type FieldFlags = {[K in keyof typeof userFieldFlags]?: K extends 'password-stdin' ? boolean : string}

/** A users-batch item from the command line, every value checked with the import's rules (usage errors). */
export async function userItemFromFlags(operation: 'CREATE' | 'UPDATE', emailArg: string, flags: FieldFlags): Promise<UserItem> {
  const email = emailArg.toLowerCase()
  checkArg('EMAIL', email, emailRule)
  const item: UserItem = {email, operation}
  for (const [column, field] of Object.entries(USER_TEXT_FIELDS)) {
    const flag = column.toLowerCase().replace('_', '-') as Exclude<keyof FieldFlags, 'groups' | 'password-stdin'>
    const v = flags[flag]?.trim()
    if (v === undefined) continue
    checkArg(`--${flag}`, v, textRule(100))
    item[field] = v
  }
  if (flags.groups !== undefined) {
    const errors: FieldError[] = []
    item.groups = parseGroups(flags.groups, errors)
    if (errors.length) throw new LcsError('usage', `--groups: ${errors[0].rule}.`)
  }
  if (flags['password-stdin']) {
    item.password = await readSecretFromStdin('the password')
    checkArg('the password', item.password, passwordRule)
  }
  return item
}
