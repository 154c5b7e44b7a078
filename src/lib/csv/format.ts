// What an import format is: its columns, how one row becomes one API item (or the rules it breaks),
// which identities a row claims (two rows may not claim the same one), and the batch endpoint's size.

export interface FieldError {
  /** Column name as written in the header. */
  column: string
  rule: string
}

/** An identity a row claims ("badge 20171a", "PIN of jdoe@…"): a file names each at most once. */
export interface RowKey {
  column: string
  key: string
  label: string
}

export interface Decoded<Item> {
  item?: Item
  errors: FieldError[]
  keys: RowKey[]
  /** A note about a value that is ignored (e.g. PINs when the organization generates them). */
  warning?: string
}

interface HeaderError {
  /** 1-based position in the header row. */
  column: number
  field?: string
  rule: string
}

export interface Header {
  /** Column name → position (0-based). */
  index: Map<string, number>
  /** The names as written (used for the report's header). */
  names: string[]
  /** False when the first record is data (a TXT list of serial numbers). */
  isHeader: boolean
  /** Values every row has; undefined when rows may be shorter (a TXT list). */
  width?: number
  errors: HeaderError[]
}

export interface ImportFormat<Item> {
  /** Short name ("badges", "users"): recorded in the journal. */
  name: string
  /** One row is one … ("badge or PIN", "user"): used in messages. */
  noun: string
  /** The columns a file must have. */
  columns: readonly string[]
  /** Columns whose values are secrets: masked in the rejected-rows report. */
  secretColumns: readonly string[]
  /** API field name → column, to place the cloud's per-item errors. */
  fields: Readonly<Record<string, string>>
  /** Items per request of the batch endpoint. */
  maxItems: number
  /** Reads the first record; default: a header naming the columns (case-sensitive, any order, all present). */
  header?(cells: string[]): Header
  decode(cell: (column: string) => string): Decoded<Item>
  /** What identifies the row in a plan ("jdoe@company.com", "badge 20171a"). */
  label(item: Item): string
}

/** The documented convention: header names are case-sensitive and exact (no white space around them), in any order, each once, all present. */
export function namedHeader(columns: readonly string[], cells: string[]): Header {
  const names = cells.map((c) => c.trim())
  const index = new Map<string, number>()
  const errors: HeaderError[] = []
  // not a header of this format at all (another file named by mistake, or /etc/shadow): its first line is
  // not echoed, it may hold anything
  if (!names.some((n) => columns.some((c) => c.toLowerCase() === n.toLowerCase())))
    return {
      errors: [
        {
          column: 1,
          rule: `the first line is not a header of this format: it names none of the columns ${columns.join(',')}`,
        },
      ],
      index,
      isHeader: true,
      names,
      width: names.length,
    }
  const misspelt = new Set<string>()
  names.forEach((name, i) => {
    const column = i + 1
    if (columns.includes(name) && cells[i] !== name) {
      // the portal matches header names exactly: "BADGE " would not be the BADGE column there
      misspelt.add(name)
      errors.push({
        column,
        field: name,
        rule: `"${cells[i]}" has white space around the name: header names are matched exactly, write ${name}`,
      })
      return
    }
    if (columns.includes(name)) {
      if (index.has(name)) errors.push({column, field: name, rule: `column ${name} appears twice (also column ${index.get(name)! + 1})`})
      else index.set(name, i)
      return
    }
    const meant = columns.find((c) => c.toLowerCase() === name.toLowerCase())
    if (meant) {
      misspelt.add(meant)
      errors.push({column, field: name, rule: `"${name}" must be written ${meant}: header names are case-sensitive`})
    } else if (name === '') {
      errors.push({column, rule: 'a column without a name (a trailing comma in the header?)'})
    } else {
      errors.push({
        column,
        field: name,
        rule: `unknown column "${name.length > 40 ? `${name.slice(0, 40)}…` : name}"; the columns are ${columns.join(',')}`,
      })
    }
  })
  for (const c of columns) {
    if (!index.has(c) && !misspelt.has(c))
      errors.push({
        column: names.length + 1,
        field: c,
        rule: `column ${c} is missing: every column must be present (in any order), even when empty`,
      })
  }
  return {errors, index, isHeader: true, names, width: names.length}
}
