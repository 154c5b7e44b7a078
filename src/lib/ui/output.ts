// Rendering of results: tables for people, CSV for spreadsheets (JSON is printed by oclif's --json).
import {cellText as cell, csvLine} from '../csv/index.js'
import {escapeControls} from '../text.js'
import {relativeTime} from './time.js'

export interface Column<T> {
  header: string
  get: (row: T) => unknown
}

export function colorEnabled(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false
  if (process.env.FORCE_COLOR === '0') return false
  return Boolean(stream.isTTY)
}

export interface TableOptions {
  /** A terminal gets a boxed table; anything else tab-separated rows without a header (as gh prints them). */
  tty?: boolean
  /** The terminal's width: the widest columns wrap to fit it. */
  width?: number
  /** The time relative times count from (tests). */
  now?: number
}

const BOX = {bl: '└', bm: '┴', br: '┘', h: '─', ml: '├', mm: '┼', mr: '┤', tl: '┌', tm: '┬', tr: '┐', v: '│'}

/**
 * A table in cli-table3's compact look, drawn in time linear in its rows (cli-table3's layout is quadratic).
 * On a terminal that is too narrow the widest columns are narrowed (their text wraps on word boundaries)
 * until it fits or every column is down to 12 characters; the first column, the row's key (an e-mail, a
 * serial), is never narrowed. Off a terminal: one line a row, cells tab-separated, nothing cut.
 */
export function renderTable<T>(rows: T[], columns: Column<T>[], options: TableOptions = {}): string {
  const tty = options.tty ?? Boolean(process.stdout.isTTY)
  // a time (see timestamp()) reads as "2 minutes ago" on a terminal and as ISO 8601 anywhere else
  const text = (v: unknown) => (tty && v instanceof Date ? relativeTime(v.getTime(), options.now) : cell(v))
  const cells = rows.map((r) => columns.map((c) => escapeControls(text(c.get(r)))))
  if (!tty) return cells.map((row) => row.map((c) => c.replace(/[\t\n\r]+/g, ' ')).join('\t')).join('\n')
  const width = options.width ?? (process.stdout.isTTY ? process.stdout.columns : undefined)
  const natural = columns.map((c) => c.header.length)
  for (const row of cells) for (let i = 0; i < row.length; i++) if (row[i].length > natural[i]) natural[i] = row[i].length
  const widths = [...natural]
  if (width) {
    // content + one space of padding on each side + the border on the left of each column, + the last border
    const total = () => widths.reduce((a, b) => a + b + 3, 1)
    while (total() > width) {
      let widest = -1
      for (let i = 1; i < widths.length; i++) if (widths[i] > 12 && (widest < 0 || widths[i] > widths[widest])) widest = i
      if (widest < 0) break
      widths[widest]--
    }
  }
  const color = colorEnabled()
  const grey = (t: string) => (color ? `\u001B[90m${t}\u001B[39m` : t)
  const cyan = (t: string) => (color ? `\u001B[36m${t}\u001B[39m` : t)
  const rule = (l: string, m: string, r: string) => grey(l + widths.map((w) => BOX.h.repeat(w + 2)).join(m) + r)
  const line = (row: string[], paint: (t: string) => string) => {
    const wrapped = row.map((c, i) => wrap(c, widths[i]))
    const height = Math.max(...wrapped.map((w) => w.length))
    const out: string[] = []
    for (let k = 0; k < height; k++) {
      out.push(grey(BOX.v) + wrapped.map((w, i) => ` ${paint((w[k] ?? '').padEnd(widths[i]))} `).join(grey(BOX.v)) + grey(BOX.v))
    }
    return out.join('\n')
  }
  const out = [
    rule(BOX.tl, BOX.tm, BOX.tr),
    line(
      columns.map((c) => c.header),
      cyan,
    ),
    rule(BOX.ml, BOX.mm, BOX.mr),
  ]
  for (const row of cells) out.push(line(row, (t) => t))
  out.push(rule(BOX.bl, BOX.bm, BOX.br))
  return out.join('\n')
}

/** Lines of at most `width` characters, broken at spaces where possible. */
function wrap(text: string, width: number): string[] {
  if (text.length <= width && !text.includes('\n')) return [text]
  const lines: string[] = []
  for (const para of text.split('\n')) {
    let current = ''
    for (let word of para.split(' ')) {
      while (word.length > width) {
        if (current) lines.push(current)
        current = ''
        lines.push(word.slice(0, width))
        word = word.slice(width)
      }
      if (!current) current = word
      else if (current.length + 1 + word.length <= width) current += ' ' + word
      else {
        lines.push(current)
        current = word
      }
    }
    lines.push(current)
  }
  return lines
}

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are neutralized with a leading quote. */
export function renderCsv<T>(rows: T[], columns: Column<T>[]): string {
  return [csvLine(columns.map((c) => c.header)), ...rows.map((r) => csvLine(columns.map((c) => c.get(r))))].join('\n') + '\n'
}

/** "1 printer", "3 addresses", "1,250 rows": a count with its noun, singular or plural. */
export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : /(s|ss|x|ch|sh)$/.test(word) ? `${word}es` : `${word}s`}`
}

/** A size for people: "512 bytes", "12.1 KB", "2.9 GB" (binary units, one decimal at most). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB']
  let n = bytes
  let i = 0
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024
    i++
  }
  return `${i === 0 ? n : Number(n.toFixed(1)).toLocaleString('en-US')} ${units[i]}`
}
