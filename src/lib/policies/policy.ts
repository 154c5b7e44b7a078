// A notification policy as the Create Notification Policy form holds it (name, policy type, its
// threshold, applies to, recipients, additional information, attachment), and its rules, checked by
// the CLI before calling and by the sandbox on every write.
import {emailRule} from '../csv/index.js'
import {LcsError} from '../errors.js'

export type PolicyCategory = 'supplies' | 'printerInformation'

/** The supply types of supplies policies, as the guide lists them. */
export const SUPPLY_TYPES = ['Toner', 'Maintenance Kit', 'Fuser', 'Photoconductors', 'Waste Toner Bottle', 'Transfer Module'] as const
/** The types of printer information policies. */
export const PRINTER_INFO_TYPES = ['Last data refresh', 'Last communicated'] as const
export type SupplyType = (typeof SUPPLY_TYPES)[number]
export type PrinterInfoType = (typeof PRINTER_INFO_TYPES)[number]
export type PolicyType = SupplyType | PrinterInfoType

/** The guide: up to 50 supplies policies (and up to 50 printer information policies) per organization. */
export const MAX_POLICIES = 50
/** Up to 10 tags and 10 e-mail addresses per policy. */
export const MAX_TAGS = 10
export const MAX_RECIPIENTS = 10
/** "Notify when toner remaining is at … %", Range: 0 to 100. */
export const THRESHOLD_RANGE = [0, 100] as const
/** "Notify when data has not been refreshed after / a printer has not communicated for … days", 1 - 7 days. */
export const DAYS_RANGE = [1, 7] as const
/** The characters the guide does not allow in a Policy Name. */
export const FORBIDDEN_NAME_CHARS = '<>&#?`~!%^*|+=;:"{}[]\\/'
const MAX_NAME = 100
const MAX_INFO = 1000

export interface PolicyInput {
  name: string
  type: PolicyType
  /** Supplies policies: notify when the remaining level is at or below this percentage (0–100). */
  threshold?: number
  /** Printer information policies: notify after this many days (1–7). */
  days?: number
  /** "Only printers with specific tags"; empty or absent: "All printers in this organization". */
  tags?: string[]
  /** "Notify the following e-mail addresses when the conditions of this policy are met" (1–10). */
  recipients: string[]
  /** "Additional information to include in the e-mail notification (Optional)". */
  additionalInfo?: string
  /** "Include notification data in a .json file (supplies) / .csv file (printer information) as an attachment". */
  attachData?: boolean
}

export interface Policy extends Required<Pick<PolicyInput, 'name' | 'type' | 'tags' | 'recipients' | 'additionalInfo' | 'attachData'>> {
  id: string
  organizationId: string
  category: PolicyCategory
  threshold?: number
  days?: number
  createdAt: number
  updatedAt: number
}

export interface Problem {
  field: string
  rule: string
}

export function categoryOf(type: string): PolicyCategory | undefined {
  if ((SUPPLY_TYPES as readonly string[]).includes(type)) return 'supplies'
  if ((PRINTER_INFO_TYPES as readonly string[]).includes(type)) return 'printerInformation'
  return undefined
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z]+/g, '-')

/** A policy type from the guide's name or its slug ("toner", "waste-toner-bottle", "last-communicated"), in any case. */
export function policyType(value: string): PolicyType | undefined {
  const want = slug(value.trim())
  return [...SUPPLY_TYPES, ...PRINTER_INFO_TYPES].find((t) => slug(t) === want || slug(t) === `${want}s`)
}

const unknownType = (v: string) => `unknown policy type "${v}": one of ${[...SUPPLY_TYPES, ...PRINTER_INFO_TYPES].join(', ')}`

/** A policy type named on the command line (`flag` names it in the error). */
export function requirePolicyType(value: string, flag: string): PolicyType {
  const t = policyType(value)
  if (!t) throw new LcsError('usage', `${flag}: ${unknownType(value)}`)
  return t
}

