// Discovery targets in the Fleet Agent's formats (address, wildcard, CIDR, range, FQDN, file, excludes): parsing, target
// files, and a lazy plan.
// This module never sends a packet itself; the only network use is the resolver for FQDNs, which callers
// (and every test) can replace. Everything is validated before a plan is returned, so a scan fails fast.
//
// Addresses are uint32 numbers and sets are sorted, merged [lo, hi] intervals streamed through generators:
// `10.0.0.0/8` is one interval and `10.*.*.*` is 65,536 intervals produced on demand, never an address array.
//
// Decisions:
// - Wildcards: `*` means 0–255, except in the last (host) octet of an include, where it means 1–254, as the
//   Fleet Agent treats `10.20.15.*` as "the hosts of that /24" (the .0/.255 network and broadcast addresses
//   answer nothing useful and a directed broadcast can be amplified by routers).
// - CIDR: network and broadcast are left out, except for /31 and /32 (RFC 3021: no broadcast there). Host bits
//   are allowed and ignored (`10.20.15.27/24` means 10.20.15.0/24).
// - Ranges and single addresses are taken literally, so `10.20.15.0` can still be scanned if written out.
// - Excludes are never narrower than they look: in an exclude, `*` is always 0–255 and a CIDR removes its
//   whole block. Being wider only ever means scanning less.
// - Octets with leading zeros (`010`) are rejected: inet_aton reads them as octal, people mean decimal.
// - A token made only of digits, dots, `*`, `/` and `-` is an address form; anything else must be an RFC 1123
//   hostname (RFC 1123 §2.1: a hostname never looks like dotted decimal, and its last label is not all digits).
// - FQDNs resolve to IPv4 only (the scan is IPv4); names with no IPv4 address are "could not be resolved".
// - `local`: non-internal IPv4 interfaces, excluding link-local 169.254/16; subnets wider than /16 are skipped
//   (and reported in `skipped`) unless `force`, because a /8 on a corporate VPN adapter is 16M addresses.
// - A plan whose excludes remove everything has count 0 (not an error); no include at all is an error.
import {lookup} from 'node:dns/promises'
import {readFile} from 'node:fs/promises'
import {networkInterfaces} from 'node:os'

/** Inclusive uint32 bounds. */
export type Interval = readonly [lo: number, hi: number]

export type TargetSpec =
  | {kind: 'ipv4'; token: string; address: number}
  | {kind: 'wildcard'; token: string; octets: Array<number | '*'>}
  | {kind: 'cidr'; token: string; network: number; prefix: number}
  | {kind: 'range'; token: string; start: number; end: number}
  | {kind: 'fqdn'; token: string; name: string}

export class TargetError extends Error {
  readonly token: string
  readonly rule: string
  readonly file?: string
  readonly line?: number

  constructor(token: string, rule: string, opts: {file?: string; line?: number; message?: string; cause?: unknown} = {}) {
    const where = opts.file === undefined ? '' : `${opts.file}${opts.line === undefined ? '' : `:${opts.line}`}: `
    super(where + (opts.message ?? `Invalid target "${token}": ${rule}`), opts.cause === undefined ? undefined : {cause: opts.cause})
    this.name = 'TargetError'
    this.token = token
    this.rule = rule
    if (opts.file !== undefined) this.file = opts.file
    if (opts.line !== undefined) this.line = opts.line
  }
}

const MAX = 0xffffffff

function parseOctet(token: string, text: string, allowStar: boolean): number | '*' {
  if (text === '*' && allowStar) return '*'
  if (text === '') throw new TargetError(token, 'an octet is empty')
  if (!/^\d+$/.test(text)) throw new TargetError(token, `octet "${text}" is not a number${allowStar ? ' or *' : ''}`)
  if (text.length > 1 && text.startsWith('0'))
    throw new TargetError(token, `octet "${text}" has a leading zero (ambiguous: octal or decimal)`)
  const n = Number(text)
  if (n > 255) throw new TargetError(token, `octet ${text} is out of range 0–255`)
  return n
}

function splitOctets(token: string, text: string): string[] {
  const parts = text.split('.')
  if (parts.length !== 4) throw new TargetError(token, `expected 4 octets, got ${parts.length}`)
  return parts
}

