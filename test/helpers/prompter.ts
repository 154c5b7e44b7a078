// A prompter for in-process command tests (see src/lib/ui/factory.ts): it answers from a script, in
// order, and records each question with the choices it offered.
import type {Prompter} from '../../src/lib/ui/factory.js'

export type Choice = {name: string; value: unknown}
type Answer = unknown | ((choices: Choice[]) => unknown)
export type Question = {message: string; choices?: Choice[]}

export function answering(...answers: Answer[]): Prompter & {asked: Question[]} {
  const asked: Question[] = []
  const next = async (message: string, choices?: unknown) => {
    const list = Array.isArray(choices) ? (choices as Choice[]) : undefined
    asked.push({choices: list, message})
    if (answers.length === 0) throw new Error(`unexpected question: ${message}`)
    const a = answers.shift()
    return typeof a === 'function' ? (a as (c: Choice[]) => unknown)(list ?? []) : a
  }
  return {asked, canPrompt: () => true, checkbox: next, confirm: next, input: next, secret: next, select: next} as never
}

/** Nobody to answer (a pipe, CI, --json): commands must name the flag instead of asking. */
export const nobody: Prompter = {...answering(), canPrompt: () => false}
