// Everything a command takes from its surroundings, in one overridable place (as gh's cmdutil.Factory):
// the session (and so the cloud client), the prompter, the output streams, the environment and the exit
// code. `lcs` runs with defaultFactory(); a test runs a command in-process against the sandbox or a fake
// client by setting BaseCommand.factory.
import {resolveSession, type Session} from '../auth/index.js'
import type {Logger} from '../cloud/index.js'
import {canPrompt, promptCheckbox, promptConfirm, promptInput, promptSecret, promptSelect} from './prompts.js'

/** Every question a command asks goes through here, so a test can answer (or refuse) in-process. */
export interface Prompter {
  /** Whether a question can be asked (a terminal, not CI, not --json). */
  canPrompt(opts: {json?: boolean}): boolean
  /** Default answer No unless `defaultYes`. */
  confirm(message: string, defaultYes?: boolean): Promise<boolean>
  input(message: string, validate?: (v: string) => true | string): Promise<string>
  /** Masked; the answer is registered as a secret (redacted from every output); `rule` is checked at Enter. */
  secret(message: string, rule?: (v: string) => string | undefined): Promise<string>
  select<T>(message: string, choices: Array<{name: string; value: T; description?: string}>): Promise<T>
  /** `disabled` choices are shown with that label, not selectable; the answer is echoed as a count of `noun`. */
  checkbox<T>(message: string, choices: Array<{name: string; value: T; checked?: boolean; disabled?: string}>, noun?: string): Promise<T[]>
}

export interface Factory {
  env: NodeJS.ProcessEnv
  stdout: {write(text: string): unknown}
  stderr: {write(text: string): unknown; isTTY?: boolean}
  prompter: Prompter
  session(flags: {profile?: string; 'api-url'?: string; region?: string; org?: string}, trace: Logger): Promise<Session>
  /** Where a command that ends normally leaves its exit code. */
  setExitCode(code: number): void
}

/** The real surroundings; `env` (default process.env) is also what the session is resolved from. */
export function defaultFactory(env: NodeJS.ProcessEnv = process.env): Factory {
  return {
    env,
    prompter: {
      canPrompt: (opts) => canPrompt(opts, env),
      checkbox: promptCheckbox,
      confirm: (m, defaultYes) => promptConfirm(m, defaultYes),
      input: promptInput,
      secret: promptSecret,
      select: promptSelect,
    },
    session: (flags, trace) => resolveSession(flags, {env, trace}),
    setExitCode: (code) => {
      process.exitCode = code
    },
    stderr: process.stderr,
    stdout: process.stdout,
  }
}
