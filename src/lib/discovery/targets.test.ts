// Pure parsing/expansion tests: no packet is sent. FQDNs go through a fake resolver and local interfaces are
// injected; addresses below are only strings.
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {TargetError, intToIp, ipToInt, parseTarget, planTargets, readTargetFile, type LocalInterface, type Resolver} from './targets.js'

const fakeDns: Record<string, string[]> = {
  'printer.example.com': ['10.20.15.27'],
  'dual.example.com': ['fe80::1', '10.20.16.5', '10.20.16.5'],
  'v6only.example.com': ['fe80::2'],
}
const resolver: Resolver = async (host) => {
  const r = fakeDns[host]
  if (!r) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), {code: 'ENOTFOUND'})
  return r
}
const all = (it: Iterable<string>) => [...it]
const first = (it: Iterable<string>, n: number) => {
  const out: string[] = []
  for (const h of it) if (out.push(h) >= n) break
  return out
}
const rejectsWith = (p: Promise<unknown>, rule: string | RegExp) =>
  assert.rejects(p, (e: unknown) => e instanceof TargetError && (typeof rule === 'string' ? e.rule === rule : rule.test(e.message)))

test('ipToInt / intToIp round-trip', () => {
  assert.equal(ipToInt('0.0.0.0'), 0)
  assert.equal(ipToInt('255.255.255.255'), 0xffffffff)
  assert.equal(ipToInt('10.20.15.27'), 0x0a140f1b)
  assert.equal(intToIp(0xffffffff), '255.255.255.255')
  assert.equal(intToIp(ipToInt('192.168.1.200')), '192.168.1.200')
  assert.throws(() => intToIp(2 ** 32), RangeError)
  assert.throws(() => intToIp(-1), RangeError)
})

test('parseTarget: every format', () => {
  assert.deepEqual(parseTarget(' 10.20.15.27 '), {kind: 'ipv4', token: '10.20.15.27', address: ipToInt('10.20.15.27')})
  assert.deepEqual(parseTarget('10.20.15.*'), {kind: 'wildcard', token: '10.20.15.*', octets: [10, 20, 15, '*']})
  assert.deepEqual(parseTarget('10.20.*.*'), {kind: 'wildcard', token: '10.20.*.*', octets: [10, 20, '*', '*']})
  assert.deepEqual(parseTarget('10.20.**'), {kind: 'wildcard', token: '10.20.**', octets: [10, 20, '*', '*']}) // the rollout guide's spelling
  assert.deepEqual(parseTarget('10.**'), {kind: 'wildcard', token: '10.**', octets: [10, '*', '*', '*']})
  assert.deepEqual(parseTarget('10.20.15.0/24'), {kind: 'cidr', token: '10.20.15.0/24', network: ipToInt('10.20.15.0'), prefix: 24})
  assert.deepEqual(parseTarget('10.20.15.27/24'), {kind: 'cidr', token: '10.20.15.27/24', network: ipToInt('10.20.15.0'), prefix: 24})
  assert.deepEqual(parseTarget('10.20.15.3-10.20.15.34'), {
    kind: 'range',
    token: '10.20.15.3-10.20.15.34',
    start: ipToInt('10.20.15.3'),
    end: ipToInt('10.20.15.34'),
  })
  assert.deepEqual(parseTarget('10.20.15.3-34'), {
    kind: 'range',
    token: '10.20.15.3-34',
    start: ipToInt('10.20.15.3'),
    end: ipToInt('10.20.15.34'),
  })
  assert.deepEqual(parseTarget('10.20.15.3-16.4'), {
    kind: 'range',
    token: '10.20.15.3-16.4',
    start: ipToInt('10.20.15.3'),
    end: ipToInt('10.20.16.4'),
  })
  assert.deepEqual(parseTarget('Printer-01.Example.com.'), {kind: 'fqdn', token: 'Printer-01.Example.com.', name: 'printer-01.example.com'})
  assert.equal(parseTarget('lexmark1').kind, 'fqdn')
})