const fromOctets = (o: number[]): number => ((o[0] * 256 + o[1]) * 256 + o[2]) * 256 + o[3]

/** Dotted IPv4 → uint32. Throws TargetError. */
export function ipToInt(ip: string, token = ip): number {
  return fromOctets(splitOctets(token, ip).map((p) => parseOctet(token, p, false) as number))
}

export function isIPv4(text: string): boolean {
  try {
    ipToInt(text)
    return true
  } catch {
    return false
  }
}

/** uint32 → dotted IPv4. */
export function intToIp(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > MAX) throw new RangeError(`Not an IPv4 address as uint32: ${n}`)
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`
}

function parseHostname(token: string): TargetSpec {
  if (token.includes(':')) throw new TargetError(token, 'IPv6 targets are not supported')
  const name = (token.endsWith('.') ? token.slice(0, -1) : token).toLowerCase()
  if (name.length > 253) throw new TargetError(token, 'a hostname is at most 253 characters')
  const labels = name.split('.')
  for (const label of labels) {
    if (label === '') throw new TargetError(token, 'a hostname label is empty')
    if (label.length > 63) throw new TargetError(token, `hostname label "${label}" is longer than 63 characters`)
    if (!/^[a-z0-9-]+$/.test(label)) throw new TargetError(token, `hostname label "${label}" may only contain letters, digits and "-"`)
    if (label.startsWith('-') || label.endsWith('-')) throw new TargetError(token, `hostname label "${label}" starts or ends with "-"`)
  }
  if (/^\d+$/.test(labels.at(-1) ?? ''))
    throw new TargetError(token, 'not an IPv4 address, and a hostname cannot end in an all-digit label')
  return {kind: 'fqdn', token, name}
}

/** Parses one target token (address, wildcard, CIDR, range or hostname). Throws TargetError. */
export function parseTarget(raw: string): TargetSpec {
  const token = raw.trim()
  if (token === '') throw new TargetError(token, 'the target is empty')
  if (!/^[\d.*/-]+$/.test(token)) return parseHostname(token)

  const slash = token.split('/')
  if (slash.length > 2) throw new TargetError(token, 'more than one "/"')
  if (slash.length === 2) {
    const [addr, len] = slash
    if (!/^\d{1,2}$/.test(len) || Number(len) > 32) throw new TargetError(token, 'prefix length must be 0–32')
    if (addr.includes('*') || addr.includes('-')) throw new TargetError(token, 'a CIDR block takes a plain address before "/"')
    const prefix = Number(len)
    const size = 2 ** (32 - prefix)
    return {kind: 'cidr', token, network: Math.floor(ipToInt(addr, token) / size) * size, prefix}
  }

  const dash = token.split('-')
  if (dash.length > 2) throw new TargetError(token, 'a range has exactly one "-"')
  if (dash.length === 2) {
    const [from, to] = dash
    if (from === '') throw new TargetError(token, 'the range start is missing')
    if (to === '') throw new TargetError(token, 'the range end is missing')
    if (token.includes('*')) throw new TargetError(token, 'a range takes plain addresses, not wildcards')
    const start = ipToInt(from, token)
    // Short form: `10.20.15.3-34` or `10.20.15.3-16.34` borrows the leading octets from the start.
    const toParts = to.split('.')
    if (toParts.length > 4) throw new TargetError(token, `expected 4 octets, got ${toParts.length}`)
    const end = ipToInt([...from.split('.').slice(0, 4 - toParts.length), ...toParts].join('.'), token)
    if (end < start) throw new TargetError(token, 'range end is before its start')
    return {kind: 'range', token, start, end}
  }

  // The rollout guide writes `10.20.**` for 10.20.*.*: a final `**` stands for every octet left.
  const doubled = /^((?:\d{1,3}\.){1,3})\*\*$/.exec(token)
  const text = doubled ? doubled[1] + Array.from({length: 5 - doubled[1].split('.').length}, () => '*').join('.') : token
  const octets = splitOctets(token, text).map((p) => parseOctet(token, p, true))
  if (octets.includes('*')) return {kind: 'wildcard', token, octets}
  return {kind: 'ipv4', token, address: fromOctets(octets as number[])}
}

/** Splits a list of targets separated by newlines, commas or spaces (no comments). */
export function splitTargetList(text: string): string[] {
  return text.split(/[\s,]+/).filter((t) => t !== '')
}

/** Reads a target file: one or more targets per line (comma/space separated), `#` comments, blank lines. */
export async function readTargetFile(path: string): Promise<string[]> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new TargetError(path, 'cannot be read', {message: `Cannot read target file "${path}": ${(error as Error).message}`, cause: error})
  }
  const tokens: string[] = []
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((content, i) => {
      for (const token of splitTargetList(content.replace(/#.*/, ''))) {
        try {
          parseTarget(token)
        } catch (error) {
          if (error instanceof TargetError) throw new TargetError(token, error.rule, {file: path, line: i + 1})
          throw error
        }
        tokens.push(token)
      }
    })
  if (tokens.length === 0)
    throw new TargetError(path, 'contains no targets', {file: path, message: `Target file "${path}" contains no targets`})
  return tokens
}

// ---- interval sets ----

type Role = 'include' | 'exclude'
type AddressSpec = Exclude<TargetSpec, {kind: 'fqdn'}>

function octetRanges(octets: Array<number | '*'>, role: Role): Interval[] {
  return octets.map((o, i) => (o !== '*' ? [o, o] : role === 'include' && i === 3 ? [1, 254] : [0, 255]))
}

/** How many intervals a spec streams (wildcards can be many; everything else is one). */
function intervalCount(spec: AddressSpec, role: Role): number {
  if (spec.kind !== 'wildcard') return 1
  const r = octetRanges(spec.octets, role)
  let s = 4
  while (s > 0 && r[s - 1][0] === 0 && r[s - 1][1] === 255) s--
  return r.slice(0, Math.max(0, s - 1)).reduce((n, [lo, hi]) => n * (hi - lo + 1), 1)
}

function specCount(spec: AddressSpec): number {
  let n = 0
  if (spec.kind === 'wildcard') n = octetRanges(spec.octets, 'include').reduce((p, [lo, hi]) => p * (hi - lo + 1), 1)
  else for (const [lo, hi] of specIntervals(spec, 'include')) n += hi - lo + 1
  return n
}

function* specIntervals(spec: AddressSpec, role: Role): Generator<Interval> {
  switch (spec.kind) {
    case 'ipv4':
      yield [spec.address, spec.address]
      return
    case 'range':
      yield [spec.start, spec.end]
      return
    case 'cidr': {
      const last = spec.network + 2 ** (32 - spec.prefix) - 1
      yield role === 'include' && spec.prefix < 31 ? [spec.network + 1, last - 1] : [spec.network, last]
      return
    }
    case 'wildcard': {
      // Octets s..3 are full 0–255 and fold into each interval; octet s-1 bounds it; octets before s-1 are
      // enumerated in mixed radix, most significant first, so intervals come out sorted.
      const r = octetRanges(spec.octets, role)
      let s = 4
      while (s > 0 && r[s - 1][0] === 0 && r[s - 1][1] === 255) s--
      if (s === 0) {
        yield [0, MAX]
        return
      }
      const t = s - 1
      const unit = 256 ** (3 - t)
      const total = intervalCount(spec, role)
      for (let idx = 0; idx < total; idx++) {
        let rest = idx
        let base = 0
        for (let i = t - 1, weight = unit * 256; i >= 0; i--, weight *= 256) {
          const size = r[i][1] - r[i][0] + 1
          base += (r[i][0] + (rest % size)) * weight
          rest = Math.floor(rest / size)
        }
        yield [base + r[t][0] * unit, base + (r[t][1] + 1) * unit - 1]
      }
    }
  }
}

/** Union of streams that are each sorted by `lo`; yields disjoint, non-adjacent, sorted intervals. */
function* union(streams: Array<Iterable<Interval>>): Generator<Interval> {
  // A linear scan over heads is fine: `streamsOf` keeps the number of streams small.
  const its = streams.map((s) => s[Symbol.iterator]())
  const heads = its.map((it) => it.next())
  let cur: [number, number] | undefined
  for (;;) {
    let k = -1
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i]
      if (!h.done && (k < 0 || h.value[0] < (heads[k].value as Interval)[0])) k = i
    }
    if (k < 0) break
    const [lo, hi] = heads[k].value as Interval
    heads[k] = its[k].next()
    if (cur && lo <= cur[1] + 1) cur[1] = Math.max(cur[1], hi)
    else {
      if (cur) yield cur
      cur = [lo, hi]
    }
  }
  if (cur) yield cur
}

