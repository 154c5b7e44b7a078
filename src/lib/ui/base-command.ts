// The base of every command: --json (result only on stdout; --fields, the opt-in envelope), --limit for lists, --verbose (HTTP trace and stacks, secrets
// redacted), stderr for logs and warnings, redaction of every output line, Ctrl-C → 130, and the single
// mapping of errors to messages and exit codes.
import {Command, Flags, ux, type Interfaces} from '@oclif/core'
import {format, inspect} from 'node:util'

import type {Session} from '../auth/index.js'
import {REGIONS} from '../config/index.js'
import {ExitCode, LcsError, toLcsError, type ErrorDetail, type ErrorKind} from '../errors.js'
import {redact} from '../redact.js'
import {escapeControls} from '../text.js'
import {perItem, type ItemReport, type PerItemSpec} from './batch.js'
import {defaultFactory, type Factory} from './factory.js'
import {envelopeEnabled, errorJson, parseFields, successJson} from './json.js'
import {colorEnabled} from './output.js'
import {missing} from './prompts.js'

let redactionInstalled = false

function installRedaction(): void {
  if (redactionInstalled) return
  redactionInstalled = true
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean
    stream.write = ((chunk: unknown, ...rest: unknown[]) =>
      write(typeof chunk === 'string' ? redact(chunk) : chunk, ...rest)) as typeof stream.write
  }
}

export const cloudFlags = {
  'api-url': Flags.string({
    description: 'Base URL of the API (e.g. the sandbox); overrides --region. Env: LCS_API_URL.',
    helpGroup: 'CLOUD',
  }),
  org: Flags.string({description: 'Organization to act on (id or name). Env: LCS_ORG.', helpGroup: 'CLOUD'}),
  profile: Flags.string({description: 'Stored profile to use. Env: LCS_PROFILE.', helpGroup: 'CLOUD'}),
  region: Flags.string({description: 'Cloud region. Env: LCS_REGION.', helpGroup: 'CLOUD', options: [...REGIONS]}),
}

/** `--limit` of every list command (tasks list has its own default). */
export const listFlags = {
  limit: Flags.integer({description: 'At most this many items (the rest are not fetched; stderr says when the list was cut).', min: 1}),
}

/** The base of every command; `T` is what run() returns (and --json prints). */
export abstract class BaseCommand<T = unknown> extends Command {
  /** Where commands get session, prompter, streams and exit code; tests replace it to run commands in-process. */
  static factory: Factory = defaultFactory()

  static baseFlags = {
    fields: Flags.string({
      description: 'With --json: only these keys of each item (or of the result object); an unknown one lists the fields (exit 2).',
      helpValue: '<a,b,…>',
      helpGroup: 'GLOBAL',
    }),
    verbose: Flags.boolean({
      description: 'Trace HTTP calls and show stack traces on stderr (secrets redacted). Env: LCS_DEBUG=1.',
      helpGroup: 'GLOBAL',
    }),
  }

  static enableJsonFlag = true

  /** Set by long-running commands (the foreground sandbox) to shut down cleanly on Ctrl-C. */
  protected onInterrupt?: () => Promise<void>

  /** What to tell the user after Ctrl-C (e.g. how to resume). */
  protected interruptHint?: string

  private sigint?: () => void

  /** What this.warning said, for the JSON envelope. */
  private readonly warned: string[] = []

  /** The exit code the command ends with (see exitAs), for the JSON envelope. */
  private status = 0

  private fields?: string

  abstract run(): Promise<T>

  protected get factory(): Factory {
    return BaseCommand.factory
  }

