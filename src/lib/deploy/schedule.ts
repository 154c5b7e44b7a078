// Scheduled tasks, as the portal's Update Firmware window has them: a name of at most 64 characters, a
// start date and time in a time zone, and a task window of 1–23 hours and 0–59 minutes within which
// every printer must start (printers that have not started when it ends expire). Time zones are IANA
// names resolved through Intl, so daylight-saving rules come from the platform.
import {LcsError} from '../errors.js'

const MAX_TASK_NAME = 64
const MIN_WINDOW_MINUTES = 60
const MAX_WINDOW_MINUTES = 23 * 60 + 59

export function isValidTimeZone(tz: string): boolean {
  if (!tz || typeof tz !== 'string') return false
  try {
    new Intl.DateTimeFormat('en-US', {timeZone: tz})
    return true
  } catch {
    return false
  }
}

export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/** Null when the name is fine, else what is wrong. */
export function taskNameProblem(name: string): string | null {
  const n = name.trim()
  if (!n) return 'the task name is empty'
  if ([...n].length > MAX_TASK_NAME) return `the task name has ${[...n].length} characters; at most ${MAX_TASK_NAME} are allowed`
  if ([...n].some((c) => c.charCodeAt(0) < 32)) return 'the task name contains control characters'
  return null
}

export function windowProblem(minutes: number): string | null {
  if (!Number.isInteger(minutes)) return 'the task window must be whole minutes'
  if (minutes <= 0) return 'the task window is 0: it must be 1–23 hours and 0–59 minutes'
  if (minutes < MIN_WINDOW_MINUTES || minutes > MAX_WINDOW_MINUTES)
    return `the task window ${formatWindow(minutes)} is out of range: 1–23 hours and 0–59 minutes`
  return null
}

/** "2h30m", "2h", "1h 5m", "02:30" → minutes; hours must be 1–23 and minutes 0–59. */
export function parseWindow(text: string): number {
  const s = text.trim().toLowerCase()
  let h: number
  let m: number
  const hm = /^(\d{1,2})\s*h(?:\s*(\d{1,2})\s*m(?:in)?)?$/.exec(s)
  const colon = /^(\d{1,2}):(\d{2})$/.exec(s)
  const onlyM = /^(\d{1,4})\s*m(?:in)?$/.exec(s)
  if (/^0+$/.test(s)) [h, m] = [0, 0]
  else if (hm) [h, m] = [Number(hm[1]), Number(hm[2] ?? 0)]
  else if (colon) [h, m] = [Number(colon[1]), Number(colon[2])]
  else if (onlyM) [h, m] = [0, Number(onlyM[1])]
  else throw new LcsError('usage', `--window "${text}" is not a duration: use hours and minutes such as 2h30m, 1h or 02:30.`)
  if (m > 59) throw new LcsError('usage', `--window "${text}": minutes must be 0–59.`)
  const minutes = h * 60 + m
  const problem = windowProblem(minutes)
  if (problem) throw new LcsError('usage', `--window "${text}": ${problem}.`)
  return minutes
}

export function formatWindow(minutes: number): string {
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`
}

interface Wall {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

function wallClock(epoch: number, tz: string): Wall {
  const parts = new Intl.DateTimeFormat('en-US', {
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
    minute: '2-digit',
    month: '2-digit',
    timeZone: tz,
    year: 'numeric',
  }).formatToParts(new Date(epoch))
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value)
  return {day: get('day'), hour: get('hour'), minute: get('minute'), month: get('month'), year: get('year')}
}

/** Offset of a time zone at an instant, in ms (wall clock minus UTC). */
function zoneOffsetMs(epoch: number, tz: string): number {
  const w = wallClock(epoch, tz)
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - Math.floor(epoch / 60_000) * 60_000
}

/**
 * "2026-12-01 22:00" in a time zone → epoch ms. A wall time that does not exist (the hour skipped when
 * clocks go forward) is refused; an ambiguous one (the hour repeated in autumn) takes the first.
 */
export function parseLocalTime(text: string, tz: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})$/.exec(text.trim())
  if (!m)
    throw new LcsError('usage', `--at "${text}" is not a date and time: use "YYYY-MM-DD HH:MM" (24-hour clock), e.g. "2026-12-01 22:00".`)
  const w: Wall = {day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]), month: Number(m[2]), year: Number(m[1])}
  const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute)
  const check = new Date(naive)
  if (w.hour > 23 || w.minute > 59 || check.getUTCMonth() !== w.month - 1 || check.getUTCDate() !== w.day)
    throw new LcsError('usage', `--at "${text}" is not a valid date and time.`)
  if (!isValidTimeZone(tz))
    throw new LcsError('usage', `Unknown time zone "${tz}": use an IANA name such as America/New_York or Europe/Paris.`)
  // Two passes settle the offset around a DST change; take the earlier of the candidates that match.
  const candidates = [
    naive - zoneOffsetMs(naive - 86_400_000, tz),
    naive - zoneOffsetMs(naive + 86_400_000, tz),
    naive - zoneOffsetMs(naive, tz),
  ]
  const matches = [...new Set(candidates)].filter((t) => {
    const back = wallClock(t, tz)
    return back.year === w.year && back.month === w.month && back.day === w.day && back.hour === w.hour && back.minute === w.minute
  })
  if (!matches.length) throw new LcsError('usage', `--at "${text}" does not exist in ${tz} (the clocks skip that hour).`)
  return Math.min(...matches)
}

/** "2026-12-01 22:00 America/New_York (UTC−05:00)". */
export function formatInZone(epoch: number, tz: string): string {
  const w = wallClock(epoch, tz)
  const off = zoneOffsetMs(epoch, tz) / 60_000
  const sign = off < 0 ? '−' : '+'
  const abs = Math.abs(off)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)} ${tz} (UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)})`
}

/** Checks a whole schedule (the sandbox runs the same checks). */
export function scheduleProblems(
  s: {startAt: unknown; timeZone: unknown; windowMinutes: unknown},
  now: number,
): Array<{field: string; rule: string}> {
  const out: Array<{field: string; rule: string}> = []
  if (typeof s.timeZone !== 'string' || !isValidTimeZone(s.timeZone))
    out.push({field: 'schedule.timeZone', rule: 'an IANA time zone such as America/New_York'})
  if (typeof s.startAt !== 'number' || !Number.isFinite(s.startAt)) out.push({field: 'schedule.startAt', rule: 'a time (epoch ms)'})
  else if (s.startAt <= now) out.push({field: 'schedule.startAt', rule: 'in the future (the start time has passed)'})
  const w = windowProblem(Number(s.windowMinutes))
  if (typeof s.windowMinutes !== 'number' || w)
    out.push({field: 'schedule.windowMinutes', rule: w ?? '1–23 hours and 0–59 minutes, in minutes'})
  return out
}