/** a \ b, both merged and sorted. */
function* subtract(a: Iterable<Interval>, b: Iterable<Interval>): Generator<Interval> {
  const bi = b[Symbol.iterator]()
  let cur = bi.next()
  for (const [lo0, hi] of a) {
    let lo = lo0
    while (!cur.done && cur.value[1] < lo) cur = bi.next()
    while (!cur.done && cur.value[0] <= hi) {
      const [blo, bhi] = cur.value
      if (blo > lo) yield [lo, blo - 1]
      lo = bhi + 1
      if (bhi >= hi) break // this exclude may also cover the next include interval: keep it
      cur = bi.next()
    }
    if (lo <= hi) yield [lo, hi]
  }
}

// Small specs are gathered into one sorted array; only big wildcards stay as their own lazy streams, which
// keeps the union's fan-in small even for a file of thousands of addresses.
const STREAM_ABOVE = 4096

function streamsOf(specs: AddressSpec[], extra: Interval[], role: Role): () => Generator<Interval> {
  const small = [...extra]
  const big: AddressSpec[] = []
  for (const spec of specs) {
    if (intervalCount(spec, role) > STREAM_ABOVE) big.push(spec)
    else small.push(...specIntervals(spec, role))
  }
  small.sort((x, y) => x[0] - y[0])
  return () => union([small, ...big.map((spec) => specIntervals(spec, role))])
}

