// The sandbox clock: the real clock plus an offset kept in the database, which --time-scale grows while
// the sandbox runs and `sandbox advance` jumps; the activity engine notes up to when it has simulated.
import type {Db} from './sqlite.js'

const meta = (db: Db, key: string) => (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as {value: string} | undefined)?.value
const setMeta = (db: Db, key: string, value: string) =>
  db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value)

/** How far the sandbox clock is ahead of the real one (ms): time made to pass by --time-scale and `sandbox advance`. */
export function clockOffset(db: Db): number {
  return Number(meta(db, 'clock_offset_ms') ?? 0)
}

/** The sandbox clock (epoch ms). */
export function sandboxNow(db: Db, real = Date.now()): number {
  return real + clockOffset(db)
}

/** Moves the sandbox clock forward; answers the new time. */
export function advanceClock(db: Db, ms: number, real = Date.now()): number {
  const offset = clockOffset(db) + ms
  setMeta(db, 'clock_offset_ms', String(offset))
  return real + offset
}

/** Up to when the activity engine has simulated the printers (epoch ms, sandbox clock). */
export function simulatedUntil(db: Db): number | undefined {
  const v = meta(db, 'simulated_until')
  return v === undefined ? undefined : Number(v)
}

export function setSimulatedUntil(db: Db, t: number): void {
  setMeta(db, 'simulated_until', String(t))
}