/** The guide's line for a policy's condition: "Toner below or equal to 55 %", "3 days". */
export function notifyAt(p: Pick<PolicyInput, 'type' | 'threshold' | 'days'>): string {
  return categoryOf(p.type) === 'supplies' ? `${p.threshold}%` : `${p.days} day${p.days === 1 ? '' : 's'}`
}

export function nameRule(name: unknown): string | undefined {
  if (typeof name !== 'string' || !name.trim()) return 'the policy name is required'
  if (name.length > MAX_NAME) return `a policy name has at most ${MAX_NAME} characters`
  const bad = [...name].find((c) => FORBIDDEN_NAME_CHARS.includes(c))
  return bad ? `the character ${bad} is not allowed in a Policy Name (not allowed: ${[...FORBIDDEN_NAME_CHARS].join(' ')})` : undefined
}

const whole = (v: unknown, [lo, hi]: readonly [number, number]) => typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi

/** Every rule a policy breaks (empty when it is valid). */
export function checkPolicy(input: unknown): Problem[] {
  const p = (input ?? {}) as Record<string, unknown>
  const problems: Problem[] = []
  const add = (field: string, rule: string) => problems.push({field, rule})
  const name = nameRule(p.name)
  if (name) add('name', name)
  const category = typeof p.type === 'string' ? categoryOf(p.type) : undefined
  if (!category) add('type', `the policy type is one of ${[...SUPPLY_TYPES, ...PRINTER_INFO_TYPES].join(', ')}`)
  if (category === 'supplies') {
    if (p.threshold === undefined) add('threshold', 'a supplies policy needs a threshold: a whole percentage, Range: 0 to 100')
    else if (!whole(p.threshold, THRESHOLD_RANGE))
      add('threshold', `the threshold is a whole percentage, Range: 0 to 100 (got ${String(p.threshold)})`)
    if (p.days !== undefined) add('days', 'days are for printer information policies; a supplies policy has a threshold')
  }
  if (category === 'printerInformation') {
    if (p.days === undefined) add('days', 'a printer information policy needs a number of days: 1 - 7 days')
    else if (!whole(p.days, DAYS_RANGE)) add('days', `the number of days is 1 - 7 days (got ${String(p.days)})`)
    if (p.threshold !== undefined) add('threshold', 'a threshold is for supplies policies; a printer information policy has days')
  }
  const tags = p.tags ?? []
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string' || !t.trim())) add('tags', 'tags: a list of tag names')
  else if (tags.length > MAX_TAGS) add('tags', `you can apply up to ${MAX_TAGS} tags to a policy (got ${tags.length})`)
  const to = p.recipients
  if (!Array.isArray(to) || to.length === 0) add('recipients', 'at least one e-mail address to notify')
  else if (to.length > MAX_RECIPIENTS) add('recipients', `you can type a maximum of ${MAX_RECIPIENTS} email addresses (got ${to.length})`)
  else
    for (const e of to) {
      const broken = typeof e === 'string' ? emailRule(e) : 'an e-mail address is text'
      if (broken) add('recipients', broken)
    }
  if (p.additionalInfo !== undefined && (typeof p.additionalInfo !== 'string' || p.additionalInfo.length > MAX_INFO))
    add('additionalInfo', `additional information is text of at most ${MAX_INFO} characters`)
  if (p.attachData !== undefined && typeof p.attachData !== 'boolean') add('attachData', 'attachData is true or false')
  return problems
}

/** A valid input in its stored form: tags and recipients each once, e-mail addresses in lower case. */
export function normalizePolicy(p: PolicyInput): PolicyInput {
  const category = categoryOf(p.type)
  return {
    additionalInfo: p.additionalInfo ?? '',
    attachData: p.attachData ?? false,
    name: p.name.trim(),
    recipients: [...new Set(p.recipients.map((e) => e.trim().toLowerCase()))],
    tags: [...new Set((p.tags ?? []).map((t) => t.trim()))],
    type: p.type,
    ...(category === 'supplies' ? {threshold: p.threshold} : {days: p.days}),
  }
}