// ---- plan ----

export type Resolver = (host: string) => Promise<string[]>
export interface LocalInterface {
  address: string
  netmask: string
  internal: boolean
  family: 'IPv4' | 'IPv6'
}

export interface PlanOptions {
  include: string[]
  exclude?: string[]
  resolver?: Resolver
  force?: boolean
  maxWithoutForce?: number
  localInterfaces?: () => LocalInterface[]
  local?: boolean
}

export interface TargetPlan {
  /** Number of distinct addresses `hosts` yields. */
  count: number
  /** Dotted IPv4 addresses, numeric order, deduplicated, excludes removed; lazy and re-iterable. */
  hosts: Iterable<string>
  /** The same addresses as uint32 numbers (what the sweep takes: no string per address). */
  addresses: Iterable<number>
  /** The same set as merged uint32 intervals (lazy, re-iterable), for callers that shard or pace by block. */
  intervals: Iterable<Interval>
  fqdns: Array<{name: string; addresses: string[]}>
  /** Interface subnets expanded by `local`, as CIDR strings. */
  localSubnets: string[]
  /** Interface subnets `local` left out, with why. */
  skipped: Array<{subnet: string; reason: string}>
}

const defaultResolver: Resolver = async (host) => (await lookup(host, {all: true, family: 4})).map((a) => a.address)

function hostInterfaces(): LocalInterface[] {
  return Object.values(networkInterfaces()).flatMap((list) => list ?? []) as LocalInterface[]
}

function prefixOf(netmask: string): number | undefined {
  if (!isIPv4(netmask)) return undefined
  const mask = ipToInt(netmask)
  for (let p = 0; p <= 32; p++) if (2 ** 32 - 2 ** (32 - p) === mask) return p
  return undefined // non-contiguous
}

function localSpecs(interfaces: LocalInterface[], force: boolean) {
  const specs: AddressSpec[] = []
  const skipped: TargetPlan['skipped'] = []
  for (const nic of interfaces) {
    if (nic.family !== 'IPv4' || nic.internal) continue
    const prefix = prefixOf(nic.netmask)
    const subnet = `${nic.address}/${prefix ?? nic.netmask}`
    if (!isIPv4(nic.address)) {
      skipped.push({subnet, reason: 'unparsable address'})
      continue
    }
    const address = ipToInt(nic.address)
    if (prefix === undefined) skipped.push({subnet, reason: 'non-contiguous netmask'})
    else if (address >>> 16 === 0xa9fe) skipped.push({subnet, reason: 'link-local (169.254/16)'})
    else if (prefix < 16 && !force)
      skipped.push({
        subnet,
        reason: `wider than /16 (${(2 ** (32 - prefix) - 2).toLocaleString('en-US')} addresses); pass --force to include`,
      })
    else {
      const size = 2 ** (32 - prefix)
      const network = Math.floor(address / size) * size
      const token = `${intToIp(network)}/${prefix}`
      if (!specs.some((s) => s.token === token)) specs.push({kind: 'cidr', token, network, prefix})
    }
  }
  return {specs, skipped}
}

