// YAML files with their source positions kept, so that every problem found later (schema, references,
// the cloud's answer) names the line and column it comes from: `rollout.yaml:12:7: configurations[0].apps[1]: …`.
import {isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node} from 'yaml'

import type {ErrorDetail} from '../errors.js'
import {LcsError} from '../errors.js'
import {formatPath, validate, type JsonSchema, type Path} from './schema.js'

/** Where a value is written (line and column), and how messages name it (`users[2].email`). */
export interface Place {
  line: number
  column: number
  field: string
}

/** A problem at a path in the file, or at a place already found (a rollout's inline entries carry theirs). */
export type Located = {message: string} & ({path: Path; atKey?: boolean; at?: undefined} | {at: Place; path?: undefined; atKey?: undefined})

export class YamlSource {
  readonly value: unknown
  private readonly lines = new LineCounter()
  private readonly doc: Document

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.doc = parseDocument(text, {lineCounter: this.lines, prettyErrors: false, uniqueKeys: true})
    this.value = this.doc.errors.length ? undefined : this.doc.toJS({maxAliasCount: 100})
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
