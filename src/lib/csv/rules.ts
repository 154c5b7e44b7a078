// Field rules of the import formats, shared by the client's validation pass and the sandbox's
// server-side validation, so both sides reject exactly the same values with the same words.
// A rule returns undefined when the value is fine, else the rule broken (never echoing a secret).
import type {PinPolicy} from '../cloud/index.js'
import {codePointName, escapeControls, lookAlike} from '../text.js'

export type Rule = (value: string) => string | undefined

export const PIN_MIN = 4
export const PIN_MAX = 12

export const DEFAULT_PIN_POLICY: PinPolicy = {pinGeneration: 'admin', pinLength: null}

const EMAIL = /^[^\s@"(),:;<>[\\\]]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i
// characters that make a spreadsheet evaluate a cell (CSV injection)
const FORMULA = /^[=+\-@\t\r]/
// C0 controls other than tab, DEL and C1 (ESC, BEL, NUL, CSI… drive a terminal)
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/

/** Rules every cell of a file obeys: decodable UTF-8, no control characters. */
export function cellRule(value: string): string | undefined {
  if (value.includes('\uFFFD')) return 'not valid UTF-8 (Latin-1 or Windows-1252 bytes?): save the file as UTF-8'
  const control = CONTROL.exec(value)?.[0]
  if (control)
    return control === '\u0000'
      ? 'contains NUL bytes: binary data, or a UTF-16 file (save it as UTF-8)'
      : control === '\n' || control === '\r'
        ? 'contains a line break'
        : `contains ${codePointName(control)}: control characters are refused`
  return undefined
}

export const emailRule: Rule = (v) => {
  if (v.length > 254) return 'an e-mail address has at most 254 characters'
  const deceptive = lookAlike(v)
  if (deceptive) return `"${escapeControls(v)}" is refused: ${deceptive}`
  return EMAIL.test(v) ? undefined : `"${v}" is not a valid e-mail address`
}

/** Free text (names, departments, groups, badge IDs, addresses): a length limit, nothing a spreadsheet would run. */
export function textRule(max: number): Rule {
  return (v) => {
    if (v.length > max) return `at most ${max} characters (got ${v.length})`
    if (FORMULA.test(v)) return `starts with "${v[0]}": a spreadsheet would run it as a formula`
    return undefined
  }
}

export function pinRule(policy: PinPolicy): Rule {
  return (v) => {
    if (!/^\d+$/.test(v)) return 'a PIN is digits only'
    if (policy.pinLength !== null)
      return v.length === policy.pinLength ? undefined : `the organization's PINs have exactly ${policy.pinLength} digits (got ${v.length})`
    return v.length >= PIN_MIN && v.length <= PIN_MAX ? undefined : `a PIN has ${PIN_MIN}–${PIN_MAX} digits (got ${v.length})`
  }
}

export const passwordRule: Rule = (v) => {
  if (v.length < 8 || v.length > 128) return `a password has 8–128 characters (got ${v.length})`
  // the portal's rule: a lower-case letter, an upper-case letter, a digit and a special character
  const lacks = [
    [/\p{Ll}/u, 'a lower-case letter'],
    [/\p{Lu}/u, 'an upper-case letter'],
    [/\d/, 'a digit'],
    [/[^\p{L}\d]/u, 'a special character'],
  ] as const
  const missing = lacks.filter(([re]) => !re.test(v)).map(([, what]) => what)
  return missing.length
    ? `a password needs a lower-case letter, an upper-case letter, a digit and a special character (missing ${missing.join(', ')})`
    : undefined
}

export const badgeRule = textRule(64)

/** Pre-enrollment serial numbers: 7–20 letters and digits, stored in upper case. */
export const serialRule: Rule = (v) => {
  if (/^[A-Z0-9]{7,20}$/.test(v)) return undefined
  // a mistyped serial is echoed; a line of some other file (a TXT list may be any file) is not
  return /^[\w -]{1,30}$/.test(v)
    ? `"${v}" is not a serial number (7–20 letters and digits)`
    : `not a serial number (7–20 letters and digits): a value of ${v.length} characters with others`
}

/** Group names in the users file's GROUPS cell are separated by semicolons. */
export const GROUP_SEPARATOR = ';'
export const MAX_GROUPS = 50
export const groupRule = textRule(100)

export function splitGroups(cell: string): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const g of cell
    .split(GROUP_SEPARATOR)
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (seen.has(g.toLowerCase())) continue
    seen.add(g.toLowerCase())
    out.push(g)
  }
  return out
}

export const countryCodeRule: Rule = (v) =>
  /^\d{1,4}$/.test(v) ? undefined : 'a country calling code is 1–4 digits, no "+" or other symbols'
export const phoneRule: Rule = (v) => {
  if (!/^[\d ().-]+$/.test(v))
    return 'a phone number has digits, spaces, dots, dashes and parentheses only (the country code goes in COUNTRY_CODE)'
  const digits = v.replace(/\D/g, '').length
  return digits >= 4 && digits <= 15 ? undefined : `a phone number has 4–15 digits (got ${digits})`
}
export const countryRule: Rule = (v) =>
  /^[A-Z]{2}$/.test(v) ? undefined : `"${v}" is not a two-letter ISO 3166 country code (e.g. US, DE)`
export const postalCodeRule: Rule = (v) =>
  /^[A-Za-z0-9][A-Za-z0-9 -]{0,19}$/.test(v) ? undefined : `"${v}" is not a postal code (letters, digits, spaces and dashes, at most 20)`
