// One pass over an import file: the header, then every row checked against it (count the commas, cell
// encoding) and decoded by the format. Errors carry the physical line and the column. Rows held in memory
// (a rollout file's inline entries) have no header and no commas: their values are checked and decoded
// the same way, and their errors carry where each value is written in its own file.
import {createHash} from 'node:crypto'

import {LcsError} from '../errors.js'
import {namedHeader, type Decoded, type Header, type ImportFormat} from './format.js'
import type {RecordReader} from './read.js'
import {cellRule} from './rules.js'

export interface LocatedError {
  /** The row held in memory (its number, 1…n) the error is about. */
  row?: number
  line: number
  column: number
  field?: string
  rule: string
}

export interface Row<Item> {
  /** A file's physical line; a row held in memory: its number, 1…n. */
  line: number
  item: Item
  cells: string[]
}

/** Where a value is written in its own file, and what the file calls it ("users[2].email"). */
export interface Place {
  line: number
  column: number
  field: string
}

/** A row held in memory: its values by column, and where each is written. */
export interface MemoryRow {
  /** How messages name the row ("users[2]"). */
  name: string
  values: Readonly<Record<string, string>>
  /** Where the value of `column` is (the row itself when it has none). */
  at(column?: string): Place
}

interface ScanHandlers<Item> {
  header?(h: Header): void
  row?(r: Row<Item>, decoded: Decoded<Item>): void | Promise<void>
  invalid?(line: number, cells: string[] | undefined, errors: LocatedError[]): void
}

interface ScanResult {
  rows: number
  sha256: string
}

function countError(cells: string[], h: Header, line: number): LocatedError {
  const width = h.width!
  if (!h.isHeader) return {column: width + 1, line, rule: `one value per line: this line has ${cells.length} (commas are not allowed here)`}
  if (cells.length < width) {
    const missing = h.names.slice(cells.length)
    return {
      column: cells.length + 1,
      field: missing[0],
      line,
      rule: `the row has ${cells.length} values, the header ${width}: ${missing.join(', ')} missing (count the commas)`,
    }
  }
  const trailing = cells.slice(width).every((c) => c === '')
  return {column: width + 1, line, rule: `the row has ${cells.length} values, the header ${width}${trailing ? ' (a trailing comma?)' : ''}`}
}

function cellErrors(cells: string[], line: number, names?: string[]): LocatedError[] {
  return cells.flatMap((c, i) => {
    const rule = cellRule(c)
    return rule ? [{column: i + 1, field: names?.[i], line, rule}] : []
  })
}

export async function scanFile<Item>(read: RecordReader, format: ImportFormat<Item>, on: ScanHandlers<Item>): Promise<ScanResult> {
  let header: Header | undefined
  let headerLine = 0
  let rows = 0
  const summary = await read(async ({cells, line}) => {
    if (!header) {
      // a header of binary garbage or a foreign encoding is named as such, not listed as unknown columns
      const unreadable = cellErrors(cells, line)
      header = unreadable.length
        ? {errors: unreadable, index: new Map(), isHeader: true, names: cells, width: cells.length}
        : format.header
          ? format.header(cells)
          : namedHeader(format.columns, cells)
      headerLine = line
      on.header?.(header)
      if (header.errors.length)
        on.invalid?.(
          line,
          cells,
          header.errors.map((e) => ({...e, line})),
        )
      if (header.isHeader) return
    }
    // without a usable header the rows cannot be read
    if (header.errors.length) return
    rows++
    const h = header
    let errors: LocatedError[] = []
    if (h.width !== undefined && cells.length !== h.width) {
      errors.push(countError(cells, h, line))
    } else {
      errors = cellErrors(cells, line, h.isHeader ? h.names : undefined)
    }
    if (errors.length) {
      on.invalid?.(line, cells, errors)
      return
    }
    const decoded = format.decode((column) => (cells[h.index.get(column) ?? -1] ?? '').trim())
    errors = decoded.errors
      .map((e) => ({column: (h.index.get(e.column) ?? 0) + 1, field: e.column, line, rule: e.rule}))
      .sort((a, b) => a.column - b.column)
    if (errors.length) on.invalid?.(line, cells, errors)
    else if (decoded.item) await on.row?.({cells, item: decoded.item, line}, decoded)
  })
  if (summary.faults.length) {
    for (const f of summary.faults) on.invalid?.(f.line, undefined, [f])
  } else if (!header) {
    on.invalid?.(1, undefined, [
      {
        column: 1,
        line: 1,
        rule: `the file is empty: expected ${format.columns.length > 1 ? `a header row ${format.columns.join(',')}, then one row per ${format.noun}` : `one ${format.noun} per line`}`,
      },
    ])
  } else if (header.isHeader && !header.errors.length && rows === 0) {
    on.invalid?.(headerLine + 1, undefined, [{column: 1, line: headerLine + 1, rule: `no rows after the header: nothing to import`}])
  }
  return {rows, sha256: summary.sha256}
}

/** The rows held in memory, numbered 1…n, checked and decoded as a file's rows are. */
export async function scanRows<Item>(rows: readonly MemoryRow[], format: ImportFormat<Item>, on: ScanHandlers<Item>): Promise<ScanResult> {
  const hash = createHash('sha256')
  for (const [i, r] of rows.entries()) {
    const n = i + 1
    hash.update(JSON.stringify(r.values))
    const located = (column: string, rule: string): LocatedError => ({...r.at(column), row: n, rule})
    const unreadable = Object.entries(r.values).flatMap(([column, v]) => {
      const rule = cellRule(v)
      return rule ? [located(column, rule)] : []
    })
    const decoded = unreadable.length ? undefined : format.decode((column) => (r.values[column] ?? '').trim())
    const order = (column: string) => format.columns.indexOf(column)
    const errors = unreadable.length
      ? unreadable
      : [...decoded!.errors].sort((a, b) => order(a.column) - order(b.column)).map((e) => located(e.column, e.rule))
    if (errors.length) on.invalid?.(n, undefined, errors)
    else if (decoded!.item) await on.row?.({cells: [], item: decoded!.item, line: n}, decoded!)
  }
  return {rows: rows.length, sha256: hash.digest('hex')}
}

/** A later pass saw something else than the validation pass: the file was edited meanwhile. */
export function changedDuringImport(file: string): LcsError {
  return new LcsError('badData', `${file} changed while it was being imported.`, {
    hint: 'Run the import again: rows already applied show as unchanged.',
  })
}
