// The import journal, `<file>.journal`: JSON lines, first the identity of the import (format, the file's
// SHA-256, the organization), then one line per applied chunk with the line numbers and outcomes of its
// rows. Written synchronously after every chunk, so a crash, SIGKILL or Ctrl-C loses at most the chunks
// in flight — which --resume plans again (rows the cloud already holds then show as unchanged).
// Only line numbers and outcomes are stored: no cell values, no secrets.
import {appendFileSync, readFileSync, rmSync, writeFileSync} from 'node:fs'

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

  private constructor(file: string) {
    this.path = `${file}.journal`
  }

  /** What an earlier, interrupted run of the same import applied (line → outcome), if any. */
  static read(file: string): {identity: JournalIdentity; done: Map<number, Outcome>} | undefined {
    let text: string
    try {
      text = readFileSync(`${file}.journal`, 'utf8')
    } catch {
      return undefined
    }
    const [first, ...rest] = text.split('\n')
    let identity: JournalIdentity
    try {
      identity = JSON.parse(first) as JournalIdentity
    } catch {
      return undefined
    }
    const done = new Map<number, Outcome>()
    for (const l of rest) {
      if (!l) continue
      try {
        for (const [line, code] of (JSON.parse(l) as {done: Array<[number, string]>}).done) done.set(line, OUTCOMES[code])
      } catch {
        // the last line may have been cut by a crash: its chunk is planned again
      }
    }
    return {done, identity}
  }

  /** Starts a new journal (replacing any), or continues the existing one on resume. */
  static open(file: string, identity: JournalIdentity, resume: boolean): Journal {
    const j = new Journal(file)
    try {
      if (!resume) writeFileSync(j.path, JSON.stringify({...identity, started: new Date().toISOString()}) + '\n', {mode: 0o600})
    } catch (error) {
      throw new LcsError('usage', `Cannot write the import journal ${j.path}: ${(error as NodeJS.ErrnoException).code ?? error}.`, {
        hint: 'The journal is kept next to the file: import from a writable directory.',
      })
    }
    return j
  }

  record(entries: Array<[number, Outcome]>): void {
    if (entries.length) appendFileSync(this.path, JSON.stringify({done: entries.map(([line, o]) => [line, CODES[o]])}) + '\n')
  }

  /** The import ran to its end: nothing to resume. */
  static discard(file: string): void {
    rmSync(`${file}.journal`, {force: true})
  }
}

/** Checks that a journal belongs to this import (same file content, same organization, same format). */
export function checkResumable(found: JournalIdentity, want: JournalIdentity, journalPath: string): void {
  const why =
    found.format !== want.format
      ? `it is a ${found.format} import`
      : found.sha256 !== want.sha256
        ? 'the file changed since'
        : found.target !== want.target
          ? 'it was run against another organization'
          : undefined
  if (why) {
    throw new LcsError('usage', `Cannot resume from ${journalPath}: ${why}.`, {
      hint: 'Run without --resume to start over: rows the cloud already holds show as unchanged.',
    })
  }
}
