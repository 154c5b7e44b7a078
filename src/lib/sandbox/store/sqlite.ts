// The sandbox's SQLite connection: Node's built-in node:sqlite (no native build at install) behind the
// few calls the store uses — prepare/get/run/all, exec, pragma and nestable transactions.
import {createRequire} from 'node:module'
import type {DatabaseSync, StatementResultingChanges} from 'node:sqlite'

// node:sqlite warns that it is experimental when first loaded; that one warning is expected here and
// would otherwise be printed by every `lcs sandbox` command. Every other warning passes through.
function loadSqlite(): typeof import('node:sqlite') {
  const emit = process.emitWarning
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String(warning).startsWith('SQLite is an experimental feature')) return
    return (emit as (...a: unknown[]) => void).call(process, warning, ...rest)
  }) as typeof process.emitWarning
  try {
    return createRequire(import.meta.url)('node:sqlite') as typeof import('node:sqlite')
  } finally {
    process.emitWarning = emit
  }
}

/** A prepared statement as the store calls it: positional values, or one object for `@name` parameters. */
export interface Statement {
  get(...params: unknown[]): unknown
  all(...params: unknown[]): unknown[]
  run(...params: unknown[]): StatementResultingChanges
}

let savepoints = 0

export class Db {
  readonly raw: DatabaseSync

  constructor(file: string) {
    this.raw = new (loadSqlite().DatabaseSync)(file)
  }

  prepare(sql: string): Statement {
    return this.raw.prepare(sql) as Statement
  }

  exec(sql: string): void {
    this.raw.exec(sql)
  }

  /** `PRAGMA name = value`; returns the rows SQLite answers with. */
  pragma(statement: string): unknown[] {
    return this.raw.prepare(`PRAGMA ${statement}`).all()
  }

  /** Wraps fn in a SAVEPOINT: a transaction of its own, or a nested one inside another. */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    return (...args: A): R => {
      const name = `lcs_sp${++savepoints}`
      this.raw.exec(`SAVEPOINT ${name}`)
      try {
        const result = fn(...args)
        this.raw.exec(`RELEASE ${name}`)
        return result
      } catch (error) {
        this.raw.exec(`ROLLBACK TO ${name}`)
        this.raw.exec(`RELEASE ${name}`)
        throw error
      }
    }
  }

  close(): void {
    this.raw.close()
  }
}
