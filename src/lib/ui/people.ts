// Wording and argument checks shared by the user, badge, PIN and pre-enrollment commands.
import type {PinPolicy} from '../cloud/types.js'
import {PIN_MAX, PIN_MIN, type Rule} from '../csv/rules.js'
import {LcsError} from '../errors.js'

const GENERATION: Record<PinPolicy['pinGeneration'], string> = {
  admin: 'Administrator sets PINs',
  auto: 'Automatically generate and e-mail',
  user: 'Users set their own PINs',
}

export function describePinPolicy(p: PinPolicy): string {
  return `PIN generation: ${GENERATION[p.pinGeneration]} (${p.pinGeneration})\nPIN length:     ${p.pinLength === null ? `any of ${PIN_MIN}–${PIN_MAX} digits` : `${p.pinLength} digits`}`
}

/** A command-line value checked with the import rules: a broken rule is a usage error naming the argument. */
export function checkArg(name: string, value: string, rule: Rule): void {
  const broken = rule(value)
  if (broken) throw new LcsError('usage', `${name}: ${broken}.`)
}
