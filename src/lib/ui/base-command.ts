// The base of every command: --json (result only on stdout), --verbose (HTTP trace and stacks, secrets
// redacted), stderr for logs and warnings, redaction of every output line, Ctrl-C → 130, and the single
// mapping of errors to messages and exit codes.
import {Command, Flags, Interfaces, ux} from '@oclif/core'

import {resolveSession, type Session} from '../auth/session.js'
import {toLcsError, type ErrorDetail} from '../errors.js'
import {redact} from '../redact.js'
import {colorEnabled} from './output.js'

let redactionInstalled = false

function installRedaction(): void {
  if (redactionInstalled) return
  redactionInstalled = true
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean
    stream.write = ((chunk: unknown, ...rest: unknown[]) => write(typeof chunk === 'string' ? redact(chunk) : chunk, ...rest)) as typeof stream.write
  }
}

export const cloudFlags = {
  'api-url': Flags.string({description: 'Base URL of the API (e.g. the sandbox); overrides --region. Env: LCS_API_URL.', helpGroup: 'CLOUD'}),
  org: Flags.string({description: 'Organization to act on (id or name). Env: LCS_ORG.', helpGroup: 'CLOUD'}),
  profile: Flags.string({description: 'Stored profile to use. Env: LCS_PROFILE.', helpGroup: 'CLOUD'}),
  region: Flags.string({description: 'Cloud region: us or eu. Env: LCS_REGION.', helpGroup: 'CLOUD'}),
}

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof BaseCommand)['baseFlags'] & T['flags']>

export abstract class BaseCommand extends Command {
  static baseFlags = {
    verbose: Flags.boolean({description: 'Trace HTTP calls and show stack traces on stderr (secrets redacted). Env: LCS_DEBUG=1.', helpGroup: 'GLOBAL'}),
  }

  static enableJsonFlag = true

  /** Set by long-running commands (the foreground sandbox) to shut down cleanly on Ctrl-C. */
  protected onInterrupt?: () => Promise<void>

  /** What to tell the user after Ctrl-C (e.g. how to resume). */
  protected interruptHint?: string

  private sigint?: () => void

  protected get verbose(): boolean {
    return this.argv.includes('--verbose') || Boolean(process.env.LCS_DEBUG && process.env.LCS_DEBUG !== '0')
  }

  async init(): Promise<void> {
    installRedaction()
    this.sigint = () => {
      if (this.onInterrupt) {
        void this.onInterrupt().finally(() => process.exit(0))
        return
      }
      try {
        ux.action.stop('interrupted')
      } catch {
        // no spinner running
      }
      process.stderr.write(`\nInterrupted.${this.interruptHint ? ` ${this.interruptHint}` : ''}\n`)
      process.exit(130)
    }
    process.on('SIGINT', this.sigint)
    await super.init()
  }

  async finally(err: Error | undefined): Promise<void> {
    if (this.sigint) process.removeListener('SIGINT', this.sigint)
    await super.finally(err)
  }

  /** JSON on stdout; colourised only on a terminal (oclif tokenizes every value, slow on big results). */
  logJson(json: unknown): void {
    if (process.stdout.isTTY) super.logJson(json)
    else process.stdout.write(JSON.stringify(json, null, 2) + '\n')
  }

  /** HTTP trace line (only with --verbose / LCS_DEBUG). */
  protected trace = (line: string): void => {
    if (this.verbose) process.stderr.write(`${colorEnabled(process.stderr) ? '\u001B[2m' : ''}[http] ${line}${colorEnabled(process.stderr) ? '\u001B[22m' : ''}\n`)
  }

  /** Progress and informational messages: always stderr, so --json stdout stays clean. */
  protected note(message: string): void {
    process.stderr.write(message + '\n')
  }

  protected warning(message: string): void {
    process.stderr.write(`${colorEnabled(process.stderr) ? '\u001B[33m!\u001B[39m' : '!'} ${message}\n`)
  }

  protected session(flags: {profile?: string; 'api-url'?: string; region?: string; org?: string}): Promise<Session> {
    return resolveSession(flags, {trace: this.trace})
  }

  async catch(err: Error & {exitCode?: number}): Promise<never> {
    const e = toLcsError(err)
    try {
      ux.action.stop('failed')
    } catch {
      // no spinner running
    }
    const color = colorEnabled(process.stderr)
    const lines = [`${color ? '\u001B[31mError:\u001B[39m' : 'Error:'} ${e.message}`]
    for (const d of e.details ?? []) lines.push(`  - ${[where(d), d.message ?? d.rule].filter(Boolean).join(': ')}`)
    if (e.hint) lines.push(`  ${e.hint}`)
    if (e.requestId) lines.push(`  (request id ${e.requestId})`)
    if (this.verbose) lines.push(String((e.cause as Error | undefined)?.stack ?? e.stack))
    process.stderr.write(lines.join('\n') + '\n')
    if (this.jsonEnabled()) {
      this.logJson({...e.result, error: {code: e.kind, details: e.details, exitCode: e.exitCode, hint: e.hint, message: e.message, requestId: e.requestId}})
    }
    // Printed already: tell oclif's handler to exit with our code and print nothing more.
    throw Object.assign(new Error(e.message), {oclif: {exit: e.exitCode}, skipOclifErrorHandling: true})
  }
}

/** "line 3, column 2 (EMAIL)", "row 4: email" or "email": where an error detail points. */
function where(d: ErrorDetail): string {
  if (d.line !== undefined) return `line ${d.line}${d.column === undefined ? '' : `, column ${d.column}`}${d.field ? ` (${d.field})` : ''}`
  return [d.row === undefined ? '' : `row ${d.row}`, d.field].filter(Boolean).join(': ')
}
