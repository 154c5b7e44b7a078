// The discovery flags shared by `printers discover` and `printers meters`, and their translation into
// DiscoverOptions (SNMP secrets from environment or stdin, validated before any packet is sent).
import {Args, Flags} from '@oclif/core'

import type {DiscoverOptions, DiscoverProgress, SnmpV3User} from '../discovery/index.js'
import {LcsError} from '../errors.js'
import {registerSecret} from '../redact.js'
import {Progress} from './progress.js'
import {readSecretFromStdin} from './stdin.js'

export const discoveryArgs = {
  targets: Args.string({
    ignoreStdin: true,
    description: 'IPs, wildcards (10.1.2.*), CIDR (10.1.2.0/24), ranges (10.1.2.3-10.1.2.34) or host names.',
  }),
}

export const discoveryFlags = {
  community: Flags.string({
    description:
      'SNMP v1/v2c community. Other users see it in `ps` and it stays in shell history (a warning says so): prefer env LCS_SNMP_COMMUNITY or --community-stdin. Default: public.',
    helpGroup: 'SNMP',
  }),
  'community-stdin': Flags.boolean({
    description: 'Read the SNMP v1/v2c community from stdin (its first line).',
    exclusive: ['community', 'v3-keys-stdin'],
    helpGroup: 'SNMP',
  }),
  bandwidth: Flags.integer({
    description: 'Most bytes per second on the wire, IP and UDP headers included (the other limit beside --rate). Default 1000000.',
    helpGroup: 'SNMP',
    min: 1000,
    max: 1_000_000_000,
  }),
  concurrency: Flags.integer({description: 'Answering hosts identified at once. Default 256.', helpGroup: 'SNMP', min: 1, max: 65_536}),
  'discovery-timeout': Flags.integer({
    description:
      'Stop the whole discovery after this many seconds (1–600) and report what was found by then (PET\'s "Timeout for printer discovery"). Default: none.',
    helpGroup: 'SNMP',
    min: 1,
    max: 600,
  }),
  exclude: Flags.string({description: 'Targets to leave out (same formats); repeatable.', multiple: true}),
  file: Flags.file({description: 'File of targets, one per line (# comments); repeatable.', exists: true, multiple: true}),
  force: Flags.boolean({description: 'Allow more than 65,536 addresses.'}),
  ipp: Flags.boolean({
    description:
      'Ask IPP (Get-Printer-Attributes) of the targets that do not answer SNMP: printers with SNMP off. mDNS-found IPP printers are always asked.',
    helpGroup: 'IPP',
  }),
  'ipp-port': Flags.integer({description: 'TCP port of the IPP service for --ipp.', default: 631, helpGroup: 'IPP', min: 1, max: 65_535}),
  local: Flags.boolean({description: "Search the local network: the subnets of this machine's interfaces (mDNS included)."}),
  mdns: Flags.boolean({description: 'Browse mDNS first (default with --local or without targets).', allowNo: true, helpGroup: 'MDNS'}),
  'mdns-interface': Flags.string({
    description: 'IPv4 address of an interface to browse mDNS on; repeatable. Default: every non-loopback interface.',
    helpGroup: 'MDNS',
    multiple: true,
  }),
  'mdns-only': Flags.boolean({description: 'Only browse mDNS, no SNMP sweep.', helpGroup: 'MDNS'}),
  rate: Flags.integer({
    description: 'Most SNMP datagrams per second, retries included (be gentle on slow links). Default 20000.',
    helpGroup: 'SNMP',
    min: 1,
    max: 100_000,
  }),
  retries: Flags.integer({description: 'SNMP retries per host (0–20).', default: 1, helpGroup: 'SNMP', min: 0, max: 20}),
  'snmp-port': Flags.integer({description: 'UDP port of the SNMP agents.', default: 161, helpGroup: 'SNMP', min: 1, max: 65_535}),
  'snmp-version': Flags.string({description: 'SNMP version.', default: '2c', helpGroup: 'SNMP', options: ['1', '2c', '3']}),
  timeout: Flags.string({description: 'Per-try SNMP timeout in seconds (0.05–60; fractions allowed).', default: '2', helpGroup: 'SNMP'}),
  'v3-auth-protocol': Flags.string({
    description: 'SNMPv3 authentication protocol.',
    helpGroup: 'SNMPV3',
    options: ['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512'],
  }),
  'v3-keys-stdin': Flags.boolean({
    description: 'Read the SNMPv3 auth key (line 1) and privacy key (line 2) from stdin. Else env LCS_SNMP_AUTH_KEY / LCS_SNMP_PRIV_KEY.',
    helpGroup: 'SNMPV3',
  }),
  'v3-level': Flags.string({
    description: 'SNMPv3 security level.',
    default: 'authPriv',
    helpGroup: 'SNMPV3',
    options: ['noAuthNoPriv', 'authNoPriv', 'authPriv'],
  }),
  'v3-priv-protocol': Flags.string({
    description: 'SNMPv3 privacy protocol.',
    helpGroup: 'SNMPV3',
    options: ['des', 'aes', 'aes256b', 'aes256r'],
  }),
  'v3-user': Flags.string({description: 'SNMPv3 user name (with --snmp-version 3).', helpGroup: 'SNMPV3'}),
}

