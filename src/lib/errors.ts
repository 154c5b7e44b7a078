// One place for error kinds and their exit codes. Every command's failure ends up here (see
// ui/base-command.ts), so scripts can rely on the codes documented in the README.

export const ExitCode = {
  ok: 0,
  error: 1,
  usage: 2,
  notFound: 3,
  auth: 4,
  forbidden: 5,
  conflict: 6,
  badData: 7,
  unavailable: 8,
  partial: 9,
  unknownCommand: 127,
  interrupted: 130,
} as const

export type ErrorKind = keyof typeof ExitCode

/** What each exit code means: `lcs help exit-codes` and the README's table (a test keeps them equal). */
export const EXIT_CODE_MEANINGS: Record<ErrorKind, string> = {
  ok: 'success; also a confirmation answered No (nothing was done, and lcs says so)',
  error: 'unexpected error',
  usage: 'usage: bad or missing flags/arguments, a missing file, malformed URL, unknown region',
  notFound: 'not found',
  auth: 'authentication required or failed',
  forbidden: 'permission denied (the message names the missing role)',
  conflict: 'conflict (e.g. the organization already exists, a sandbox already runs)',
  badData: 'bad input data',
  unavailable:
    'service unavailable: unreachable, TLS failure, not an API, 5xx/429 after retries, an answer too large, too slow or malformed',
  partial: 'partial failure (some items failed)',
  unknownCommand: 'unknown command (the closest command is suggested on stderr)',
  interrupted: 'interrupted (Ctrl-C, at a prompt too); what was done before is reported',
}

export interface ErrorDetail {
  field?: string
  rule?: string
  row?: number
  /** Position in an input file (1-based): the physical line, and the column number whose name is `field`. */
  line?: number
  column?: number
  message?: string
}

export class LcsError extends Error {
  readonly kind: ErrorKind
  readonly hint?: string
  readonly requestId?: string
  readonly details?: ErrorDetail[]
  /** What was done before the failure (e.g. an import's counts): printed with the error under --json. */
  readonly result?: Record<string, unknown>

  constructor(
    kind: ErrorKind,
    message: string,
    opts: {hint?: string; requestId?: string; details?: ErrorDetail[]; result?: Record<string, unknown>; cause?: unknown} = {},
  ) {
    super(message, opts.cause === undefined ? undefined : {cause: opts.cause})
    this.name = 'LcsError'
    this.kind = kind
    this.hint = opts.hint
    this.requestId = opts.requestId
    this.details = opts.details
    this.result = opts.result
  }

  get exitCode(): number {
    return ExitCode[this.kind]
  }
}

/** Maps anything thrown (oclif parse errors, prompt aborts, plain errors) to an LcsError. */
export function toLcsError(err: unknown): LcsError {
  const e = err as {name?: string; message?: string; oclif?: {exit?: number}; code?: string}
  if (e?.name === 'ExitPromptError' || e?.name === 'AbortPromptError') return new LcsError('interrupted', 'Interrupted at the prompt.')
  // a flag's own check failed (e.g. Flags.file's exists): oclif rewrote the message, "Parsing --FLAG \n\tREASON\nSee more help…"
  const parsing = /^Parsing --(\S+) \n\t([\s\S]*?)(\nSee more help with --help)?$/.exec(e?.message ?? '')
  if (parsing) {
    const file = /^No file found at (.*)$/.exec(parsing[2])
    if (file) return new FileNotFoundError(file[1], `--${parsing[1]}`)
    return new LcsError(err instanceof LcsError ? err.kind : 'usage', `--${parsing[1]}: ${withoutTail(parsing[2])}`, {cause: err})
  }
  if (err instanceof LcsError) return err
  // bad discovery targets are usage errors, reported before any packet is sent
  if (e?.name === 'TargetError') return new LcsError('usage', e.message ?? 'Invalid target', {cause: err})
  // oclif flag/argument parsing errors carry oclif.exit (2 by default)
  if (e?.oclif?.exit !== undefined && e.oclif.exit !== 0)
    return new LcsError('usage', withoutTail(e.message ?? 'Invalid usage'), {cause: err})
  return new LcsError('error', e?.message ?? String(err), {cause: err})
}

/** A file that is not there: one line, exit 2, whichever command or flag named it. */
export class FileNotFoundError extends LcsError {
  constructor(
    readonly path: string,
    flag?: string,
  ) {
    super('usage', `File not found: ${path}${flag ? ` (${flag})` : ''}.`)
  }
}

/** Why a file could not be read, as an LcsError: not there (exit 2), else unreadable (exit 7). */
export function readFailure(path: string, error: unknown): LcsError {
  if (error instanceof LcsError) return error
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new FileNotFoundError(path)
  return new LcsError('badData', `Cannot read ${path}: ${(error as Error).message}`)
}

/** oclif's parse messages without their "See more help" tail (the usage error says what to fix). */
function withoutTail(message: string): string {
  return message.replace(/\nSee more help with --help$/, '')
}
