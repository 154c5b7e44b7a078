// The users file: EMAIL,OPERATION,PASSWORD,FIRST_NAME,LAST_NAME,DISPLAY_NAME,DEPARTMENT,COST_CENTER,GROUPS,PIN
// in any order (names case-sensitive, every column on every row). OPERATION is CREATE, UPDATE or DELETE;
// an empty cell leaves the field as it is; GROUPS lists the user's groups separated by ";" (missing
// groups are created, memberships set to exactly the list); a DELETE row only needs EMAIL.
import {type PinPolicy, type UserItem, USERS_BATCH_MAX} from '../../cloud/index.js'
import {registerSecret} from '../../redact.js'
import type {Decoded, FieldError, ImportFormat} from '../format.js'
import {emailRule, groupRule, MAX_GROUPS, passwordRule, splitGroups, textRule} from '../rules.js'
import {checkPin} from './badges.js'

const USER_COLUMNS = [
  'EMAIL',
  'OPERATION',
  'PASSWORD',
  'FIRST_NAME',
  'LAST_NAME',
  'DISPLAY_NAME',
  'DEPARTMENT',
  'COST_CENTER',
  'GROUPS',
  'PIN',
] as const

/** Text columns and the API field each one sets. */
export const USER_TEXT_FIELDS = {
  COST_CENTER: 'costCenter',
  DEPARTMENT: 'department',
  DISPLAY_NAME: 'displayName',
  FIRST_NAME: 'firstName',
  LAST_NAME: 'lastName',
} as const

const nameRule = textRule(100)

/** The GROUPS cell (or --groups): names separated by ";", each checked. */
export function parseGroups(cell: string, errors: FieldError[]): string[] {
  const groups = splitGroups(cell)
  if (groups.length > MAX_GROUPS) errors.push({column: 'GROUPS', rule: `at most ${MAX_GROUPS} groups (got ${groups.length})`})
  for (const g of groups) {
    const broken = groupRule(g)
    if (broken) errors.push({column: 'GROUPS', rule: `group "${g}": ${broken}`})
  }
  return groups
}

export function userFormat(policy: PinPolicy): ImportFormat<UserItem> {
  return {
    columns: USER_COLUMNS,
    fields: {
      costCenter: 'COST_CENTER',
      department: 'DEPARTMENT',
      displayName: 'DISPLAY_NAME',
      email: 'EMAIL',
      firstName: 'FIRST_NAME',
      groups: 'GROUPS',
      lastName: 'LAST_NAME',
      operation: 'OPERATION',
      password: 'PASSWORD',
      pin: 'PIN',
    },
    label: (i) => i.email,
    maxItems: USERS_BATCH_MAX,
    name: 'users',
    noun: 'user',
    secretColumns: ['PASSWORD', 'PIN'],
    decode(cell): Decoded<UserItem> {
      const errors: FieldError[] = []
      const opCell = cell('OPERATION')
      const op = opCell.toUpperCase()
      if (op !== 'CREATE' && op !== 'UPDATE' && op !== 'DELETE')
        errors.push({
          column: 'OPERATION',
          rule: opCell ? `"${opCell}" is not CREATE, UPDATE or DELETE` : 'OPERATION is required: CREATE, UPDATE or DELETE',
        })
      const email = cell('EMAIL').toLowerCase()
      const broken = email ? emailRule(email) : 'EMAIL is required'
      if (broken) errors.push({column: 'EMAIL', rule: broken})
      const keys = email ? [{column: 'EMAIL', key: email, label: email}] : []
      const item: UserItem = {email, operation: op as UserItem['operation']}
      if (op === 'DELETE') return {errors, item, keys}
      for (const [column, field] of Object.entries(USER_TEXT_FIELDS)) {
        const v = cell(column)
        if (!v) continue
        const b = nameRule(v)
        if (b) errors.push({column, rule: b})
        item[field] = v
      }
      const password = cell('PASSWORD')
      if (password) {
        // passwords are long enough to mask safely wherever they might surface; PINs are not (see decisions)
        registerSecret(password)
        const b = passwordRule(password)
        if (b) errors.push({column: 'PASSWORD', rule: b})
        item.password = password
      }
      const groups = cell('GROUPS')
      if (groups) item.groups = parseGroups(groups, errors)
      const {pin, warning} = checkPin(cell('PIN'), policy, errors)
      if (pin) item.pin = pin
      return {errors, item, keys, warning}
    },
  }
}
