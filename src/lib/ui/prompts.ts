// The real prompts behind the factory's prompter (commands ask through `this.factory.prompter`). They are
// lazy-loaded (start-up time) and never shown when nobody can answer them: stdin not a TTY, CI set, or
// --json. Then the caller fails naming the flag to pass instead.
import {LcsError} from '../errors.js'
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

export async function promptInput(message: string, validate?: (v: string) => true | string): Promise<string> {
  const {input} = await import('@inquirer/prompts')
  return input({message, validate}, ctx)
}

export async function promptSecret(message: string): Promise<string> {
  const {password} = await import('@inquirer/prompts')
  // No ctrl+t reveal (@inquirer/prompts 8's default): a shown password ends up in screen shares and recordings.
  const v = await password({mask: '*', message, toggleMask: false}, ctx)
  registerSecret(v)
  return v
}

export async function promptSelect<T>(message: string, choices: Array<{name: string; value: T; description?: string}>): Promise<T> {
  const {select} = await import('@inquirer/prompts')
  return select({choices, message, pageSize: 12}, ctx)
}

export async function promptConfirm(message: string, defaultAnswer = false): Promise<boolean> {
  const {confirm} = await import('@inquirer/prompts')
  return confirm({default: defaultAnswer, message}, ctx)
}

export async function promptCheckbox<T>(message: string, choices: Array<{name: string; value: T; checked?: boolean}>): Promise<T[]> {
  const {checkbox} = await import('@inquirer/prompts')
  return checkbox({choices, message, pageSize: 15}, ctx)
}