test('parseTarget: bad input names the token and the rule', () => {
  const cases: Array<[string, string]> = [
    ['10.20.300.1', 'Invalid target "10.20.300.1": octet 300 is out of range 0–255'],
    ['10.20.15.9-10.20.15.1', 'Invalid target "10.20.15.9-10.20.15.1": range end is before its start'],
    ['10.20.15.9-1', 'Invalid target "10.20.15.9-1": range end is before its start'],
    ['10.0.0.0/33', 'Invalid target "10.0.0.0/33": prefix length must be 0–32'],
    ['10.0.0.0/', 'Invalid target "10.0.0.0/": prefix length must be 0–32'],
    ['1.2.3', 'Invalid target "1.2.3": expected 4 octets, got 3'],
    ['1.2.3.4.5', 'Invalid target "1.2.3.4.5": expected 4 octets, got 5'],
    ['', 'Invalid target "": the target is empty'],
    ['   ', 'Invalid target "": the target is empty'],
    ['foo..bar', 'Invalid target "foo..bar": a hostname label is empty'],
    ['-1.2.3.4', 'Invalid target "-1.2.3.4": the range start is missing'],
    ['1.2.3.4-', 'Invalid target "1.2.3.4-": the range end is missing'],
    ['1.2..4', 'Invalid target "1.2..4": an octet is empty'],
    ['10.020.1.1', 'Invalid target "10.020.1.1": octet "020" has a leading zero (ambiguous: octal or decimal)'],
    ['10.*.1.0/24', 'Invalid target "10.*.1.0/24": a CIDR block takes a plain address before "/"'],
    ['10.20.15.*-40', 'Invalid target "10.20.15.*-40": a range takes plain addresses, not wildcards'],
    ['1.2.3.4-5-6', 'Invalid target "1.2.3.4-5-6": a range has exactly one "-"'],
    ['-printer.example.com', 'Invalid target "-printer.example.com": hostname label "-printer" starts or ends with "-"'],
    ['print_er.example.com', 'Invalid target "print_er.example.com": hostname label "print_er" may only contain letters, digits and "-"'],
    ['foo.123', 'Invalid target "foo.123": not an IPv4 address, and a hostname cannot end in an all-digit label'],
    ['fe80::1', 'Invalid target "fe80::1": IPv6 targets are not supported'],
    [`${'a'.repeat(64)}.com`, `Invalid target "${'a'.repeat(64)}.com": hostname label "${'a'.repeat(64)}" is longer than 63 characters`],
  ]
  for (const [token, message] of cases) {
    assert.throws(
      () => parseTarget(token),
      (e: unknown) => e instanceof TargetError && e.message === message && e.token === token.trim(),
      token,
    )
  }
})

test('wildcards: host octet is 1–254, other octets 0–255', async () => {
  const p = await planTargets({include: ['10.20.15.*']})
  assert.equal(p.count, 254)
  const hosts = all(p.hosts)
  assert.equal(hosts[0], '10.20.15.1')
  assert.equal(hosts.at(-1), '10.20.15.254')

  const q = await planTargets({include: ['10.20.*.*']})
  assert.equal(q.count, 256 * 254)
  assert.deepEqual(first(q.hosts, 3), ['10.20.0.1', '10.20.0.2', '10.20.0.3'])
  assert.ok(!all(q.hosts).some((h) => h.endsWith('.0') || h.endsWith('.255')))

  // A wildcard in the middle: one address per /24.
  const r = await planTargets({include: ['10.*.15.1']})
  assert.equal(r.count, 256)
  assert.deepEqual(first(r.hosts, 2), ['10.0.15.1', '10.1.15.1'])
})

test('CIDR: network and broadcast excluded except /31 and /32', async () => {
  assert.deepEqual(all((await planTargets({include: ['10.20.15.0/30']})).hosts), ['10.20.15.1', '10.20.15.2'])
  assert.deepEqual(all((await planTargets({include: ['10.20.15.4/31']})).hosts), ['10.20.15.4', '10.20.15.5'])
  assert.deepEqual(all((await planTargets({include: ['10.20.15.9/32']})).hosts), ['10.20.15.9'])
  assert.equal((await planTargets({include: ['10.20.15.0/24']})).count, 254)
})

test('ranges are literal, inclusive, short form works', async () => {
  const p = await planTargets({include: ['10.20.15.3-10.20.15.34']})
  assert.equal(p.count, 32)
  const q = await planTargets({include: ['10.20.15.254-16.1']})
  assert.deepEqual(all(q.hosts), ['10.20.15.254', '10.20.15.255', '10.20.16.0', '10.20.16.1'])
})

test('overlaps deduplicate in numeric order; excludes are removed', async () => {
  const p = await planTargets({
    include: ['10.20.15.30', '10.20.15.3-10.20.15.34', '10.20.15.0/27', '10.20.15.9', '10.20.14.250'],
    exclude: ['10.20.15.10-12', '10.20.15.34'],
  })
  const hosts = all(p.hosts)
  assert.equal(p.count, hosts.length)
  assert.equal(new Set(hosts).size, hosts.length)
  assert.deepEqual(hosts.slice(0, 4), ['10.20.14.250', '10.20.15.1', '10.20.15.2', '10.20.15.3'])
  assert.ok(!hosts.includes('10.20.15.11') && !hosts.includes('10.20.15.34'))
  assert.ok(hosts.includes('10.20.15.9') && hosts.includes('10.20.15.33'))
  assert.equal(p.count, 1 + 33 - 3) // .1–.34 minus .10–.12 and .34
  const sorted = [...hosts].sort((a, b) => ipToInt(a) - ipToInt(b))
  assert.deepEqual(hosts, sorted)
})

