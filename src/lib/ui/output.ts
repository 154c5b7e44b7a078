// Rendering of results: tables for people, CSV for spreadsheets (JSON is printed by oclif's --json).
import Table from 'cli-table3'

import {cellText as cell, csvLine} from '../csv/index.js'

export interface Column<T> {
  header: string
  get: (row: T) => unknown
}

export function colorEnabled(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false
  if (process.env.FORCE_COLOR === '0') return false
  return Boolean(stream.isTTY)
}

/**
 * A table that fits the terminal: when the natural width exceeds it, the widest columns are narrowed
 * (their text wraps) until it fits or every column is down to 12 characters. Pipes get natural widths.
 */
export function renderTable<T>(rows: T[], columns: Column<T>[], width = process.stdout.isTTY ? process.stdout.columns : undefined): string {
  const color = colorEnabled()
  const cells = rows.map((r) => columns.map((c) => cell(c.get(r))))
  let colWidths: number[] | undefined
  if (width) {
    // content + one space of padding on each side + the border on the left of each column
    const natural = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i].length)) + 3)
    const widths = [...natural]
    while (widths.reduce((a, b) => a + b, 1) > width) {
      const widest = widths.indexOf(Math.max(...widths))
      if (widths[widest] <= 15) break
      widths[widest]--
    }
    if (widths.some((w, i) => w !== natural[i])) colWidths = widths.map((w) => w - 1)
  }
  const table = new Table({
    head: columns.map((c) => c.header),
    style: {border: color ? ['grey'] : [], head: color ? ['cyan'] : [], compact: true},
    ...(colWidths ? {colWidths, wordWrap: true, wrapOnWordBoundary: true} : {}),
  })
  for (const row of cells) table.push(row)
  return table.toString()
}

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are neutralized with a leading quote. */
export function renderCsv<T>(rows: T[], columns: Column<T>[]): string {
  return [csvLine(columns.map((c) => c.header)), ...rows.map((r) => csvLine(columns.map((c) => c.get(r))))].join('\n') + '\n'
}

export function formatTime(epochMs: number | null | undefined): string {
  if (epochMs === null || epochMs === undefined || !Number.isFinite(epochMs)) return ''
  return new Date(epochMs).toISOString().replace('.000Z', 'Z')
}
