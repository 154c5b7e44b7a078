// Everything a command takes from its surroundings, in one overridable place (as gh's cmdutil.Factory):
// the session (and so the cloud client), the prompter, the output streams, the environment and the exit
// code. `lcs` runs with defaultFactory(); a test runs a command in-process against the sandbox or a fake
// client by setting BaseCommand.factory.
import {resolveSession, type Session} from '../auth/index.js'
import type {Logger} from '../cloud/index.js'
import {canPrompt, promptConfirm} from './prompts.js'

export interface Prompter {
  /** Whether a question can be asked (a terminal, not CI, not --json). */
  canPrompt(opts: {json?: boolean}): boolean
  confirm(message: string): Promise<boolean>
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
    prompter: {canPrompt, confirm: (m) => promptConfirm(m)},
    session: (flags, trace) => resolveSession(flags, {env, trace}),
    setExitCode: (code) => {
      process.exitCode = code
    },
    stderr: process.stderr,
    stdout: process.stdout,
  }
}
