// Writing CSV: the one RFC 4180 writer, for `--csv` output and for the rejected-rows reports of imports.
import {escapeControls} from '../text.js'

/** A value as the text of a cell: empty for null and undefined, ISO time for dates, JSON for objects. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) return v.toISOString()
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

function csvCell(v: unknown): string {
  // a report of rejected rows holds the cells that were refused for their control characters: shown, not kept
  let s = escapeControls(cellText(v))
  // numbers stay numbers; any other text a spreadsheet would evaluate gets a leading quote
  if (typeof v !== 'number' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** One RFC 4180 line (no line break), formula-like cells neutralized: for reports written row by row. */
export function csvLine(values: unknown[]): string {
  return values.map(csvCell).join(',')
}
