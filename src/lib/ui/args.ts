// Command-line values checked with the same rules as the import files (usage errors naming the argument).
import {type Rule, serialRule} from '../csv/index.js'
import {LcsError} from '../errors.js'

/** A command-line value checked with the import rules: a broken rule is a usage error naming the argument. */
export function checkArg(name: string, value: string, rule: Rule): void {
  const broken = rule(value)
  if (broken) throw new LcsError('usage', `${name}: ${broken}.`)
}

/** Serial numbers from the command line: upper case, checked, each once. */
export function serialArgs(argv: string[]): string[] {
  const serials = [...new Set(argv.map((a) => a.trim().toUpperCase()))]
  for (const s of serials) checkArg('SERIAL', s, serialRule)
  return serials
}
