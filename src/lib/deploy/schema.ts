// A small JSON Schema validator for the subset our published schemas use (docs/rollout.schema.json):
// type, enum, const, properties, required, additionalProperties, min/maxProperties, items, min/maxItems,
// minLength, maxLength, pattern, minimum, maximum, allOf, anyOf, oneOf, not, if/then/else and local
// $ref. It reports every problem with its path and words meant for people: an unknown key says which
// key was probably meant, a number where text is expected says to quote it. Extra keywords: `x-message`
// (on not/pattern/minimum/maximum) gives the message to show; `x-secret: true` (PINs, passwords) keeps the value out of
// every message.
export type JsonSchema = boolean | SchemaObject

export interface SchemaObject {
  $ref?: string
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: JsonSchema
  minProperties?: number
  maxProperties?: number
  items?: JsonSchema
  minItems?: number
  maxItems?: number
  minLength?: number
  maxLength?: number
  pattern?: string
  minimum?: number
  maximum?: number
  allOf?: JsonSchema[]
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  not?: JsonSchema
  if?: JsonSchema
  then?: JsonSchema
  else?: JsonSchema
  'x-message'?: string
  'x-secret'?: boolean
  [k: string]: unknown
}

export type Path = Array<string | number>

interface SchemaError {
  path: Path
  message: string
  /** The problem is the key itself (an unknown key): point at the key, not its value. */
  atKey?: boolean
}

function jsonType(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  if (Number.isInteger(v)) return 'integer'
  return typeof v
}

const TYPE_WORDS: Record<string, string> = {
  array: 'a list',
  boolean: 'true or false',
  integer: 'a whole number',
  null: 'empty',
  number: 'a number',
  object: 'a mapping (key: value)',
  string: 'text',
}

function typeMatches(v: unknown, t: string): boolean {
  const actual = jsonType(v)
  return t === actual || (t === 'number' && actual === 'integer')
}

/** Edit distance with adjacent transpositions (small strings only): "wiat" is one step from "wait". */
function distance(a: string, b: string): number {
  const d = Array.from({length: a.length + 1}, (_x, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0][j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  }
  return d[a.length][b.length]
}

/** The candidate a typo most likely meant, if any is close. */
export function didYouMean(word: string, candidates: string[]): string | undefined {
  const w = word.toLowerCase()
  let best: {c: string; d: number} | undefined
  for (const c of candidates) {
    const d = c.toLowerCase() === w ? 0 : distance(w, c.toLowerCase())
    if (d <= Math.max(1, Math.floor(c.length / 3)) && (!best || d < best.d)) best = {c, d}
  }
  return best?.c
}

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v)))