export type DiscoveryFlagValues = {
  bandwidth?: number
  community?: string
  'community-stdin'?: boolean
  concurrency?: number
  'discovery-timeout'?: number
  ipp?: boolean
  'ipp-port'?: number
  exclude?: string[]
  file?: string[]
  force: boolean
  local: boolean
  mdns?: boolean
  'mdns-interface'?: string[]
  'mdns-only': boolean
  rate?: number
  retries: number
  'snmp-port': number
  'snmp-version': string
  timeout: string
  'v3-auth-protocol'?: string
  'v3-keys-stdin': boolean
  'v3-level': string
  'v3-priv-protocol'?: string
  'v3-user'?: string
}

/** The discovery's options from its flags; `warn` gets what the user should know (a secret in argv). */
export async function discoveryOptions(
  flags: DiscoveryFlagValues,
  targets: string[],
  warn: (message: string) => void,
): Promise<DiscoverOptions> {
  const timeout = Number(flags.timeout)
  if (!Number.isFinite(timeout) || timeout < 0.05 || timeout > 60)
    throw new LcsError('usage', `--timeout ${flags.timeout}: seconds between 0.05 and 60.`)
  const community = await snmpCommunity(flags, warn)
  const v3 = flags['snmp-version'] === '3' ? await v3User(flags) : undefined
  const searchLocal = flags.local || (targets.length === 0 && !flags.file?.length)
  return {
    deadlineMs: flags['discovery-timeout'] === undefined ? undefined : flags['discovery-timeout'] * 1000,
    exclude: flags.exclude,
    files: flags.file,
    ipp: flags.ipp,
    ippPort: flags['ipp-port'],
    force: flags.force,
    local: searchLocal,
    mdns: flags['mdns-only'] ? 'only' : (flags.mdns ?? searchLocal),
    mdnsInterfaces: flags['mdns-interface'],
    snmp: {
      bandwidth: flags.bandwidth,
      community,
      concurrency: flags.concurrency,
      port: flags['snmp-port'],
      rate: flags.rate,
      retries: flags.retries,
      timeoutMs: Math.round(timeout * 1000),
      v3,
      version: flags['snmp-version'] as '1' | '2c' | '3',
    },
    targets,
  }
}

/**
 * The SNMP community: --community-stdin, else --community (kept for scripts that pass it, with a
 * warning unless it is the well-known "public"), else LCS_SNMP_COMMUNITY, else "public".
 */
async function snmpCommunity(flags: DiscoveryFlagValues, warn: (message: string) => void): Promise<string> {
  if (flags['community-stdin']) return readSecretFromStdin('the SNMP community')
  if (flags.community !== undefined && flags.community !== 'public')
    warn('--community puts the SNMP community where other users see it (ps, shell history): use LCS_SNMP_COMMUNITY or --community-stdin.')
  const community = flags.community ?? process.env.LCS_SNMP_COMMUNITY ?? 'public'
  if (community !== 'public') registerSecret(community)
  return community
}

