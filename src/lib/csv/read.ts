// Streaming CSV reader over csv-parse: UTF-8 with or without a BOM, CRLF or LF line ends (mixed too),
// RFC 4180 quotes (commas and line breaks inside quoted values). Records carry the physical line they
// start on, counted here: csv-parse counts a CRLF inside a quoted value as two lines. A structural fault
// (unbalanced quote, text after a closing quote, a 64 KB record) ends the read: nothing after it can be
// trusted, so it is reported with its line and column and the rest of the file is not interpreted.
import {parse, type CsvError, type Options} from 'csv-parse'
import {createHash} from 'node:crypto'
import {createReadStream} from 'node:fs'
import {open, stat} from 'node:fs/promises'

import {LcsError} from '../errors.js'

export interface CsvRecord {
  line: number
  cells: string[]
}

interface CsvFault {
  line: number
  column: number
  rule: string
}

/** Reads a file's records one by one and says what it read. */
export type RecordReader = (onRecord: (r: CsvRecord) => void | Promise<void>) => Promise<ReadSummary>

interface ReadSummary {
  /** The first structural fault, after which reading stopped. */
  fault?: CsvFault
  sha256: string
  bytes: number
}

const MAX_RECORD_BYTES = 64 * 1024
const SNIFF_BYTES = 64 * 1024

const FAULTS: Record<string, string> = {
  CSV_INVALID_CLOSING_QUOTE: 'text follows a closing quote: a quote inside a quoted value is written twice ("")',
  CSV_MAX_RECORD_SIZE: 'a row longer than 64 KB: an unbalanced quote, or not a CSV file',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text follows a closing quote: a quote inside a quoted value is written twice ("")',
  CSV_QUOTE_NOT_CLOSED: 'a quoted value is never closed (unbalanced quotes)',
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted value: quote the whole value and write the inner quote twice ("")',
}

/**
 * What the start of the file says before it is parsed: UTF-16/UTF-32 (with a byte-order mark, or ASCII
 * text with every other byte zero) and CR-only line ends are named as such. Only regular files are read:
 * a device (/dev/zero), FIFO or directory would never end or never parse.
 */
async function formatFault(path: string): Promise<CsvFault | undefined> {
  // stat before open: opening a FIFO waits for a writer
  if (!(await stat(path)).isFile())
    throw new LcsError('usage', `${path} is not a regular file (a device, FIFO or directory): give the path of a CSV file.`)
  const fh = await open(path, 'r')
  try {
    const {buffer, bytesRead} = await fh.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0)
    const b = buffer.subarray(0, bytesRead)
    const utf32 =
      (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) || (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff)
    const utf16 =
      (b[0] === 0xff && b[1] === 0xfe) ||
      (b[0] === 0xfe && b[1] === 0xff) ||
      (bytesRead >= 4 && ((b[0] !== 0 && b[1] === 0 && b[2] !== 0 && b[3] === 0) || (b[0] === 0 && b[1] !== 0 && b[2] === 0 && b[3] !== 0)))
    if (utf32 || utf16) return {column: 1, line: 1, rule: `the file is ${utf32 ? 'UTF-32' : 'UTF-16'}-encoded: save it as UTF-8`}
    const cr = b.indexOf(0x0d)
    if (cr >= 0 && !b.includes(0x0a))
      return {
        column: cr + 1,
        line: 1,
        rule: 'the lines end with CR only (old Mac line endings): save the file with LF or CRLF line endings',
      }
    return undefined
  } finally {
    await fh.close()
  }
}

function lineBreaks(cells: string[]): number {
  let n = 0
  for (const c of cells) {
    if (!c.includes('\n') && !c.includes('\r')) continue
    n += (c.match(/\r\n|\r|\n/g) ?? []).length
  }
  return n
}

/**
 * Calls onRecord for every non-blank record, in order, awaiting it (so a slow consumer slows the read).
 * Rows whose cells are all blank (",,,," from spreadsheets) are skipped like blank lines.
 */
export async function readCsv(path: string, onRecord: (r: CsvRecord) => void | Promise<void>): Promise<ReadSummary> {
  const hash = createHash('sha256')
  let bytes = 0
  let fault: CsvFault | undefined
  try {
    fault = await formatFault(path)
  } catch (error) {
    if (error instanceof LcsError) throw error
    throw new LcsError('usage', `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`)
  }
  if (fault) return {bytes: 0, fault, sha256: ''}
  let prevEnd = 0
  let prevEmpty = 0
  const at = (emptyLines: number) => prevEnd + 1 + (emptyLines - prevEmpty)
  const options: Options<CsvRecord, string[]> = {
    bom: true,
    max_record_size: MAX_RECORD_BYTES,
    on_record: (record: string[], info): CsvRecord | null => {
      if (fault) return null
      const line = at(info.empty_lines)
      prevEnd = line + lineBreaks(record)
      prevEmpty = info.empty_lines
      return {cells: record, line}
    },
    on_skip: (err: CsvError | undefined) => {
      if (fault || !err) return undefined
      const col = typeof err.column === 'number' ? err.column + 1 : 1
      fault = {column: col, line: at(Number(err.empty_lines ?? prevEmpty)), rule: FAULTS[err.code] ?? `not a valid CSV file (${err.code})`}
      return undefined
    },
    record_delimiter: ['\r\n', '\n'],
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
  }
  // on_record turns each record into a CsvRecord, which the typings of parse() do not express
  const parser = parse(options as unknown as Options)
  const input = createReadStream(path)
  input.on('data', (chunk) => {
    hash.update(chunk as Buffer)
    bytes += chunk.length
  })
  input.on('error', (error) => parser.destroy(error))
  input.pipe(parser)
  try {
    for await (const r of parser as AsyncIterable<CsvRecord>) {
      if (r.cells.every((c) => c.trim() === '')) continue
      await onRecord(r)
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new LcsError('usage', `Cannot read ${path}: ${code}.`)
    throw error
  } finally {
    input.destroy()
  }
  return {bytes, fault, sha256: hash.digest('hex')}
}
