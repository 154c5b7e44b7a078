// Streaming CSV reader: UTF-8 with or without a BOM, CRLF or LF line ends (mixed too), RFC 4180 quotes
// (commas and line breaks inside quoted values). Records carry the physical line they start on. A
// structural fault (a quote inside an unquoted value, text after a closing quote, a record over 64 KB) is
// reported with its line and column, and reading goes on at the next line, so every fault of a file is
// reported at once; a quoted value never closed runs to the end of the file and is reported where it
// opens. Our own tokenizer rather than csv-parse: csv-parse skips to no known place after a fault (the
// rows that follow are lost or misplaced), so only the first fault could be trusted.
import {createHash} from 'node:crypto'
import {createReadStream} from 'node:fs'
import {open, stat} from 'node:fs/promises'
import {StringDecoder} from 'node:string_decoder'

import {FileNotFoundError, LcsError} from '../errors.js'
import {wideEncoding} from '../text.js'

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
  /** Every structural fault, in order (reading went on at the line after each). */
  faults: CsvFault[]
  sha256: string
  bytes: number
}

const MAX_RECORD_BYTES = 64 * 1024
const SNIFF_BYTES = 64 * 1024

const FAULTS = {
  closing: 'text follows a closing quote: a quote inside a quoted value is written twice ("")',
  opening: 'a quote inside an unquoted value: quote the whole value and write the inner quote twice ("")',
  size: 'a row longer than 64 KB: an unbalanced quote, or not a CSV file',
  unclosed: 'a quoted value is never closed (unbalanced quotes)',
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
    const encoding = wideEncoding(b)
    if (encoding) return {column: 1, line: 1, rule: `the file is ${encoding}-encoded: save it as UTF-8`}
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

/**
 * RFC 4180 records out of text fed in pieces. Line breaks are CRLF, LF or (inside a value) a lone CR,
 * each one physical line; a lone CR outside quotes stays in the value, for the cell rules to name.
 */
class Tokenizer {
  private cells: string[] = []
  private value = ''
  private quoted = false
  /** A quote seen inside a quoted value: the next character says whether it was doubled or closing. */
  private quote = false
  private closed = false
  /** A CR seen: the next character says whether it ends the line (CRLF). */
  private cr = false
  /** After a fault, everything up to the next line break outside quotes is skipped. */
  private skipping = false
  private size = 0
  private line = 1
  private start = 1
  private started = false
  readonly records: CsvRecord[] = []
  readonly faults: CsvFault[] = []

  feed(text: string): void {
    for (const ch of text) this.char(ch)
  }

  end(): void {
    if (this.cr) this.afterCr('')
    if (this.quote) this.closeQuote()
    if (this.skipping) return
    if (this.quoted) this.fault(FAULTS.unclosed, this.start)
    else if (this.started) this.endRecord()
  }

  private char(ch: string): void {
    if (this.cr) return this.afterCr(ch)
    if (this.quote) {
      this.quote = false
      if (ch === '"') return this.add('"')
      this.closeQuote()
    }
    if (ch === '\r') {
      this.cr = true
      return
    }
    if (ch === '\n') return this.lineBreak('\n')
    if (this.skipping) return
    this.started = true
    if (this.quoted) return ch === '"' ? void (this.quote = true) : this.add(ch)
    if (this.closed && ch !== ',') return this.fault(FAULTS.closing)
    if (ch === ',') {
      this.cells.push(this.value)
      this.value = ''
      this.closed = false
      return
    }
    if (ch === '"') {
      if (this.value !== '') return this.fault(FAULTS.opening)
      this.quoted = true
      return
    }
    this.add(ch)
  }

  private afterCr(next: string): void {
    this.cr = false
    if (next === '\n') return this.lineBreak('\r\n')
    // a lone CR: a line break inside quotes, a character of the value outside
    if (this.quoted) {
      this.add('\r')
      this.line++
    } else if (!this.skipping) {
      this.started = true
      if (this.closed) this.fault(FAULTS.closing)
      else this.add('\r')
    }
    if (next) this.char(next)
  }

  private lineBreak(text: string): void {
    if (this.quoted && !this.skipping) {
      this.add(text)
      this.line++
      return
    }
    this.line++
    if (this.skipping) return this.reset()
    if (this.started) this.endRecord()
    else this.reset()
  }

  private closeQuote(): void {
    this.quoted = false
    this.closed = true
  }

  private add(text: string): void {
    if (this.skipping) return
    this.value += text
    this.size += text.length
    if (this.size > MAX_RECORD_BYTES) this.fault(FAULTS.size, this.start)
  }

  private fault(rule: string, line = this.line): void {
    this.faults.push({column: this.cells.length + 1, line, rule})
    this.skipping = true
    // a value too long (or never closed): reading goes on at the next line break
    this.quoted = false
  }

  private endRecord(): void {
    this.cells.push(this.value)
    this.records.push({cells: this.cells, line: this.start})
    this.reset()
  }

  private reset(): void {
    this.cells = []
    this.value = ''
    this.quoted = this.quote = this.closed = this.skipping = this.started = false
    this.size = 0
    this.start = this.line
  }
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
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new FileNotFoundError(path)
    throw new LcsError('usage', `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`)
  }
  if (fault) return {bytes: 0, faults: [fault], sha256: ''}
  const decoder = new StringDecoder('utf8')
  const tokens = new Tokenizer()
  const input = createReadStream(path)
  let first = true
  const emit = async () => {
    for (const r of tokens.records.splice(0)) if (r.cells.some((c) => c.trim() !== '')) await onRecord(r)
  }
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      hash.update(chunk)
      bytes += chunk.length
      let text = decoder.write(chunk)
      if (first && text) {
        text = text.replace(/^\uFEFF/, '')
        first = false
      }
      tokens.feed(text)
      await emit()
    }
    tokens.feed(decoder.end())
    tokens.end()
    await emit()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new LcsError('usage', `Cannot read ${path}: ${code}.`)
    throw error
  } finally {
    input.destroy()
  }
  return {bytes, faults: tokens.faults, sha256: hash.digest('hex')}
}