test('excludes are never narrower: wildcard and CIDR excludes cover .0 and .255', async () => {
  const p = await planTargets({include: ['10.20.14.250-10.20.16.2'], exclude: ['10.20.15.*']})
  assert.deepEqual(all(p.hosts), [
    '10.20.14.250',
    '10.20.14.251',
    '10.20.14.252',
    '10.20.14.253',
    '10.20.14.254',
    '10.20.14.255',
    '10.20.16.0',
    '10.20.16.1',
    '10.20.16.2',
  ])
  const q = await planTargets({include: ['10.20.15.0-10.20.15.255'], exclude: ['10.20.15.0/25']})
  assert.equal(q.count, 128)
  assert.equal(first(q.hosts, 1)[0], '10.20.15.128')
  // One exclude spanning several include intervals.
  const r = await planTargets({include: ['10.0.0.5', '10.0.1.5', '10.0.9.5'], exclude: ['10.0.0.0-10.0.1.255']})
  assert.deepEqual(all(r.hosts), ['10.0.9.5'])
  // Excluding everything is a plan of zero, not an error.
  assert.equal((await planTargets({include: ['10.0.0.1'], exclude: ['10.0.0.0/8']})).count, 0)
})

test('a /8 and 10.*.*.* are counted and iterated lazily', async () => {
  const p = await planTargets({include: ['10.0.0.0/8'], force: true})
  assert.equal(p.count, 2 ** 24 - 2)
  assert.deepEqual(first(p.hosts, 3), ['10.0.0.1', '10.0.0.2', '10.0.0.3'])
  assert.deepEqual([...p.intervals], [[ipToInt('10.0.0.1'), ipToInt('10.255.255.254')]])

  // 65,536 intervals of 254 each, streamed; excludes force the streaming count path.
  const q = await planTargets({include: ['10.*.*.*', '10.0.0.77'], exclude: ['10.0.0.2'], force: true})
  assert.equal(q.count, 256 * 256 * 254 - 1)
  assert.deepEqual(first(q.hosts, 3), ['10.0.0.1', '10.0.0.3', '10.0.0.4'])
  assert.deepEqual(first(q.hosts, 1), ['10.0.0.1'], 'hosts is re-iterable')
  let n = 0
  for (const [lo, hi] of q.intervals) if (((n += hi - lo + 1), lo === ipToInt('10.0.1.1'))) break
  assert.equal(n, 253 + 254)
})

test('too many addresses needs --force and reports the count', async () => {
  await assert.rejects(
    planTargets({include: ['*.*.*.*']}),
    (e: unknown) =>
      e instanceof TargetError && e.rule === 'too many addresses' && e.message.includes('4,261,412,864') && e.message.includes('--force'),
  )
  await assert.rejects(planTargets({include: ['10.20.0.0/15']}), /131,070 addresses, more than 65,536/)
  await assert.rejects(planTargets({include: ['10.20.15.0/24'], maxWithoutForce: 100}), /254 addresses, more than 100/)
  assert.equal((await planTargets({include: ['10.20.0.0/16']})).count, 65534)
  assert.equal((await planTargets({include: ['*.*.*.*'], force: true})).count, 256 ** 3 * 254)
})

test('bad tokens fail the whole plan before anything is returned', async () => {
  let asked = 0
  const counting: Resolver = async (h) => (asked++, resolver(h))
  await rejectsWith(planTargets({include: ['printer.example.com', '10.20.300.1'], resolver: counting}), 'octet 300 is out of range 0–255')
  await rejectsWith(planTargets({include: ['10.0.0.1'], exclude: ['1.2.3'], resolver: counting}), 'expected 4 octets, got 3')
  assert.equal(asked, 0, 'syntax is checked before any name is resolved')
  await rejectsWith(planTargets({include: []}), /No targets: no targets were given/)
})