export function validate(schema: JsonSchema, value: unknown, root: JsonSchema = schema, path: Path = []): SchemaError[] {
  if (schema === true) return []
  if (schema === false) return [{message: 'is not allowed here', path}]
  if (schema.$ref) return validate(resolveRef(root, schema.$ref), value, root, path)
  const errors: SchemaError[] = []
  const err = (message: string, p: Path = path, atKey = false) => errors.push({atKey, message, path: p})

  if (schema.type !== undefined) {
    const types = [schema.type].flat()
    if (!types.some((t) => typeMatches(value, t))) {
      const hint =
        types.includes('string') && (typeof value === 'number' || typeof value === 'boolean')
          ? ` (quote it${schema['x-secret'] ? '' : `: "${String(value)}"`})`
          : ''
      err(`must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}, not ${TYPE_WORDS[jsonType(value)] ?? jsonType(value)}${hint}`)
      return errors
    }
  }
  if (schema.const !== undefined && JSON.stringify(value) !== JSON.stringify(schema.const))
    err(`must be ${show(schema.const)}${value === undefined ? '' : `, not ${show(value)}`}`)
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    const guess =
      typeof value === 'string'
        ? didYouMean(
            value,
            schema.enum.filter((e): e is string => typeof e === 'string'),
          )
        : undefined
    err(`must be one of ${schema.enum.map(show).join(', ')}, not ${show(value)}${guess ? ` (did you mean "${guess}"?)` : ''}`)
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && [...value].length < schema.minLength)
      err(schema.minLength === 1 ? 'must not be empty' : `must have at least ${schema.minLength} characters`)
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength)
      err(`must have at most ${schema.maxLength} characters (has ${[...value].length})`)
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value))
      err(schema['x-message'] ?? `${schema['x-secret'] ? 'does' : `${show(value)} does`} not match the expected form ${schema.pattern}`)
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) err(schema['x-message'] ?? `must be at least ${schema.minimum}`)
    if (schema.maximum !== undefined && value > schema.maximum) err(schema['x-message'] ?? `must be at most ${schema.maximum}`)
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      err(schema.minItems === 1 ? 'must not be an empty list' : `must list at least ${schema.minItems} items`)
    if (schema.maxItems !== undefined && value.length > schema.maxItems) err(`must list at most ${schema.maxItems} items`)
    if (schema.items !== undefined) value.forEach((v, i) => errors.push(...validate(schema.items!, v, root, [...path, i])))
  }
  if (jsonType(value) === 'object') {
    const obj = value as Record<string, unknown>
    const keys = Object.keys(obj)
    const props = schema.properties ?? {}
    for (const k of schema.required ?? []) if (!(k in obj)) err(`missing required key "${k}"`)
    for (const k of keys) {
      if (k in props) errors.push(...validate(props[k], obj[k], root, [...path, k]))
      else if (schema.additionalProperties === false) {
        const guess = didYouMean(k, Object.keys(props))
        err(
          `unknown key "${k}"${guess ? ` (did you mean "${guess}"?)` : `; allowed: ${Object.keys(props).join(', ')}`}`,
          [...path, k],
          true,
        )
      } else if (schema.additionalProperties !== undefined && schema.additionalProperties !== true)
        errors.push(...validate(schema.additionalProperties, obj[k], root, [...path, k]))
    }
    if (schema.minProperties !== undefined && keys.length < schema.minProperties)
      err(`needs ${schema.minProperties === 1 ? 'one' : `at least ${schema.minProperties}`} of: ${Object.keys(props).join(', ')}`)
    if (schema.maxProperties !== undefined && keys.length > schema.maxProperties)
      err(
        `give ${schema.maxProperties === 1 ? 'only one' : `at most ${schema.maxProperties}`} of: ${Object.keys(props).join(', ')} (got ${keys.join(', ')})`,
      )
  }
  for (const s of schema.allOf ?? []) errors.push(...validate(s, value, root, path))
  if (schema.anyOf || schema.oneOf) errors.push(...alternatives(schema, value, root, path))
  if (schema.not !== undefined && validate(schema.not, value, root, path).length === 0) err(schema['x-message'] ?? 'is not allowed here')
  if (schema.if !== undefined) {
    const branch = validate(schema.if, value, root, path).length === 0 ? schema.then : schema.else
    if (branch !== undefined) errors.push(...validate(branch, value, root, path))
  }
  return errors
}

function alternatives(schema: SchemaObject, value: unknown, root: JsonSchema, path: Path): SchemaError[] {
  const one = Boolean(schema.oneOf)
  const branches = (schema.oneOf ?? schema.anyOf)!
  const results = branches.map((b) => validate(b, value, root, path))
  const valid = results.filter((r) => r.length === 0).length
  if (one ? valid === 1 : valid >= 1) return []
  const requiredOnly = branches.every((b) => typeof b === 'object' && Object.keys(b).length === 1 && b.required?.length === 1)
  if (requiredOnly) {
    const keys = branches.map((b) => (b as SchemaObject).required![0])
    return [{message: valid > 1 ? `give only one of: ${keys.join(', ')}` : `needs one of: ${keys.join(', ')}`, path}]
  }
  if (valid > 1) return [{message: 'matches more than one of the allowed forms', path}]
  // Report the branch meant for this kind of value, when only one fits its type.
  const fitting = branches
    .map((b, i) => ({b, i}))
    .filter(({b}) => {
      const s = typeof b === 'object' && b.$ref ? resolveRef(root, b.$ref) : b
      return typeof s !== 'object' || s.type === undefined || [s.type].flat().some((t) => typeMatches(value, t))
    })
  if (fitting.length === 1) return results[fitting[0].i]
  const words = branches.map((b) => {
    const s = typeof b === 'object' && b.$ref ? resolveRef(root, b.$ref) : b
    return typeof s === 'object' && s.type
      ? [s.type]
          .flat()
          .map((t) => TYPE_WORDS[t] ?? t)
          .join(' or ')
      : 'another form'
  })
  return [{message: `must be ${[...new Set(words)].join(' or ')}`, path}]
}

function resolveRef(root: JsonSchema, ref: string): JsonSchema {
  if (!ref.startsWith('#/')) throw new Error(`only local $ref are supported, got ${ref}`)
  let node: unknown = root
  for (const part of ref.slice(2).split('/')) node = (node as Record<string, unknown>)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')]
  if (node === undefined) throw new Error(`$ref ${ref} does not resolve`)
  return node as JsonSchema
}

/** configurations[0].apps[1] */
export function formatPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(top level)'
}
