// The real prompts behind the factory's prompter (commands ask through `this.factory.prompter`). They are
// lazy-loaded (start-up time) and never shown when nobody can answer them: stdin not a TTY, CI set, or
// --json. Then the caller fails naming the flag to pass instead.
// Ctrl-C at any prompt rejects with an `interrupted` LcsError (exit 130), which batch loops let through
// so the whole run stops, reporting what was done.
import {LcsError, toLcsError} from '../errors.js'
import {registerSecret} from '../redact.js'

export function canPrompt(opts: {json?: boolean} = {}, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(process.stdin.isTTY) && !env.CI && !opts.json && env.LCS_NO_PROMPT !== '1'
}

export function missing(flag: string, what: string): LcsError {
  return new LcsError(
    'usage',
    `Missing ${what}: pass ${flag} (no prompt is shown when stdin is not a terminal, CI is set or --json is used).`,
  )
}

const ctx = {output: process.stderr}

/** Inquirer's "force closed" (Ctrl-C) and abort errors as LcsErrors (see toLcsError). */
function asked<T>(answer: Promise<T>): Promise<T> {
  return answer.catch((error: unknown) => {
    throw toLcsError(error)
  })
}

export async function promptInput(message: string, validate?: (v: string) => true | string): Promise<string> {
  const {input} = await import('@inquirer/prompts')
  return asked(input({message, validate}, ctx))
}

/** A hidden answer; `rule` (an import rule: undefined when valid) is checked as the user presses Enter. */
export async function promptSecret(message: string, rule?: (v: string) => string | undefined): Promise<string> {
  const {password} = await import('@inquirer/prompts')
  const validate = rule && ((v: string) => rule(v) ?? true)
  // No ctrl+t reveal (@inquirer/prompts 8's default): a shown password ends up in screen shares and recordings.
  const v = await asked(password({mask: '*', message, toggleMask: false, validate}, ctx))
  registerSecret(v)
  return v
}

export async function promptSelect<T>(message: string, choices: Array<{name: string; value: T; description?: string}>): Promise<T> {
  const {select} = await import('@inquirer/prompts')
  return asked(select({choices, message, pageSize: 12}, ctx))
}

export async function promptConfirm(message: string, defaultAnswer = false): Promise<boolean> {
  const {confirm} = await import('@inquirer/prompts')
  return asked(confirm({default: defaultAnswer, message}, ctx))
}

/** A checklist; `disabled` choices are shown (with that label) but cannot be picked. The answer is echoed
 * as a count ("3 of 5 printers selected"), not as every name. */
export async function promptCheckbox<T>(
  message: string,
  choices: Array<{name: string; value: T; checked?: boolean; disabled?: string}>,
  noun = 'items',
): Promise<T[]> {
  const {checkbox} = await import('@inquirer/prompts')
  const selectable = choices.filter((c) => !c.disabled).length
  const renderSelectedChoices = (picked: readonly unknown[]) => `${picked.length} of ${selectable} ${noun} selected`
  return asked(checkbox({choices, message, pageSize: 15, theme: {style: {renderSelectedChoices}}}, ctx))
}