test('FQDNs resolve through the injected resolver', async () => {
  const p = await planTargets({include: ['printer.example.com', 'DUAL.example.com', '10.20.15.27', '10.20.15.26'], resolver})
  assert.deepEqual(all(p.hosts), ['10.20.15.26', '10.20.15.27', '10.20.16.5'])
  assert.deepEqual(p.fqdns, [
    {name: 'printer.example.com', addresses: ['10.20.15.27']},
    {name: 'dual.example.com', addresses: ['10.20.16.5']},
  ])
  const q = await planTargets({include: ['10.20.15.20-30'], exclude: ['printer.example.com'], resolver})
  assert.equal(q.count, 10)
  assert.ok(!all(q.hosts).includes('10.20.15.27'))

  await assert.rejects(
    planTargets({include: ['nowhere.example.com'], resolver}),
    (e: unknown) =>
      e instanceof TargetError &&
      e.rule === 'could not be resolved' &&
      e.token === 'nowhere.example.com' &&
      e.message === 'Invalid target "nowhere.example.com": could not be resolved: ENOTFOUND',
  )
  await assert.rejects(
    planTargets({include: ['v6only.example.com'], resolver}),
    /"v6only.example.com": could not be resolved to an IPv4 address/,
  )
})

test('local: non-internal IPv4 subnets, skipping link-local and (unless forced) wider than /16', async () => {
  const nics: LocalInterface[] = [
    {address: '127.0.0.1', netmask: '255.0.0.0', internal: true, family: 'IPv4'},
    {address: 'fe80::1', netmask: 'ffff:ffff:ffff:ffff::', internal: false, family: 'IPv6'},
    {address: '192.168.7.23', netmask: '255.255.255.0', internal: false, family: 'IPv4'},
    {address: '192.168.7.99', netmask: '255.255.255.0', internal: false, family: 'IPv4'},
    {address: '169.254.3.4', netmask: '255.255.0.0', internal: false, family: 'IPv4'},
    {address: '10.9.8.7', netmask: '255.0.0.0', internal: false, family: 'IPv4'},
    {address: '172.16.5.5', netmask: '255.255.255.252', internal: false, family: 'IPv4'},
  ]
  const p = await planTargets({include: [], local: true, localInterfaces: () => nics})
  assert.deepEqual(p.localSubnets, ['192.168.7.0/24', '172.16.5.4/30'])
  assert.equal(p.count, 254 + 2)
  assert.deepEqual(first(p.hosts, 3), ['172.16.5.5', '172.16.5.6', '192.168.7.1'])
  assert.deepEqual(
    p.skipped.map((s) => s.subnet),
    ['169.254.3.4/16', '10.9.8.7/8'],
  )
  assert.match(p.skipped[1].reason, /--force/)

  const forced = await planTargets({
    include: ['192.168.7.5'],
    exclude: ['192.168.7.0/24'],
    local: true,
    force: true,
    localInterfaces: () => nics,
  })
  assert.deepEqual(forced.localSubnets, ['192.168.7.0/24', '10.0.0.0/8', '172.16.5.4/30'])
  assert.equal(forced.count, 2 ** 24 - 2 + 2)

  await rejectsWith(planTargets({include: [], local: true, localInterfaces: () => nics.slice(0, 2)}), /no usable local IPv4 subnet/)
})

test('readTargetFile: comments, blanks, separators, file:line errors, empty file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lcs-targets-'))
  try {
    const good = join(dir, 'targets.txt')
    await writeFile(
      good,
      '\uFEFF# office printers\r\n10.20.15.27\n\n  10.20.16.*, 10.20.17.0/24 # floor 2\nprinter.example.com 10.20.15.3-34\n#10.0.0.0/8\n',
    )
    assert.deepEqual(await readTargetFile(good), ['10.20.15.27', '10.20.16.*', '10.20.17.0/24', 'printer.example.com', '10.20.15.3-34'])

    const bad = join(dir, 'bad.txt')
    await writeFile(bad, '10.20.15.1\n# ok\n10.20.15.2, 10.20.300.1\n')
    await assert.rejects(
      readTargetFile(bad),
      (e: unknown) =>
        e instanceof TargetError &&
        e.file === bad &&
        e.line === 3 &&
        e.token === '10.20.300.1' &&
        e.message === `${bad}:3: Invalid target "10.20.300.1": octet 300 is out of range 0–255`,
    )

    const empty = join(dir, 'empty.txt')
    await writeFile(empty, '# nothing here\n\n   \n')
    await assert.rejects(
      readTargetFile(empty),
      (e: unknown) => e instanceof TargetError && e.rule === 'contains no targets' && e.message.includes(empty),
    )
    await assert.rejects(readTargetFile(join(dir, 'missing.txt')), /Cannot read target file ".*missing.txt"/)
  } finally {
    await rm(dir, {recursive: true, force: true})
  }
})