/** SNMPv3 keys: --v3-keys-stdin (auth key line 1, privacy key line 2), else LCS_SNMP_AUTH_KEY / LCS_SNMP_PRIV_KEY. */
export async function snmpV3Keys(fromStdin: boolean, env: NodeJS.ProcessEnv = process.env): Promise<{authKey?: string; privKey?: string}> {
  let authKey = env.LCS_SNMP_AUTH_KEY
  let privKey = env.LCS_SNMP_PRIV_KEY
  if (fromStdin) {
    const lines = (await readSecretFromStdin('the SNMPv3 keys', undefined, 2)).split(/\r?\n/)
    authKey = lines[0] || authKey
    privKey = lines[1] || privKey
  }
  for (const k of [authKey, privKey]) registerSecret(k)
  return {authKey, privKey}
}

async function v3User(flags: DiscoveryFlagValues): Promise<SnmpV3User> {
  const name = flags['v3-user']
  if (!name) throw new LcsError('usage', '--snmp-version 3 needs --v3-user.')
  const level = flags['v3-level']
  const {authKey, privKey} = await snmpV3Keys(flags['v3-keys-stdin'])
  if (level !== 'noAuthNoPriv' && !authKey)
    throw new LcsError(
      'usage',
      `SNMPv3 user "${name}" at ${level} needs an authentication key: set LCS_SNMP_AUTH_KEY or pass --v3-keys-stdin.`,
    )
  if (level === 'authPriv' && !privKey)
    throw new LcsError(
      'usage',
      `SNMPv3 user "${name}" at authPriv needs a privacy key: set LCS_SNMP_PRIV_KEY or pass --v3-keys-stdin (second line).`,
    )
  for (const [k, v] of [
    ['authentication', authKey],
    ['privacy', privKey],
  ] as const) {
    if (v !== undefined && level !== 'noAuthNoPriv' && v.length < 8)
      throw new LcsError('usage', `The SNMPv3 ${k} key must be at least 8 characters (RFC 3414).`)
  }
  return {
    authKey: level === 'noAuthNoPriv' ? undefined : authKey,
    authProtocol: flags['v3-auth-protocol'] as SnmpV3User['authProtocol'],
    name,
    privKey: level === 'authPriv' ? privKey : undefined,
    privProtocol: flags['v3-priv-protocol'] as SnmpV3User['privProtocol'],
  }
}

/**
 * The progress line of a sweep: redrawn every 250 ms, with an ETA from the measured probe rate (first tries
 * per second so far) plus the last tries' timeout, not from finished hosts (those lag by the timeout).
 */
export function sweepProgress(label: string, opts: DiscoverOptions): {stop(): void} {
  const progress = new Progress(label)
  const tries = (opts.snmp?.retries ?? 1) + 1
  const timeoutS = (opts.snmp?.timeoutMs ?? 2000) / 1000
  let last: DiscoverProgress | undefined
  let firstSend: number | undefined
  let lastSend = 0
  const chain = opts.onProgress
  opts.onProgress = (p) => {
    chain?.(p)
    if (p.sent > 0 && (last?.sent ?? 0) < p.sent) {
      firstSend ??= Date.now()
      lastSend = Date.now()
    }
    last = p
  }
  const draw = (): void => {
    if (!last) return
    if (last.phase === 'mdns') return progress.update('mDNS browse')
    const now = Date.now()
    let eta: number | undefined
    if (firstSend !== undefined && last.sent < last.total && now > firstSend)
      eta = (last.total - last.sent) / (last.sent / ((now - firstSend) / 1000)) + timeoutS * tries
    else if (firstSend !== undefined) eta = Math.max(0, (lastSend - now) / 1000 + timeoutS * tries)
    progress.update(`SNMP ${last.sent}/${last.total} probed · ${last.found} answered`, undefined, undefined, eta)
  }
  const timer = setInterval(draw, 250)
  timer.unref()
  return {
    stop() {
      clearInterval(timer)
      progress.done()
    },
  }
}
