// What `lcs sandbox advance|quiet` do to a sandbox's data directory: move its clock (the running activity
// engine then simulates the time in between) and make printers stop communicating or refreshing their
// data. They open the sandbox's SQLite file next to the
// running sandbox (WAL allows it), so no login is needed: the data directory is the user's own (0700).
import {existsSync} from 'node:fs'
import {join} from 'node:path'

import {LcsError} from '../errors.js'
import {openDb, type Db} from './db.js'
import {getPrinter} from './store/enrollment.js'
import * as clock from './store/clock.js'
import * as store from './store/policies.js'
import {readState} from './state.js'

const UNITS: Record<string, number> = {d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000}
/** At most 30 days at once: the notification history keeps 30 days. */
const MAX_ADVANCE_MS = 30 * 86_400_000

/** "90m", "12h", "3d", "1d12h" → milliseconds. */
export function parseDuration(text: string): number {
  const parts = [...text.trim().matchAll(/(\d+)\s*([dhms])/gi)]
  const ms = parts.reduce((sum, [, n, u]) => sum + Number(n) * UNITS[u.toLowerCase()], 0)
  if (!parts.length || parts.map((p) => p[0]).join('') !== text.trim().replace(/\s+/g, '') || ms <= 0)
    throw new LcsError('usage', `"${text}" is not a duration: write it as 90m, 12h, 3d or 1d12h.`)
  if (ms > MAX_ADVANCE_MS) throw new LcsError('usage', `"${text}" is more than 30 days: advance the sandbox clock by at most 30d at once.`)
  return ms
}

function withDb<T>(dataDir: string, fn: (db: Db) => T): T {
  if (!existsSync(join(dataDir, 'cloud.db')))
    throw new LcsError('notFound', `No sandbox data in ${dataDir}.`, {hint: 'Start one with: lcs sandbox start --detach --activity 10'})
  const db = openDb(dataDir)
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

export interface AdvanceResult {
  from: string
  to: string
  /** Notifications the policies generated in that time. */
  notifications: number
}

/** Moves the running sandbox's clock forward and waits until its activity engine has simulated the time. */
export async function advanceSandbox(dataDir: string, ms: number, timeoutMs = 60_000): Promise<AdvanceResult> {
  const state = await readState(dataDir)
  if (!state)
    throw new LcsError('unavailable', `No sandbox is running for ${dataDir}.`, {
      hint: 'Start one with: lcs sandbox start --detach --activity 10',
    })
  if (!state.activity)
    throw new LcsError('conflict', `The sandbox for ${dataDir} runs without --activity: its printers and clock stand still.`, {
      hint: 'Restart it with: lcs sandbox start --detach --activity RATE',
    })
  const db = openDb(dataDir)
  try {
    const from = clock.sandboxNow(db)
    const to = clock.advanceClock(db, ms)
    const deadline = Date.now() + timeoutMs
    while ((clock.simulatedUntil(db) ?? 0) < to) {
      if (Date.now() > deadline)
        throw new LcsError(
          'unavailable',
          `The sandbox did not simulate the ${Math.round(ms / 60_000)} minutes within ${timeoutMs / 1000} s.`,
        )
      await new Promise((r) => setTimeout(r, 100))
    }
    const notifications = (
      db.prepare('SELECT count(*) n FROM notification_history WHERE created_at > ? AND created_at <= ?').get(from, to) as {n: number}
    ).n
    return {from: new Date(from).toISOString(), notifications, to: new Date(to).toISOString()}
  } finally {
    db.close()
  }
}

export interface QuietResult {
  serialNumber: string
  mode: store.PrinterMode
}

/** Makes enrolled printers silent (no communication), stale (communicating without data) or normal again. */
export function setPrinterMode(dataDir: string, serials: string[], mode: store.PrinterMode): QuietResult[] {
  return withDb(dataDir, (db) => {
    const unknown = serials.filter((s) => !getPrinter(db, s))
    if (unknown.length)
      throw new LcsError('notFound', `Not enrolled in the sandbox: ${unknown.join(', ')}.`, {hint: 'See `lcs printers list`.'})
    return db.transaction(() =>
      serials.map((s) => {
        const serialNumber = getPrinter(db, s)!.serial
        store.setActivity(db, serialNumber, {mode})
        return {mode, serialNumber}
      }),
    )()
  })
}

export type {PrinterMode} from './store/policies.js'