  protected get verbose(): boolean {
    return this.argv.includes('--verbose') || Boolean(this.factory.env.LCS_DEBUG && this.factory.env.LCS_DEBUG !== '0')
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

  /** HTTP trace line (only with --verbose / LCS_DEBUG). */
  protected trace = (line: string): void => {
    if (this.verbose)
      this.factory.stderr.write(`${this.stderrColor ? '\u001B[2m' : ''}[http] ${line}${this.stderrColor ? '\u001B[22m' : ''}\n`)
  }

  private get stderrColor(): boolean {
    return this.factory.stderr === process.stderr && colorEnabled(process.stderr)
  }

  /** Result lines on stdout (not under --json, whose result oclif prints through logJson). */
  log(message: unknown = '', ...args: unknown[]): void {
    if (!this.jsonEnabled()) this.factory.stdout.write(format(typeof message === 'string' ? message : inspect(message), ...args) + '\n')
  }

  /** JSON on stdout; colourised only on a terminal (oclif tokenizes every value, slow on big results). */
  logJson(json: unknown): void {
    const out = this.factory.stdout as NodeJS.WriteStream
    this.factory.stdout.write(
      (out.isTTY ? ux.colorizeJson(json, {pretty: true, theme: this.config.theme?.json}) : JSON.stringify(json, null, 2)) + '\n',
    )
  }

  /** Progress and informational messages: always stderr, so --json stdout stays clean. */
  protected note(message: string): void {
    this.factory.stderr.write(escapeControls(message) + '\n')
  }

  /** A warning on stderr, also in the JSON envelope's `warnings`. */
  protected warning(message: string): void {
    this.warned.push(message)
    this.factory.stderr.write(`${this.stderrColor ? '\u001B[33m!\u001B[39m' : '!'} ${escapeControls(message)}\n`)
  }

  /** The command ends normally (its result is printed) and exits with this kind's code: `partial` (9) when some items failed. */
  protected exitAs(kind: ErrorKind): void {
    this.status = ExitCode[kind]
    this.factory.setExitCode(this.status)
  }

  /**
   * Warnings from a list (e.g. a sweep's): the first 20 on stderr (all with --verbose) and a line saying how
   * many more; the envelope gets them all.
   */
  protected warnings(list: string[]): void {
    const shown = this.verbose ? list.length : 20
    for (const w of list.slice(0, shown)) this.warning(w)
    this.warned.push(...list.slice(shown))
    if (list.length > shown) this.note(`! … and ${list.length - shown} more warnings (--verbose shows them all)`)
  }

  /** The first `limit` items (all without one); stops fetching there and says on stderr when there were more. */
  protected async collect<I>(items: AsyncIterable<I> | Iterable<I>, limit?: number): Promise<I[]> {
    const rows: I[] = []
    for await (const item of items) {
      if (limit !== undefined && rows.length >= limit) {
        this.note(`Showing the first ${limit}; there are more (raise --limit).`)
        break
      }
      rows.push(item)
    }
    return rows
  }

  protected async parse<F extends Record<string, unknown>, B extends Record<string, unknown>, A extends Record<string, unknown>>(
    options?: Interfaces.Input<F, B, A>,
    argv?: string[],
  ): Promise<Interfaces.ParserOutput<F, B, A>> {
    const parsed = await super.parse(options, argv)
    this.fields = (parsed.flags as {fields?: string}).fields
    if (this.fields !== undefined && !this.jsonEnabled())
      throw new LcsError('usage', '--fields selects keys of the JSON output: add --json.')
    return parsed
  }

  /** The result as --json prints it: times in ISO 8601, only --fields, in the envelope with LCS_JSON_ENVELOPE=1. */
  protected toSuccessJson(result: unknown): unknown {
    try {
      return successJson(result, {
        envelope: envelopeEnabled(this.factory.env),
        fields: parseFields(this.fields),
        status: this.status,
        warnings: this.warned,
      })
    } catch (error) {
      return this.fail(toLcsError(error))
    }
  }

  /** Runs a per-item command (see perItem): refuses to run unattended without --yes, prints a line per item, exits 9 when some failed. */
  protected async eachItem<T, K extends string, D extends string>(
    refs: string[],
    yes: boolean,
    spec: PerItemSpec<T, K, D>,
  ): Promise<ItemReport<K, D>[]> {
    const {failed, rows} = await perItem(
      refs,
      yes,
      spec,
      (q) => this.factory.prompter.confirm(q),
      (r) => this.log(`${r[spec.key]}: ${r.reason}`),
    )
    if (failed) this.exitAs('partial')
    return rows
  }

  /** Asks `question` on a terminal; where nobody can answer (CI, a pipe, --json) it needs --yes, naming `what` it confirms. */
  protected async confirmed(yes: boolean, question: string, what: string): Promise<boolean> {
    if (yes) return true
    if (!this.factory.prompter.canPrompt({json: this.jsonEnabled()})) throw missing('--yes', what)
    return this.factory.prompter.confirm(question)
  }

  /**
   * Deleting asks on a terminal; without one it needs --yes. Answering No is no failure: the command ends
   * with `nothing` on stderr and exit 0 (an LcsError of kind `ok`); Ctrl-C is 130.
   */
  protected async confirmDelete(what: string, yes: boolean, nothing = 'Nothing was deleted.'): Promise<void> {
    if (!(await this.confirmed(yes, `Delete ${what}?`, `confirmation to delete ${what}`))) throw new LcsError('ok', nothing)
  }

  /** Fails before any work when a confirmation would be needed but cannot be asked. */
  protected requireConfirmation(yes: boolean): void {
    if (!yes && !this.factory.prompter.canPrompt({json: this.jsonEnabled()})) throw missing('--yes', 'confirmation')
  }

  protected session(flags: {profile?: string; 'api-url'?: string; region?: string; org?: string}): Promise<Session> {
    return this.factory.session(flags, this.trace)
  }

  async catch(err: Error & {exitCode?: number}): Promise<never> {
    this.fail(toLcsError(err))
  }

  /** Reports an error (stderr, and the JSON error under --json) and ends the command with its exit code. */
  private fail(e: LcsError): never {
    try {
      ux.action.stop('failed')
    } catch {
      // no spinner running
    }
    reportError(e, {json: this.jsonEnabled(), stderr: this.factory.stderr, stdout: this.factory.stdout, verbose: this.verbose}, (j) =>
      this.logJson(errorJson(j, {envelope: envelopeEnabled(this.factory.env), status: e.exitCode, warnings: this.warned})),
    )
    // Printed already: tell oclif's handler to exit with our code and print nothing more.
    throw Object.assign(new Error(e.message), {oclif: {exit: e.exitCode}, skipOclifErrorHandling: true})
  }
}

/**
 * Prints an error as every command does: "Error: …", its details, hint and request id on stderr, and under
 * --json the error object (with what was done before it) on stdout. A declined confirmation (kind `ok`)
 * is no error: its message alone.
 */
export function reportError(
  e: LcsError,
  out: {json: boolean; stderr: Factory['stderr']; stdout: Factory['stdout']; verbose?: boolean},
  logJson: (json: {error: unknown} & Record<string, unknown>) => void = (j) => out.stdout.write(JSON.stringify(j, null, 2) + '\n'),
): void {
  if (e.kind === 'ok') {
    out.stderr.write(escapeControls(e.message) + '\n')
    return
  }
  const color = out.stderr === process.stderr && colorEnabled(process.stderr)
  // a cloud's message or a file's cell may hold terminal controls: written visibly, never acted on
  const lines = [`${color ? '\u001B[31mError:\u001B[39m' : 'Error:'} ${escapeControls(e.message)}`]
  // a detail the message already says (a cloud's 422 naming its field, a file's "FIELD: RULE") adds no line; --json keeps it
  const text = (d: ErrorDetail) => [where(d), d.message ?? d.rule].filter(Boolean).join(': ')
  const extra = (e.details ?? []).filter(
    (d) => d.line !== undefined || d.row !== undefined || !(e.message.includes(text(d)) || e.message === (d.message ?? d.rule)),
  )
  for (const d of extra) lines.push(`  - ${escapeControls(text(d))}`)
  if (e.hint) lines.push(`  ${escapeControls(e.hint)}`)
  if (e.requestId) lines.push(`  (request id ${e.requestId})`)
  if (out.verbose) lines.push(String((e.cause as Error | undefined)?.stack ?? e.stack))
  out.stderr.write(lines.join('\n') + '\n')
  if (out.json) {
    logJson({
      ...e.result,
      error: {code: e.kind, details: e.details, exitCode: e.exitCode, hint: e.hint, message: e.message, requestId: e.requestId},
    })
  }
}

/** "line 3, column 2 (EMAIL)", "row 4: email" or "email": where an error detail points. */
function where(d: ErrorDetail): string {
  if (d.line !== undefined) return `line ${d.line}${d.column === undefined ? '' : `, column ${d.column}`}${d.field ? ` (${d.field})` : ''}`
  return [d.row === undefined ? '' : `row ${d.row}`, d.field].filter(Boolean).join(': ')
}
