// What --json prints: the bare result (the default, which scripts and the README's examples read), or with
// LCS_JSON_ENVELOPE=1 the versioned envelope {version, status, result, warnings} (errors: {version, status,
// error, warnings}); times as ISO 8601, and only the keys --fields names.
import {LcsError} from '../errors.js'
import {isoTimes} from './time.js'

/** The envelope's version: bumped only when its shape changes incompatibly. */
export const ENVELOPE_VERSION = 1

export function envelopeEnabled(env: NodeJS.ProcessEnv): boolean {
  const v = env.LCS_JSON_ENVELOPE
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false'
}

/** `--fields a,b` as a list (spaces allowed around the commas). */
export function parseFields(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined
  const fields = text
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)
  if (!fields.length) throw new LcsError('usage', '--fields needs at least one field name, e.g. --fields email,groups.')
  return fields
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * Only `fields` of each item of a list result (or of an object result), in the order given, as gh's
 * `--json FIELDS`. A field no item has is a usage error listing the fields there are; an empty list has
 * nothing to check.
 */
export function selectFields(result: unknown, fields: string[] | undefined): unknown {
  if (!fields) return result
  const items = Array.isArray(result) ? result.filter(isRecord) : isRecord(result) ? [result] : []
  if (!items.length) return result
  const available = [...new Set(items.flatMap((i) => Object.keys(i)))]
  const unknown = fields.filter((f) => !available.includes(f))
  if (unknown.length)
    throw new LcsError(
      'usage',
      `Unknown field${unknown.length === 1 ? '' : 's'} for --fields: ${unknown.join(', ')}. Available: ${available.join(', ')}.`,
    )
  const pick = (i: unknown) => (isRecord(i) ? Object.fromEntries(fields.filter((f) => f in i).map((f) => [f, i[f]])) : i)
  return Array.isArray(result) ? result.map(pick) : pick(result)
}

/** The JSON of a result that ended with exit code `status`. */
export function successJson(result: unknown, o: {envelope: boolean; fields?: string[]; status: number; warnings: string[]}): unknown {
  const body = selectFields(isoTimes(result), o.fields)
  return o.envelope ? {version: ENVELOPE_VERSION, status: o.status, result: body, warnings: o.warnings} : body
}

/** The JSON of a failure: `{...what was done, error}` bare, or in the envelope with what was done as `result`. */
export function errorJson(
  json: {error: unknown} & Record<string, unknown>,
  o: {envelope: boolean; status: number; warnings: string[]},
): unknown {
  const {error, ...done} = isoTimes(json) as {error: unknown} & Record<string, unknown>
  if (!o.envelope) return {...done, error}
  return {
    version: ENVELOPE_VERSION,
    status: o.status,
    ...(Object.keys(done).length ? {result: done} : {}),
    error,
    warnings: o.warnings,
  }
}
