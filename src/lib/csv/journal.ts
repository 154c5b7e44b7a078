// The import journal, `<file>.journal`: JSON lines, first the identity of the import (format, the file's
// SHA-256, the organization), then one line per applied chunk with the line numbers and outcomes of its
// rows. Written synchronously after every chunk, so a crash, SIGKILL or Ctrl-C loses at most the chunks
// in flight — which --resume plans again (rows the cloud already holds then show as unchanged).
// Only line numbers and outcomes are stored: no cell values, no secrets.
import {closeSync, openSync, readFileSync, rmSync, writeSync} from 'node:fs'

import type {Outcome} from '../cloud/index.js'
import {LcsError} from '../errors.js'

interface JournalIdentity {
  format: string
  sha256: string
  target: string
}

const CODES: Record<Outcome, string> = {created: 'c', deleted: 'd', unchanged: 'n', updated: 'u'}
const OUTCOMES = Object.fromEntries(Object.entries(CODES).map(([k, v]) => [v, k])) as Record<string, Outcome>

export class Journal {
  readonly path: string
  /** Chunks are written to the file opened at the start: a journal removed meanwhile is never re-created without its identity. */
  private fd = -1

  private constructor(file: string) {
    this.path = `${file}.journal`
  }

  /**
   * What an earlier, interrupted run of the same import applied (line → outcome), if any. A journal that
   * is not one (no identity first, a line that is not a chunk's before the last) is refused: --resume would
   * otherwise report what it says as done.
   */
  static read(file: string): {identity: JournalIdentity; done: Map<number, Outcome>} | undefined {
    const path = `${file}.journal`
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch {
      return undefined
    }
    const lines = text.split('\n')
    const identity = parsed(lines[0]) as Partial<JournalIdentity> | undefined
    if (!identity || !(['format', 'sha256', 'target'] as const).every((k) => typeof identity[k] === 'string'))
      throw notAJournal(path, 'its first line is not the identity of an import (format, file hash, organization)')
    const done = new Map<number, Outcome>()
    const last = lines.findLastIndex((l) => l !== '')
    for (let i = 1; i <= last; i++) {
      const entries = (parsed(lines[i]) as {done?: unknown} | undefined)?.done
      if (!Array.isArray(entries)) {
        // the last line may have been cut by a crash: its chunk is planned again
        if (i === last) break
        throw notAJournal(path, `line ${i + 1} is not a chunk's outcomes`)
      }
      for (const e of entries as unknown[]) {
        const [line, code] = Array.isArray(e) ? e : []
        if (!Number.isInteger(line) || !OUTCOMES[code as string] || done.has(line as number))
          throw notAJournal(
            path,
            `line ${i + 1} holds ${done.has(line as number) ? `line ${line} twice` : 'an entry that is not [line, outcome]'}`,
          )
        done.set(line as number, OUTCOMES[code as string])
      }
    }
    return {done, identity: identity as JournalIdentity}
  }

  /** Starts a new journal (replacing any), or continues the existing one on resume. */
  static open(file: string, identity: JournalIdentity, resume: boolean): Journal {
    const j = new Journal(file)
    try {
      j.fd = openSync(j.path, resume ? 'a' : 'w', 0o600)
      if (!resume) writeSync(j.fd, JSON.stringify({...identity, started: new Date().toISOString()}) + '\n')
    } catch (error) {
      throw new LcsError('usage', `Cannot write the import journal ${j.path}: ${(error as NodeJS.ErrnoException).code ?? error}.`, {
        hint: 'The journal is kept next to the file: import from a writable directory.',
      })
    }
    return j
  }

  record(entries: Array<[number, Outcome]>): void {
    if (entries.length) writeSync(this.fd, JSON.stringify({done: entries.map(([line, o]) => [line, CODES[o]])}) + '\n')
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd)
    this.fd = -1
  }

  /** The import ran to its end: nothing to resume. */
  static discard(file: string): void {
    rmSync(`${file}.journal`, {force: true})
  }
}

function parsed(line: string | undefined): unknown {
  try {
    const v: unknown = JSON.parse(line ?? '')
    return typeof v === 'object' && v !== null ? v : undefined
  } catch {
    return undefined
  }
}

const START_OVER = 'Run without --resume to start over: rows the cloud already holds show as unchanged.'

function notAJournal(path: string, why: string): LcsError {
  return new LcsError('usage', `Cannot resume from ${path}: ${why}; it is not a journal lcs wrote (damaged or edited).`, {hint: START_OVER})
}

/**
 * Checks that a journal belongs to this import (same format, same file content, same organization) and
 * says only what this file holds: every line it records done is a row of the file (`rows`), so a journal
 * copied or forged next to the file cannot report more than the file has.
 */
export function checkResumable(
  found: JournalIdentity,
  want: JournalIdentity,
  journalPath: string,
  done: Map<number, Outcome>,
  rows: Set<number>,
): void {
  const why =
    found.format !== want.format
      ? `it is a ${found.format} import`
      : found.sha256 !== want.sha256
        ? 'the file changed since'
        : found.target !== want.target
          ? 'it was run against another organization'
          : undefined
  if (why) throw new LcsError('usage', `Cannot resume from ${journalPath}: ${why}.`, {hint: START_OVER})
  const stray = [...done.keys()].find((line) => !rows.has(line))
  if (stray !== undefined) throw notAJournal(journalPath, `it records line ${stray} as done, which is not a row of the file`)
}
