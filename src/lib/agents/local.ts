// Local Agent rules of the guide ("Using the Local Agent"), checked by the CLI before it calls and by the
// sandbox: an activation code supports 1–3000 activations and is valid 72 hours; its activations are
// raised to 10–3000 ("Update number of supported activations", never lowered); the polling interval is
// 15–1440 minutes, 180 by default.
import {LOG_LEVELS} from './definition.js'

export const LOCAL_CODE_TTL_MS = 72 * 3_600_000
export const LOCAL_ACTIVATIONS = {default: 10, max: 3000, min: 1} as const
export const LOCAL_ACTIVATIONS_UPDATE = {max: 3000, min: 10} as const
export const LOCAL_POLLING = {default: 180, max: 1440, min: 15} as const
export const LOCAL_LOG_LEVELS = LOG_LEVELS

const whole = (n: unknown, lo: number, hi: number) => typeof n === 'number' && Number.isInteger(n) && n >= lo && n <= hi

/** Why a number of activations for a new code is wrong, if it is. */
export function activationsProblem(n: unknown): string | undefined {
  return whole(n, LOCAL_ACTIVATIONS.min, LOCAL_ACTIVATIONS.max)
    ? undefined
    : `activations must be a whole number from ${LOCAL_ACTIVATIONS.min} to ${LOCAL_ACTIVATIONS.max}, got ${String(n)}`
}

/** Why a raised number of activations is wrong, if it is (`current`: what the code supports now). */
export function activationsUpdateProblem(n: unknown, current?: number): string | undefined {
  if (!whole(n, LOCAL_ACTIVATIONS_UPDATE.min, LOCAL_ACTIVATIONS_UPDATE.max))
    return `activations must be a whole number from ${LOCAL_ACTIVATIONS_UPDATE.min} to ${LOCAL_ACTIVATIONS_UPDATE.max}, got ${String(n)}`
  if (current !== undefined && (n as number) < current) return `activations can only be increased: the code supports ${current}`
  return undefined
}

/** Why Local Agent settings are wrong: one {field, rule} per problem. */
export function localSettingsProblems(s: {logLevel?: unknown; pollingIntervalMin?: unknown}): Array<{field: string; rule: string}> {
  const problems: Array<{field: string; rule: string}> = []
  if (s.logLevel !== undefined && !(LOCAL_LOG_LEVELS as readonly unknown[]).includes(s.logLevel))
    problems.push({field: 'logLevel', rule: `logLevel must be ${LOCAL_LOG_LEVELS.join(' or ')}, got ${String(s.logLevel)}`})
  if (s.pollingIntervalMin !== undefined && !whole(s.pollingIntervalMin, LOCAL_POLLING.min, LOCAL_POLLING.max))
    problems.push({
      field: 'pollingIntervalMin',
      rule: `pollingIntervalMin must be a whole number of minutes from ${LOCAL_POLLING.min} to ${LOCAL_POLLING.max}, got ${String(s.pollingIntervalMin)}`,
    })
  return problems
}
