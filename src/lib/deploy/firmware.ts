// Firmware updates outside a configuration, as the portal's Update Firmware window has them: now, or at
// a date and time in a time zone with a task window; scheduled tasks can be changed or deleted until
// they start. Everything is checked here before the cloud is asked (and the cloud checks again).
import type {ScheduleInput} from '../cloud/index.js'
import {LcsError} from '../errors.js'
import {didYouMean} from './schema.js'
import {formatInZone, isValidTimeZone, localTimeZone, parseLocalTime, parseWindow, taskNameProblem} from './schedule.js'

function unknownZone(tz: string): LcsError {
  const guess = didYouMean(tz, Intl.supportedValuesOf('timeZone'))
  return new LcsError(
    'usage',
    `Unknown time zone "${tz}"${guess ? ` (did you mean ${guess}?)` : ''}: use an IANA name such as America/New_York or Europe/Paris.`,
  )
}

interface ScheduleFlags {
  now?: boolean
  at?: string
  tz?: string
  window?: string
  name?: string
}

/** undefined for --now; the schedule for --at. */
export function scheduleFromFlags(f: ScheduleFlags, now = Date.now()): {schedule?: ScheduleInput; name?: string} {
  if (f.now && f.at) throw new LcsError('usage', 'Pass either --now or --at, not both.')
  if (!f.now && !f.at)
    throw new LcsError('usage', 'When should the firmware update occur? Pass --now, or --at "YYYY-MM-DD HH:MM" (with --tz and --window).')
  const name = f.name?.trim()
  if (f.name !== undefined) {
    const p = taskNameProblem(f.name)
    if (p) throw new LcsError('usage', `--name: ${p}.`)
  }
  if (f.now) {
    if (f.tz || f.window) throw new LcsError('usage', '--tz and --window go with --at (a scheduled update).')
    return {name}
  }
  const tz = f.tz ?? localTimeZone()
  if (!isValidTimeZone(tz)) throw unknownZone(tz)
  const startAt = parseLocalTime(f.at!, tz)
  if (startAt <= now) throw new LcsError('usage', `--at ${formatInZone(startAt, tz)} is in the past (it is now ${formatInZone(now, tz)}).`)
  const windowMinutes = parseWindow(f.window ?? '1h')
  return {name: name ?? `Update firmware ${f.at!.trim()} ${tz}`.slice(0, 64), schedule: {startAt, timeZone: tz, windowMinutes}}
}

/** A change of a scheduled task: a new wall time, a new zone (same wall time), a new window or name. */
export function scheduleChange(
  f: Omit<ScheduleFlags, 'now'>,
  current: ScheduleInput,
  now = Date.now(),
): {name?: string; schedule?: Partial<ScheduleInput>} {
  if (!f.at && !f.tz && !f.window && f.name === undefined)
    throw new LcsError('usage', 'Nothing to change: pass --at, --tz, --window or --name.')
  const out: {name?: string; schedule?: Partial<ScheduleInput>} = {}
  if (f.name !== undefined) {
    const p = taskNameProblem(f.name)
    if (p) throw new LcsError('usage', `--name: ${p}.`)
    out.name = f.name.trim()
  }
  if (f.at || f.tz) {
    const tz = f.tz ?? current.timeZone
    if (!isValidTimeZone(tz)) throw unknownZone(tz)
    const wall = f.at ?? formatInZone(current.startAt, current.timeZone).slice(0, 16)
    const startAt = parseLocalTime(wall, tz)
    if (startAt <= now) throw new LcsError('usage', `The new start ${formatInZone(startAt, tz)} is in the past.`)
    out.schedule = {startAt, timeZone: tz}
  }
  if (f.window) out.schedule = {...out.schedule, windowMinutes: parseWindow(f.window)}
  return out
}
