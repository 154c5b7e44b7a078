// The printer-login configuration's rules, as the rollout guide states them, shared by the CLI (flags,
// rollout files) and the sandbox (which refuses what the cloud refuses): the login methods, standard
// (badge, PIN, secure login, one or more) or two-factor (badge + PIN, alone); PIN expiry never, 1–48 hours
// or 1–180 days, and only when administrators or users set PINs; with an authentication provider
// (identity federation) PINs are set by administrators and never expire.
import type {PinPolicy} from './types.js'

/** badge, pin and secure are the standard methods (any of them together); badge+pin is the two-factor one. */
export type LoginMethod = 'badge' | 'pin' | 'secure' | 'badge+pin'
export const LOGIN_METHODS: readonly LoginMethod[] = ['badge', 'pin', 'secure', 'badge+pin']

export const METHOD_LABELS: Record<LoginMethod, string> = {
  badge: 'Badge',
  'badge+pin': 'Badge + PIN as second factor',
  pin: 'PIN',
  secure: 'Secure login (manual login)',
}

/** What each method asks of the users and printers. */
export const METHOD_NEEDS: Record<LoginMethod, string> = {
  badge: 'a contactless card reader at the printer and a registered badge per user (lcs badges register)',
  'badge+pin': 'a registered badge and a PIN per user: what Badge and PIN need, both',
  pin: 'a PIN per user, set as PIN generation says',
  secure: 'a one-time login code per login (valid 15 minutes), from My Account or the Lexmark Print app; printers show a Secure Login icon',
}

/** After how long PINs expire; null in a configuration: never. */
export interface PinExpiry {
  unit: 'hours' | 'days'
  value: number
}

export const PIN_EXPIRY_MAX: Record<PinExpiry['unit'], number> = {days: 180, hours: 48}

/** The whole printer-login configuration of an organization. */
export interface PrinterLoginConfig extends PinPolicy {
  methods: LoginMethod[]
  pinExpiry: PinExpiry | null
}

export const DEFAULT_METHODS: LoginMethod[] = ['badge', 'pin']

export const PIN_EXPIRY_RULE = 'never, or after 1–48 hours (1h–48h) or 1–180 days (1d–180d)'

/** "never", "12h", "30d" → the expiry; a string saying what is wrong otherwise. */
export function parsePinExpiry(text: string): PinExpiry | null | string {
  const t = text.trim().toLowerCase()
  if (t === 'never') return null
  const m = /^(\d{1,6})([hd])$/.exec(t)
  if (!m) return `PINs expire ${PIN_EXPIRY_RULE}`
  const unit = m[2] === 'h' ? 'hours' : 'days'
  return pinExpiryProblem({unit, value: Number(m[1])}) ?? {unit, value: Number(m[1])}
}

export function pinExpiryProblem(e: PinExpiry): string | undefined {
  if (!Number.isInteger(e.value) || e.value < 1 || e.value > PIN_EXPIRY_MAX[e.unit])
    return `PINs expire after 1–${PIN_EXPIRY_MAX[e.unit]} ${e.unit} (got ${e.value}), or never`
  return undefined
}

/** "never", "12h", "30d": the form of --pin-expiry and rollout files. */
export const formatPinExpiry = (e: PinExpiry | null): string => (e ? `${e.value}${e.unit[0]}` : 'never')

export const describePinExpiry = (e: PinExpiry | null): string =>
  e ? `after ${e.value} ${e.value === 1 ? e.unit.slice(0, -1) : e.unit}` : 'never'

/** Methods as `--methods` takes them: "badge,pin", "badge+pin". */
export function parseMethods(text: string): LoginMethod[] | string {
  const list = text
    .split(',')
    .map((m) => m.trim().toLowerCase().replace(/\s+/g, ''))
    .filter(Boolean)
  const unknown = list.find((m) => !LOGIN_METHODS.includes(m as LoginMethod))
  if (unknown) return `unknown login method "${unknown}": ${LOGIN_METHODS.join(', ')}`
  return list as LoginMethod[]
}

export interface ConfigProblem {
  field: 'methods' | 'pinExpiry' | 'pinGeneration'
  rule: string
}

/** What the guide forbids in this configuration (empty: none). `federated`: the organization has an authentication provider. */
export function loginConfigProblems(c: PrinterLoginConfig, federated: boolean): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  const methods = c.methods
  if (!methods.length) problems.push({field: 'methods', rule: 'at least one login method: badge, pin, secure, or badge+pin'})
  const unknown = methods.find((m) => !LOGIN_METHODS.includes(m))
  if (unknown !== undefined) problems.push({field: 'methods', rule: `unknown login method "${unknown}": ${LOGIN_METHODS.join(', ')}`})
  if (new Set(methods).size !== methods.length) problems.push({field: 'methods', rule: 'a login method is listed twice'})
  if (methods.includes('badge+pin') && methods.length > 1)
    problems.push({
      field: 'methods',
      rule: 'Badge + PIN as second factor (badge+pin) is two-factor authentication: it goes alone, not with the standard methods badge, pin, secure',
    })
  const expiry = c.pinExpiry && pinExpiryProblem(c.pinExpiry)
  if (expiry) problems.push({field: 'pinExpiry', rule: expiry})
  if (c.pinExpiry && c.pinGeneration === 'auto')
    problems.push({
      field: 'pinExpiry',
      rule: 'PINs generated and e-mailed (PIN generation auto) cannot expire: set the PIN expiry to never, or PIN generation to admin or user',
    })
  if (federated && (c.pinGeneration !== 'admin' || c.pinExpiry))
    problems.push({
      field: c.pinGeneration !== 'admin' ? 'pinGeneration' : 'pinExpiry',
      rule: 'with an authentication provider (identity federation), PINs are set by administrators (PIN generation admin) and never expire',
    })
  return problems
}
