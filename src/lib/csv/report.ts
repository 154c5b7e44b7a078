// The rejected-rows report, `<file>.rejected.csv`: the file's own columns plus LINE and REASON, written
// row by row. Secret columns (PIN, PASSWORD) are masked, and cells a spreadsheet would run as a formula
// (= + - @) are neutralized, so the report is safe to open. Without a path (rows held in memory) rows are
// only counted.
import {closeSync, openSync, rmSync, writeSync} from 'node:fs'

import {csvLine} from './write.js'

const MASK = '****'

export class RejectReport {
  private fd?: number
  private names: string[] = []
  private secret = new Set<number>()
  rows = 0

  constructor(
    readonly path: string | undefined,
    private readonly secretColumns: readonly string[],
  ) {}

  /** The file's header (its column names as written). */
  columns(names: string[]): void {
    this.names = names
    this.secret = new Set(names.flatMap((n, i) => (this.secretColumns.includes(n.trim()) ? [i] : [])))
  }

  add(line: number, cells: string[] | undefined, reason: string): void {
    this.rows++
    if (this.path === undefined) return
    if (this.fd === undefined) {
      this.fd = openSync(this.path, 'w', 0o600)
      writeSync(this.fd, csvLine(['LINE', ...this.names, 'REASON']) + '\n')
    }
    const values = this.names.map((_, i) => {
      const v = cells?.[i] ?? ''
      return this.secret.has(i) && v !== '' ? MASK : v
    })
    writeSync(this.fd, csvLine([line, ...values, reason]) + '\n')
  }

  /** The report's path when rows were rejected; else undefined (and a stale report of an earlier run is removed). */
  close(): string | undefined {
    if (this.fd === undefined) {
      if (this.path !== undefined) rmSync(this.path, {force: true})
      return undefined
    }
    closeSync(this.fd)
    this.fd = undefined
    return this.path
  }
}
