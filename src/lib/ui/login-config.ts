// The printer-login configuration as `lcs login-config` shows it and takes it from flags.
import {
  describePinExpiry,
  METHOD_LABELS,
  METHOD_NEEDS,
  parseMethods,
  parsePinExpiry,
  type PinPolicy,
  type PrinterLoginConfig,
} from '../cloud/index.js'
import {PIN_MAX, PIN_MIN} from '../csv/index.js'
import {LcsError} from '../errors.js'

const GENERATION: Record<PinPolicy['pinGeneration'], string> = {
  admin: 'Administrator sets PINs',
  auto: 'Automatically generate and e-mail',
  user: 'Users set their own PINs',
}

export function describeLoginConfig(c: PrinterLoginConfig): string {
  const twoFactor = c.methods.includes('badge+pin')
  return [
    `Login methods:  ${c.methods.map((m) => METHOD_LABELS[m]).join(', ')} (${twoFactor ? 'two-factor' : 'standard'} authentication)`,
    ...c.methods.map((m) => `  ${METHOD_LABELS[m]} needs ${METHOD_NEEDS[m]}`),
    `PIN generation: ${GENERATION[c.pinGeneration]} (${c.pinGeneration})`,
    `PIN length:     ${c.pinLength === null ? `any of ${PIN_MIN}–${PIN_MAX} digits` : `${c.pinLength} digits`}`,
    `PIN expiry:     ${describePinExpiry(c.pinExpiry)}`,
    'Every printer of the organization follows these settings (its Cloud Authentication app polls them every 15 minutes).',
  ].join('\n')
}

export interface LoginConfigFlags {
  methods?: string
  'pin-generation'?: string
  'pin-length'?: string
  'pin-expiry'?: string
}

/** The change the flags ask for; a usage error (exit 2) for a value out of its range. */
export function loginConfigFromFlags(flags: LoginConfigFlags): Partial<PrinterLoginConfig> {
  const change: Partial<PrinterLoginConfig> = {}
  if (flags['pin-generation']) change.pinGeneration = flags['pin-generation'] as PinPolicy['pinGeneration']
  if (flags['pin-length'] !== undefined) {
    const n = Number(flags['pin-length'])
    if (flags['pin-length'] !== 'any' && !(Number.isInteger(n) && n >= PIN_MIN && n <= PIN_MAX))
      throw new LcsError('usage', `--pin-length ${flags['pin-length']}: a whole number ${PIN_MIN}–${PIN_MAX}, or "any".`)
    change.pinLength = flags['pin-length'] === 'any' ? null : n
  }
  if (flags['pin-expiry'] !== undefined) {
    const e = parsePinExpiry(flags['pin-expiry'])
    if (typeof e === 'string') throw new LcsError('usage', `--pin-expiry ${flags['pin-expiry']}: ${e}.`)
    change.pinExpiry = e
  }
  if (flags.methods !== undefined) {
    const m = parseMethods(flags.methods)
    if (typeof m === 'string') throw new LcsError('usage', `--methods ${flags.methods}: ${m}.`)
    change.methods = m
  }
  if (!Object.keys(change).length)
    throw new LcsError('usage', 'Nothing to change: pass --methods, --pin-generation, --pin-length and/or --pin-expiry.')
  return change
}
