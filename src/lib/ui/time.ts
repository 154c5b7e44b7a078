// Times, one way everywhere: the cloud sends epoch milliseconds; --json, CSV and tab-separated rows print
// ISO 8601 (UTC), a terminal shows how long ago (or how soon) in tables and the local time in sentences.

/** A time for a table cell: a Date, which tables on a terminal show relative and everything else as ISO 8601. */
export function timestamp(epochMs: number | null | undefined): Date | undefined {
  return epochMs === null || epochMs === undefined || !Number.isFinite(epochMs) ? undefined : new Date(epochMs)
}

const UNITS: Array<[string, number]> = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
]

/** "2 minutes ago", "in 3 hours", "just now" (as gh shows times in tables). */
export function relativeTime(epochMs: number, now = Date.now()): string {
  const delta = epochMs - now
  const abs = Math.abs(delta)
  if (abs < 60_000) return 'just now'
  const [unit, ms] = UNITS.find(([, size]) => abs >= size)!
  const n = Math.floor(abs / ms)
  const text = `${n} ${unit}${n === 1 ? '' : 's'}`
  return delta < 0 ? `${text} ago` : `in ${text}`
}

/** "2026-12-01 14:05 (2 minutes ago)": the local time with how long ago, for sentences and detail views. */
export function formatTime(epochMs: number | null | undefined, now = Date.now()): string {
  const d = timestamp(epochMs)
  if (!d) return ''
  const pad = (n: number) => String(n).padStart(2, '0')
  const local = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
  return `${local} (${relativeTime(d.getTime(), now)})`
}

/** The cloud's time fields (epoch ms): every `…At`, `date`, `date…` and `last…` (lastCommunication, lastDataRefresh). */
function isTimeKey(key: string): boolean {
  return /[a-z]At$/.test(key) || /^date([A-Z]|$)/.test(key) || /^last[A-Z]/.test(key)
}

/** A JSON-ready copy of `value` whose time fields are ISO 8601 strings instead of epoch milliseconds. */
export function isoTimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => isoTimes(v))
  if (value === null || typeof value !== 'object' || value instanceof Date) return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'number' && isTimeKey(k) ? new Date(v).toISOString() : isoTimes(v)
  return out
}
