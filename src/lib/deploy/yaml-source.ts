// YAML files with their source positions kept, so that every problem found later (schema, references,
// the cloud's answer) names the line and column it comes from: `rollout.yaml:12:7: configurations[0].apps[1]: …`.
import {isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node} from 'yaml'

import type {ErrorDetail} from '../errors.js'
import {LcsError} from '../errors.js'
import {formatPath, validate, type JsonSchema, type Path} from './schema.js'
import {codePointName, wideEncoding} from '../text.js'

/** Where a value is written (line and column), and how messages name it (`users[2].email`). */
export interface Place {
  line: number
  column: number
  field: string
}

/** A problem at a path in the file, or at a place already found (a rollout's inline entries carry theirs). */
export type Located = {message: string} & ({path: Path; atKey?: boolean; at?: undefined} | {at: Place; path?: undefined; atKey?: undefined})

const MAX_ALIASES = 100

/**
 * A YAML file's bytes as text, refused as the CSV reader refuses the same bytes: UTF-16/UTF-32 named as
 * such, bytes that are not UTF-8 (Latin-1, Windows-1252) at their offset and line, control characters
 * (C0 but tab and line ends, DEL, C1: ESC, BEL, NUL…) at their line and column with the code point.
 */
export function decodeYaml(file: string, buf: Buffer): string {
  const refuse = (line: number, col: number, message: string) =>
    new LcsError('badData', `${file} cannot be read as YAML; nothing was changed.`, {details: [{field: `${file}:${line}:${col}`, message}]})
  const encoding = wideEncoding(buf)
  if (encoding) throw refuse(1, 1, `the file is ${encoding}-encoded: save it as UTF-8`)
  const text = buf.toString('utf8')
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) {
    const offset = Buffer.byteLength(text.slice(0, i))
    // a U+FFFD written in the file is itself valid UTF-8 (EF BF BD)
    if (buf[offset] === 0xef && buf[offset + 1] === 0xbf && buf[offset + 2] === 0xbd) continue
    const {line, col} = lineCol(text, i)
    throw refuse(
      line,
      col,
      `byte ${offset} (0x${buf[offset].toString(16).toUpperCase().padStart(2, '0')}) is not UTF-8 (Latin-1 or Windows-1252?): save the file as UTF-8`,
    )
  }
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.exec(text)
  if (control) {
    const {line, col} = lineCol(text, control.index)
    throw refuse(line, col, `${codePointName(control[0])}: a control character has no place in a rollout file`)
  }
  return text.replace(/^\uFEFF/, '')
}

function lineCol(text: string, index: number): {line: number; col: number} {
  const before = text.slice(0, index)
  return {col: index - before.lastIndexOf('\n'), line: before.split('\n').length}
}

export class YamlSource {
  readonly value: unknown
  private readonly lines = new LineCounter()
  private readonly doc: Document

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.doc = parseDocument(text, {lineCounter: this.lines, prettyErrors: false, uniqueKeys: true})
    if (!this.doc.errors.length) this.checkAliases()
    this.value = this.doc.errors.length ? undefined : this.doc.toJS({maxAliasCount: MAX_ALIASES})
  }

  /** More than MAX_ALIASES aliases (a "billion laughs" file) is refused at the first one over. */
  private checkAliases(): void {
    let n = 0
    visit(this.doc, {
      Alias: (_, node) => {
        if (++n <= MAX_ALIASES) return undefined
        this.error(node.range?.[0] ?? 0, `more than ${MAX_ALIASES} aliases (*${node.source}): a rollout file needs far fewer`)
        return visit.BREAK
      },
    })
    if (n > MAX_ALIASES) return
    try {
      this.doc.toJS({maxAliasCount: MAX_ALIASES})
    } catch (error) {
      // few aliases that expand to too much (an alias of an alias of …): the first alias is named
      let first = 0
      visit(this.doc, {
        Alias: (_, node) => {
          first = node.range?.[0] ?? 0
          return visit.BREAK
        },
      })
      this.error(first, `the aliases expand too far (${(error as Error).message.split('\n')[0]})`)
    }
  }

  private error(offset: number, message: string): void {
    this.doc.errors.push(
      Object.assign(new Error(message), {code: 'ALIAS', pos: [offset, offset + 1]}) as unknown as Document['errors'][number],
    )
  }

  /** YAML syntax errors (bad indentation, duplicate keys, …) with their positions. */
  syntaxErrors(): ErrorDetail[] {
    return this.doc.errors.map((e) => {
      const pos = this.lines.linePos(e.pos[0])
      return {field: `${this.file}:${pos.line}:${pos.col}`, message: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}
    })
  }

  /** line:col of the node at a path (of its key with atKey); the nearest existing parent when the path is missing. */
  position(path: Path, atKey = false): {line: number; col: number} {
    let node: unknown = this.doc.contents
    let pos = node && (node as Node).range ? (node as Node).range![0] : 0
    for (const [i, seg] of path.entries()) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg))
        if (!pair) break
        const last = i === path.length - 1
        if (last && atKey && isScalar(pair.key) && pair.key.range) {
          pos = pair.key.range[0]
          break
        }
        node = pair.value
        if (isScalar(pair.key) && pair.key.range) pos = pair.key.range[0]
      } else if (isSeq(node) && typeof seg === 'number' && node.items[seg]) {
        node = node.items[seg]
      } else break
      if (node && (node as Node).range) pos = (node as Node).range![0]
    }
    return this.lines.linePos(pos)
  }

  /** The place of the node at a path (of its key with atKey). */
  place(path: Path, atKey = false): Place {
    const {line, col} = this.position(path, atKey)
    return {column: col, field: formatPath(path), line}
  }

  detail(p: Located): ErrorDetail {
    const {line, column, field} = p.at ?? this.place(p.path, p.atKey)
    return {field: `${this.file}:${line}:${column}`, message: `${field}: ${p.message}`}
  }

  /** The problems as one refusal, each with its line; nothing has changed yet. */
  refuse(problems: Located[], what = 'file'): LcsError {
    const details = problems.map((p) => this.detail(p)).sort((a, b) => lineOf(a) - lineOf(b))
    return new LcsError(
      'badData',
      `${this.file}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the ${what}; nothing was changed.`,
      {details},
    )
  }

  /** Parses and validates against a schema; throws with every problem located. */
  checked(schema: JsonSchema, root: JsonSchema = schema, what = 'file'): unknown {
    const syntax = this.syntaxErrors()
    if (syntax.length) throw new LcsError('badData', `${this.file} is not valid YAML; nothing was changed.`, {details: syntax})
    const errors = validate(schema, this.value ?? null, root)
    if (errors.length) throw this.refuse(errors, what)
    return this.value
  }
}

function lineOf(d: ErrorDetail): number {
  return Number(/:(\d+):\d+$/.exec(d.field ?? '')?.[1] ?? 0)
}
