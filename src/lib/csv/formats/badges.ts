// The badge and PIN file, exactly as Lexmark documents it: BADGE,OPERATION,EMAIL,TEMPORARY,PIN in any
// order. CREATE registers the badge for the (existing) user in EMAIL and/or sets that user's PIN; DELETE
// removes the badge named in BADGE. The same file serves "lcs pins import", which only sets PINs.
import {type BadgeItem, BADGES_BATCH_MAX, type PinPolicy} from '../../cloud/index.js'
import type {Decoded, FieldError, ImportFormat, RowKey} from '../format.js'
import {badgeRule, emailRule, pinRule} from '../rules.js'

/** Lower case of A–Z only, as the cloud compares badge IDs (SQL NOCASE). */
const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase())

const BADGE_COLUMNS = ['BADGE', 'OPERATION', 'EMAIL', 'TEMPORARY', 'PIN'] as const

interface BadgeFormatOptions {
  policy: PinPolicy
  /** lcs pins import: rows set PINs only (BADGE and TEMPORARY empty). */
  pinsOnly?: boolean
}

/** What happens to a PIN in the file under the organization's PIN generation setting. */
function pinIgnoredWarning(policy: PinPolicy): string {
  return policy.pinGeneration === 'auto'
    ? 'PIN ignored: the organization generates PINs and e-mails them ("Automatically generate and e-mail")'
    : 'PIN ignored: users of this organization set their own PINs ("User sets")'
}

/** A PIN cell under the organization's setting (the users file has a PIN column too): set, or ignored with a warning. */
export function checkPin(pin: string, policy: PinPolicy, errors: FieldError[]): {pin?: string; warning?: string} {
  if (!pin) return {}
  if (policy.pinGeneration !== 'admin') return {warning: pinIgnoredWarning(policy)}
  const broken = pinRule(policy)(pin)
  if (broken) errors.push({column: 'PIN', rule: broken})
  return {pin}
}

export function badgeFormat(opts: BadgeFormatOptions): ImportFormat<BadgeItem> {
  const {policy, pinsOnly} = opts
  return {
    columns: BADGE_COLUMNS,
    fields: {badgeId: 'BADGE', email: 'EMAIL', generatePin: 'PIN', operation: 'OPERATION', pin: 'PIN', temporary: 'TEMPORARY'},
    label: (i) => (i.badgeId ? `badge ${i.badgeId}` : `PIN of ${i.email}`),
    maxItems: BADGES_BATCH_MAX,
    name: pinsOnly ? 'pins' : 'badges',
    noun: pinsOnly ? 'PIN' : 'badge or PIN',
    secretColumns: ['PIN'],
    decode(cell): Decoded<BadgeItem> {
      const errors: FieldError[] = []
      const keys: RowKey[] = []
      const opCell = cell('OPERATION')
      const op = opCell.toUpperCase()
      const allowed = pinsOnly ? ['CREATE'] : ['CREATE', 'DELETE']
      if (!allowed.includes(op))
        errors.push({
          column: 'OPERATION',
          rule: opCell
            ? `"${opCell}" is not ${allowed.join(' or ')}${pinsOnly && op === 'DELETE' ? ' (a PIN import sets PINs)' : ''}`
            : `OPERATION is required: ${allowed.join(' or ')}`,
        })
      const email = cell('EMAIL').toLowerCase()
      if (email) {
        const broken = emailRule(email)
        if (broken) errors.push({column: 'EMAIL', rule: broken})
      } else if (op === 'CREATE') {
        errors.push({column: 'EMAIL', rule: 'EMAIL is required for CREATE: the user the badge or PIN is for'})
      }
      const badgeId = cell('BADGE')
      if (badgeId) {
        const broken = pinsOnly ? 'a PIN import sets PINs only: import badges with lcs badges import' : badgeRule(badgeId)
        if (broken) errors.push({column: 'BADGE', rule: broken})
        // the cloud holds one badge per ID in any letter case (readers send hex in either): 20171a is 20171A
        else keys.push({column: 'BADGE', key: `badge\u0000${asciiLower(badgeId)}`, label: `badge ${badgeId}`})
      }
      const tempCell = cell('TEMPORARY')
      let temporary: boolean | undefined
      if (tempCell) {
        const t = tempCell.toLowerCase()
        if (t === 'true' || t === 'false') temporary = t === 'true'
        else errors.push({column: 'TEMPORARY', rule: `"${tempCell}" is not true or false`})
        if (!badgeId) errors.push({column: 'TEMPORARY', rule: 'TEMPORARY is about a badge: leave it empty when BADGE is empty'})
      }
      const pinCell = cell('PIN')
      if (op === 'DELETE') {
        if (!badgeId) errors.push({column: 'BADGE', rule: 'DELETE removes the badge named in BADGE, which is empty'})
        if (pinCell) errors.push({column: 'PIN', rule: 'a DELETE row removes a badge: leave PIN empty'})
        return {errors, item: {badgeId, email: email || undefined, operation: 'DELETE'}, keys}
      }
      const {pin, warning} = checkPin(pinCell, policy, errors)
      // the cloud generates a PIN for a PIN row (a PIN given, or no badge) when it is set to do so
      const generatePin = policy.pinGeneration === 'auto' && (Boolean(pinCell) || !badgeId)
      if (!badgeId && !pin && !generatePin) {
        errors.push(
          policy.pinGeneration === 'user' && !pinsOnly
            ? {column: 'PIN', rule: 'nothing to do: users of this organization set their own PINs, and BADGE is empty'}
            : {
                column: pinsOnly ? 'PIN' : 'BADGE',
                rule: pinsOnly
                  ? policy.pinGeneration === 'user'
                    ? 'users of this organization set their own PINs'
                    : 'PIN is empty'
                  : 'BADGE and PIN are both empty: a row registers a badge, sets a PIN, or both',
              },
        )
      }
      if ((pin || generatePin) && email) keys.push({column: 'EMAIL', key: `pin\u0000${email}`, label: `the PIN of ${email}`})
      const item: BadgeItem = {email, operation: 'CREATE'}
      if (badgeId) item.badgeId = badgeId
      if (temporary !== undefined) item.temporary = temporary
      if (pin) item.pin = pin
      if (generatePin) item.generatePin = true
      return {errors, item, keys, warning}
    },
  }
}