async function resolveAll(specs: Array<Extract<TargetSpec, {kind: 'fqdn'}>>, resolver: Resolver) {
  const names = [...new Set(specs.map((s) => s.name))]
  const results = await Promise.allSettled(names.map((name) => resolver(name)))
  return names.map((name, i) => {
    const r = results[i]
    const addresses =
      r.status === 'fulfilled'
        ? [...new Set(r.value)].filter(isIPv4) // drops IPv6: the scan is IPv4
        : []
    if (addresses.length === 0) {
      const why =
        r.status === 'rejected'
          ? `: ${(r.reason as {code?: string; message?: string})?.code ?? (r.reason as Error)?.message}`
          : ' to an IPv4 address'
      throw new TargetError(name, 'could not be resolved', {
        message: `Invalid target "${name}": could not be resolved${why}`,
        cause: r.status === 'rejected' ? r.reason : undefined,
      })
    }
    return {name, addresses: addresses.sort((a, b) => ipToInt(a) - ipToInt(b))}
  })
}

/**
 * Validates and expands targets. All parsing, name resolution and the size check happen here, before the
 * plan is returned; iterating `hosts` afterwards only does arithmetic.
 */
export async function planTargets(opts: PlanOptions): Promise<TargetPlan> {
  const {force = false, maxWithoutForce = 65536, resolver = defaultResolver} = opts
  const include = opts.include.map(parseTarget)
  const exclude = (opts.exclude ?? []).map(parseTarget)
  const local = opts.local ? localSpecs((opts.localInterfaces ?? hostInterfaces)(), force) : {specs: [], skipped: []}
  if (include.length === 0 && local.specs.length === 0) {
    const why = opts.local ? 'no usable local IPv4 subnet was found' : 'no targets were given'
    throw new TargetError('', why, {message: `No targets: ${why}`})
  }

  const isFqdn = (s: TargetSpec): s is Extract<TargetSpec, {kind: 'fqdn'}> => s.kind === 'fqdn'
  const fqdns = await resolveAll(include.filter(isFqdn), resolver)
  const excludedNames = await resolveAll(exclude.filter(isFqdn), resolver)
  const asIntervals = (list: typeof fqdns): Interval[] => list.flatMap((f) => f.addresses.map((a): Interval => [ipToInt(a), ipToInt(a)]))

  const isAddress = (s: TargetSpec): s is AddressSpec => s.kind !== 'fqdn'
  const inc = streamsOf([...include.filter(isAddress), ...local.specs], asIntervals(fqdns), 'include')
  const exc = streamsOf(exclude.filter(isAddress), asIntervals(excludedNames), 'exclude')
  const intervals: Iterable<Interval> = {[Symbol.iterator]: () => subtract(inc(), exc())}

  // One spec and no excludes (`*.*.*.*`, `10.0.0.0/8`) is counted arithmetically; anything else streams its
  // merged intervals once (about 1.5 s for the 16M intervals of `*.*.*.*` mixed with other specs).
  const only = [...include.filter(isAddress), ...local.specs]
  let count = 0
  if (only.length === 1 && fqdns.length === 0 && exclude.length === 0) count = specCount(only[0])
  else for (const [lo, hi] of intervals) count += hi - lo + 1
  if (count > maxWithoutForce && !force) {
    const fmt = (n: number) => n.toLocaleString('en-US')
    throw new TargetError(opts.include.join(' '), 'too many addresses', {
      message: `The targets expand to ${fmt(count)} addresses, more than ${fmt(maxWithoutForce)}; pass --force to scan them all`,
    })
  }

  const addresses = {
    *[Symbol.iterator]() {
      for (const [lo, hi] of intervals) for (let n = lo; n <= hi; n++) yield n
    },
  }
  return {
    addresses,
    count,
    intervals,
    hosts: {
      *[Symbol.iterator]() {
        for (const n of addresses) yield intToIp(n)
      },
    },
    fqdns,
    localSubnets: local.specs.map((s) => s.token),
    skipped: local.skipped,
  }
}