/** The fields of two policies that differ (for updates and rollout plans). */
export function policyChanges(current: PolicyInput, wanted: PolicyInput): string[] {
  const a = normalizePolicy(current)
  const b = normalizePolicy(wanted)
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y)
  const keys = ['type', 'threshold', 'days', 'tags', 'recipients', 'additionalInfo', 'attachData'] as const
  return keys.filter((k) =>
    k === 'tags' || k === 'recipients' ? !same([...(a[k] ?? [])].sort(), [...(b[k] ?? [])].sort()) : !same(a[k], b[k]),
  )
}

/**
 * The guide's supply type of a reported supply, from its Printer MIB type name and its description
 * (vendors name the same part differently: "Drum Unit", "Imaging Unit", "Black and Color Imaging Kit").
 */
export function supplyKind(s: {type?: string; description?: string}): SupplyType | undefined {
  const t = `${s.type ?? ''} ${s.description ?? ''}`.toLowerCase()
  if (/waste/.test(t)) return 'Waste Toner Bottle'
  if (/transfer/.test(t)) return 'Transfer Module'
  if (/fuser/.test(t)) return 'Fuser'
  if (/maintenance/.test(t)) return 'Maintenance Kit'
  if (/\bopc\b|drum|imaging|photoconductor|developer/.test(t)) return 'Photoconductors'
  if (/toner|cartridge/.test(t)) return 'Toner'
  return undefined
}

/** What a command or a rollout entry says about a policy; absent fields keep the base's. */
export interface PolicyChanges {
  name?: string
  type?: string
  threshold?: number
  days?: number
  tags?: string[]
  /** "All printers in this organization" (clears the tags). */
  allPrinters?: boolean
  recipients?: string[]
  additionalInfo?: string
  attachData?: boolean
}

/**
 * A policy input from a base (an existing policy, or nothing) and changes. Changing the type to the
 * other kind drops the base's threshold or days. Every broken rule is reported at once, by field.
 */
export function applyChanges(base: PolicyInput | undefined, c: PolicyChanges): {input: PolicyInput; problems: Problem[]} {
  const problems: Problem[] = []
  let type = base?.type
  if (c.type === undefined && !type)
    problems.push({field: 'type', rule: `the policy type is required: one of ${[...SUPPLY_TYPES, ...PRINTER_INFO_TYPES].join(', ')}`})
  if (c.type !== undefined) {
    type = policyType(c.type)
    if (!type) problems.push({field: 'type', rule: unknownType(c.type)})
  }
  const kind = type && categoryOf(type)
  const keep = base && kind === categoryOf(base.type)
  const input = {
    additionalInfo: c.additionalInfo ?? base?.additionalInfo ?? '',
    attachData: c.attachData ?? base?.attachData ?? false,
    name: c.name ?? base?.name ?? '',
    recipients: c.recipients ?? base?.recipients ?? [],
    tags: c.allPrinters ? [] : (c.tags ?? base?.tags ?? []),
    type: type as PolicyType,
    ...(kind === 'supplies' ? {threshold: c.threshold ?? (keep ? base.threshold : undefined)} : {}),
    ...(kind === 'printerInformation' ? {days: c.days ?? (keep ? base.days : undefined)} : {}),
  }
  if (kind === 'supplies' && c.days !== undefined)
    problems.push({field: 'days', rule: 'days are for printer information policies; a supplies policy has a threshold'})
  if (kind === 'printerInformation' && c.threshold !== undefined)
    problems.push({field: 'threshold', rule: 'a threshold is for supplies policies; a printer information policy has days'})
  if (type) problems.push(...checkPolicy(input).filter((p) => !problems.some((q) => q.field === p.field)))
  else problems.push(...checkPolicy({...input, type: 'Toner', threshold: 0}).filter((p) => p.field !== 'type' && p.field !== 'threshold'))
  return {input: problems.length ? input : normalizePolicy(input), problems}
}
