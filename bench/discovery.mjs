// Discovery sweep benchmark: `lcs printers discover` against sandbox printers, side by side with nmap.
//   node bench/discovery.mjs [a|b|c|d|all]      (default: all)
//   a  /24 with 254 printers, every discover flag at its default; then nmap -n -sU -p 161 --script
//      snmp-sysdescr on the same range (targets: lcs ≤ 0.6 s and ≤ 2 × nmap)
//   b  /24 with 10 printers, defaults (target ≤ timeout × tries + 0.5 s = 4.5 s)
//   c  /16 (--force) with 254 printers, defaults (targets ≤ 15 s, ≤ 150 MB), then --rate 40000 --bandwidth 3000000
//      (≤ 10 s); also under `ulimit -n 1024` (no EMFILE)
//   d  /20 with 256 printers: 16 sandboxes, one per /24, 16 printers each
// The benchmark re-runs itself in a private network namespace (`unshare -rn`, lo up) when it can: port 161
// is free there for the simulated printers (nmap sends its SNMP payload only to 161), nobody else's
// traffic is counted, and the datagram counter of /proc/net/snmp (Udp OutDatagrams, per namespace) is
// sampled every 0.5 s while lcs runs: the busiest 0.5-s window must stay ≤ 1.2 × the configured rate
// (the sandbox's answers count too, so the check errs on the strict side).
// Wall time is measured around the spawned `node bin/run.js …` process (as a user runs it); peak RSS
// is /usr/bin/time's %M (ru_maxrss of the child), else the last VmHWM polled from /proc/<pid>/status;
// CPU time (user + system, /usr/bin/time only) is the figure to compare on a busy machine.
// Exit 1 if a scenario found the wrong printers, 2 if the benchmark itself failed. Only loopback
// (127.0.0.0/8) is ever addressed; nmap gets -n because reverse DNS would query the system resolver.
// Env: BENCH_SNMP_PORT picks the simulated printers' UDP (and web-service TCP) port; default 161 in the
// namespace, else random in 20000–31999 (outside the ephemeral range, so other sandboxes rarely collide).
import {spawn, spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

// Into a private network namespace first (see above); BENCH_NO_NETNS=1 runs on the host's loopback.
if (
  !process.env.BENCH_IN_NETNS &&
  !process.env.BENCH_NO_NETNS &&
  process.platform === 'linux' &&
  spawnSync('unshare', ['-rn', 'true']).status === 0
) {
  const r = spawnSync(
    'unshare',
    ['-rn', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {env: {...process.env, BENCH_IN_NETNS: '1'}, stdio: 'inherit'},
  )
  process.exit(r.status ?? 2)
}
const inNetns = Boolean(process.env.BENCH_IN_NETNS)

const bin = fileURLToPath(new URL('../bin/run.js', import.meta.url))
const tmp = mkdtempSync(join(tmpdir(), 'lcs-bench-discovery-'))
const env = {...process.env, LCS_CONFIG_DIR: join(tmp, 'config'), LCS_NO_KEYCHAIN: '1'}
// Inherited settings would change what discover does (another community, a cloud to check against).
for (const k of ['LCS_API_URL', 'LCS_ORG', 'LCS_PROFILE', 'LCS_REGION', 'LCS_SNMP_COMMUNITY', 'LCS_DEBUG']) delete env[k]
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null
const hasNmap = spawnSync('nmap', ['--version']).status === 0
// Newer sandboxes also serve each printer's web service on a TCP port (default 16180, shared with any
// other sandbox on those addresses, such as the demo's), so give it the benchmark's port too.
const hasEws = spawnSync(process.execPath, [bin, 'sandbox', 'start', '--help'], {encoding: 'utf8', env}).stdout.includes('--ews-port')

const running = new Set() // process groups of the commands under way, killed on SIGINT/SIGTERM
// Runs a command in its own process group (so a timeout kills it and any child), returning its
// output, exit code, wall time and peak RSS.
function runOnce(cmd, args, {timeoutMs}) {
  const rssFile = join(tmp, `rss-${process.hrtime.bigint()}`)
  const [file, argv] = GNU_TIME ? [GNU_TIME, ['-o', rssFile, '-f', '%M %U %S', cmd, ...args]] : [cmd, args]
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint()
    const child = spawn(file, argv, {detached: true, env, stdio: ['ignore', 'pipe', 'pipe']})
    running.add(child.pid)
    const out = []
    const err = []
    let hwm = 0
    child.stdout.on('data', (b) => out.push(b))
    child.stderr.on('data', (b) => err.push(b))
    const poll = GNU_TIME
      ? null
      : setInterval(() => {
          try {
            hwm = Math.max(hwm, Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]))
          } catch {
            /* exited between polls */
          }
        }, 20)
    const killer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        /* already gone */
      }
    }, timeoutMs)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6
      clearTimeout(killer)
      clearInterval(poll)
      running.delete(child.pid)
      if (signal) return reject(new Error(`${cmd} ${args.join(' ')}: killed (${signal}) after ${(ms / 1000).toFixed(1)} s`))
      // /usr/bin/time writes a "Command exited with non-zero status" line first when the exit code isn't 0.
      const [rss, user, sys] = GNU_TIME ? readFileSync(rssFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number) : []
      const rssKB = GNU_TIME ? rss || null : hwm || null
      const cpuS = GNU_TIME && Number.isFinite(user + sys) ? user + sys : null
      resolve({code, cpuS, ms, rssKB, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString()})
    })
  })
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
// `npm run build` (run by others while this runs) deletes dist/ for a few seconds; a command that
// could not load it is retried rather than counted as a result.
async function run(cmd, args, opts) {
  for (let i = 0; ; i++) {
    const r = await runOnce(cmd, args, opts)
    if (r.code === 0 || !/Cannot find module|MODULE_NOT_FOUND/.test(r.stderr) || i >= 12) return r
    await sleep(5000)
  }
}

const lcs = (args, timeoutMs = 120_000) => run(process.execPath, [bin, ...args], {timeoutMs})

// Sandboxes: every data dir is recorded before starting, and stopSandboxes() runs after each
// scenario, in a finally and on SIGINT/SIGTERM, so no detached sandbox outlives the benchmark.
// `sandbox stop` is retried while dist/ is being rebuilt; if it still fails, the pid the sandbox
// reported at start is killed (only if that process is still the sandbox of this data dir).
const started = [] // {dir, pid}
function stopSandboxes() {
  for (const sb of started.splice(0)) {
    let stopped = false
    for (let i = 0; i < 12 && !stopped; i++) {
      if (i) spawnSync('sleep', ['5'])
      stopped =
        spawnSync(process.execPath, [bin, 'sandbox', 'stop', '--data', sb.dir], {env, stdio: 'ignore', timeout: 30_000}).status === 0
    }
    if (stopped || !sb.pid) continue
    try {
      if (readFileSync(`/proc/${sb.pid}/cmdline`, 'utf8').includes(sb.dir)) process.kill(sb.pid, 'SIGTERM')
    } catch {
      /* already gone */
    }
  }
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    for (const pid of running)
      try {
        process.kill(-pid, 'SIGKILL')
      } catch {
        /* already gone */
      }
    stopSandboxes()
    rmSync(tmp, {recursive: true, force: true})
    process.exit(130)
  })
}

let dirCount = 0
// Starts one sandbox per subnet ({subnet, printers}), all on one SNMP port, each with its own seed:
// discover merges rows by serial number, and sandboxes with the same seed generate the same serials.
// On failure (most likely the port is taken on those addresses) stops them all, once every start
// has settled, and tries another port. Returns the port and the printers.
async function startSandboxes(specs, fixedPort) {
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (Number(process.env.BENCH_SNMP_PORT) || (inNetns ? 161 : 20_000 + Math.floor(Math.random() * 12_000)))
    const settled = await Promise.allSettled(
      specs.map(async ({subnet, printers}, i) => {
        const sb = {dir: join(tmp, `sandbox-${dirCount++}`)}
        started.push(sb)
        const r = await lcs([
          'sandbox',
          'start',
          '--detach',
          '--port',
          '0',
          '--data',
          sb.dir,
          '--json',
          '--printers',
          String(printers),
          '--subnet',
          subnet,
          '--seed',
          String(1000 + i),
          '--snmp-port',
          String(port),
          '--no-mdns',
          ...(hasEws ? ['--ews-port', String(port)] : []),
        ])
        if (r.code !== 0) throw new Error(`sandbox start --subnet ${subnet} --snmp-port ${port}: ${r.stderr.trim()}`)
        const info = JSON.parse(r.stdout)
        sb.pid = info.pid
        return info
      }),
    )
    const failure = settled.find((s) => s.status === 'rejected')
    if (!failure) {
      const printers = settled.flatMap((s) => s.value.printers)
      if (new Set(printers.map((p) => p.serialNumber)).size !== printers.length)
        throw new Error('the sandboxes generated duplicate serial numbers; change the seeds')
      return {port, printers}
    }
    stopSandboxes()
    if (attempt >= 3 || fixedPort || process.env.BENCH_SNMP_PORT || inNetns) throw failure.reason
  }
}

// A printer counts as identified when discover reports its address with the sandbox's serial and vendor.
function check(expected, stdout) {
  const rows = JSON.parse(stdout)
  const byAddr = new Map(rows.map((r) => [r.address, r]))
  const missing = expected.filter(
    (p) => byAddr.get(p.address)?.serialNumber !== p.serialNumber || byAddr.get(p.address)?.vendor !== p.vendor,
  )
  return {
    found: expected.length - missing.length,
    missing: missing.map((p) => p.address),
    extra: rows.length - (expected.length - missing.length),
  }
}

const results = []
let wrong = false
const secs = (ms) => (ms / 1000).toFixed(2)
const mb = (kb) => (kb ? (kb / 1024).toFixed(0) : '?')
const cpu = (s) => (s === null ? '?' : s.toFixed(2))

// UDP datagrams sent in this network namespace so far (/proc/net/snmp, "Udp:" header and value lines).
function udpOut() {
  const [head, values] = readFileSync('/proc/net/snmp', 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('Udp:'))
    .map((l) => l.trim().split(/\s+/))
  return Number(values[head.indexOf('OutDatagrams')])
}
const PROBE_WIRE_BYTES = 43 + 28 // the v2c probe with community "public", plus IPv4 and UDP headers

// Runs discover, checks it found exactly the expected printers and records a row of the table: wall time,
// peak RSS, the busiest 0.5-s window of datagrams against the configured rate, and the target, if any.
async function discover(label, targets, port, expected, extra = [], {timeoutMs = 120_000, ulimit, maxS, maxMB} = {}) {
  const args = ['printers', 'discover', ...targets, '--snmp-port', String(port), '--json', '--no-mdns', ...extra]
  const cmd = ulimit
    ? ['bash', ['-c', `ulimit -n ${ulimit} && exec "$0" "$@"`, process.execPath, bin, ...args]]
    : [process.execPath, [bin, ...args]]
  const flag = (name, dflt) => (extra.includes(name) ? Number(extra[extra.indexOf(name) + 1]) : dflt)
  const limit = Math.min(flag('--rate', 20_000), flag('--bandwidth', 1_000_000) / PROBE_WIRE_BYTES)
  let peak = 0
  let prev = inNetns ? udpOut() : 0
  const sampler = inNetns
    ? setInterval(() => {
        const now = udpOut()
        peak = Math.max(peak, now - prev)
        prev = now
      }, 500)
    : null
  const r = await run(cmd[0], cmd[1], {timeoutMs})
  if (sampler) clearInterval(sampler)
  const emfile = /EMFILE/.test(r.stderr)
  const c = r.code === 0 ? check(expected, r.stdout) : {found: 0, missing: expected.map((p) => p.address), extra: 0}
  const wire = inNetns ? peak * 2 <= 1.2 * limit : true
  const inTarget = (maxS === undefined || r.ms <= maxS * 1000) && (maxMB === undefined || (r.rssKB ?? 0) <= maxMB * 1024)
  const ok = r.code === 0 && !emfile && c.missing.length === 0 && wire
  if (!ok) wrong = true
  const summary = r.stderr.trim().split('\n').at(-1) // discover's own "N printers found, M addresses probed in T s."
  const rate = inNetns ? `peak ${peak * 2}/s (limit ${Math.round(limit)}/s${wire ? '' : ', EXCEEDED'})` : 'rate not sampled (no namespace)'
  const target = [maxS === undefined ? '' : `≤ ${maxS} s`, maxMB === undefined ? '' : `≤ ${maxMB} MB`].filter(Boolean).join(', ')
  results.push({
    label,
    found: `${c.found}/${expected.length}`,
    wall: secs(r.ms),
    cpu: cpu(r.cpuS),
    rss: mb(r.rssKB),
    ok: ok ? 'ok' : 'WRONG',
    target: target ? `${target}: ${inTarget ? 'met' : 'MISSED'}` : '',
    note: rate,
  })
  console.log(
    `  $ ${ulimit ? `ulimit -n ${ulimit} && ` : ''}node bin/run.js ${args.join(' ')}\n    exit ${r.code}, ${secs(r.ms)} s, CPU ${cpu(r.cpuS)} s, peak RSS ${mb(r.rssKB)} MB, ${c.found}/${expected.length} identified${c.extra ? `, ${c.extra} other rows` : ''}${emfile ? ', EMFILE on stderr' : ''}; ${rate} — ${summary}`,
  )
  if (c.missing.length) console.log(`    missing/wrong: ${c.missing.slice(0, 10).join(' ')}${c.missing.length > 10 ? ' …' : ''}`)
  if (r.code !== 0 && r.stderr) console.log(`    stderr: ${r.stderr.trim().slice(0, 500)}`)
  return r.ms
}

// nmap: counts hosts of the expected set whose report carries a snmp-sysdescr result.
async function nmap(label, args, expected, lcsMs) {
  const r = await run('nmap', args, {timeoutMs: 900_000})
  const want = new Set(expected.map((p) => p.address))
  const ids = r.stdout
    .split(/^Nmap scan report for /m)
    .slice(1)
    .filter((b) => want.has(b.split(/\s/)[0]) && /snmp-sysdescr: \S/.test(b)).length
  results.push({
    label,
    found: `${ids}/${expected.length}`,
    wall: secs(r.ms),
    cpu: cpu(r.cpuS),
    rss: mb(r.rssKB),
    ok: 'n/a',
    target: '',
    note: `lcs/nmap time ${(lcsMs / r.ms).toFixed(2)}`,
  })
  console.log(
    `  $ nmap ${args.join(' ')}\n    exit ${r.code}, ${secs(r.ms)} s, CPU ${cpu(r.cpuS)} s, peak RSS ${mb(r.rssKB)} MB, ${ids}/${expected.length} sysDescr results; lcs_time / nmap_time = ${(lcsMs / r.ms).toFixed(2)}`,
  )
  return r.ms
}

const scenarios = {
  async a() {
    const {port, printers} = await startSandboxes([{subnet: '127.20.0.0/24', printers: 254}])
    const lcsMs = await discover('a  /24, 254 printers, defaults', ['127.20.0.0/24'], port, printers, [], {maxS: 0.6})
    if (!hasNmap) return console.log('  nmap not installed: skipped (apt-get install -y nmap)')
    // snmp-sysdescr's portrule only accepts port 161 or a port nmap knows as "snmp": elsewhere it must be
    // forced with "+", and nmap has no SNMP payload for the port (its probes go unanswered until timeout).
    const script = port === 161 ? 'snmp-sysdescr' : '+snmp-sysdescr'
    const nmapMs = await nmap(
      `a  nmap -n -sU -p ${port === 161 ? 161 : 'P'} --script ${script}`,
      ['-n', '-sU', '-p', String(port), '--script', script, '127.20.0.0/24'],
      printers,
      lcsMs,
    )
    const ratio = lcsMs / nmapMs
    results.push({
      label: 'a  lcs / nmap',
      found: '',
      wall: ratio.toFixed(2),
      cpu: '',
      rss: '',
      ok: ratio <= 2 ? 'ok' : 'WRONG',
      target: `≤ 2: ${ratio <= 2 ? 'met' : 'MISSED'}`,
      note: 'same range, same run',
    })
  },
  async b() {
    const {port, printers} = await startSandboxes([{subnet: '127.20.0.0/24', printers: 10}])
    await discover('b  /24, 10 printers, defaults', ['127.20.0.0/24'], port, printers, [], {maxS: 2 * 2 + 0.5})
  },
  async c() {
    const {port, printers} = await startSandboxes([{subnet: '127.22.0.0/16', printers: 254}])
    await discover('c  /16, 254 printers, defaults', ['127.22.0.0/16'], port, printers, ['--force'], {
      maxS: 15,
      maxMB: 150,
      timeoutMs: 600_000,
    })
    await discover(
      'c  same, --rate 40000 --bandwidth 3000000',
      ['127.22.0.0/16'],
      port,
      printers,
      ['--force', '--rate', '40000', '--bandwidth', '3000000'],
      {maxS: 10, maxMB: 150, timeoutMs: 600_000},
    )
    await discover('c  defaults, ulimit -n 1024', ['127.22.0.0/16'], port, printers, ['--force'], {timeoutMs: 600_000, ulimit: 1024})
  },
  async d() {
    const specs = Array.from({length: 16}, (_x, i) => ({subnet: `127.21.${i}.0/24`, printers: 16}))
    const {port, printers} = await startSandboxes(specs)
    await discover('d  /20, 256 printers (16×16)', ['127.21.0.0/20'], port, printers)
  },
}

const pick = process.argv[2] ?? 'all'
const chosen = pick === 'all' ? Object.keys(scenarios) : pick.split(',')
if (!chosen.every((s) => s in scenarios)) {
  console.error('usage: node bench/discovery.mjs [a|b|c|d|all]')
  process.exit(2)
}
console.log(
  `peak RSS via ${GNU_TIME ? '/usr/bin/time %M' : '/proc/<pid>/status VmHWM (polled every 20 ms)'}; node ${process.version}; ${inNetns ? 'in a private network namespace' : 'on the host loopback'}`,
)
let failed = false
try {
  for (const s of chosen) {
    console.log(`(${s})`)
    try {
      await scenarios[s]()
    } finally {
      stopSandboxes()
    }
  }
} catch (error) {
  console.error(`benchmark failed: ${error.message}`)
  failed = true
} finally {
  stopSandboxes()
  rmSync(tmp, {recursive: true, force: true})
}

const cols = [
  ['scenario', 'label'],
  ['identified', 'found'],
  ['wall s', 'wall'],
  ['CPU s', 'cpu'],
  ['peak RSS MB', 'rss'],
  ['result', 'ok'],
  ['target', 'target'],
  ['note', 'note'],
]
const width = cols.map(([h, k]) => Math.max(h.length, ...results.map((r) => String(r[k]).length)))
const line = (cells) =>
  cells
    .map((c, i) => String(c).padEnd(width[i]))
    .join('  ')
    .trimEnd()
console.log(`\n${line(cols.map(([h]) => h))}\n${line(width.map((w) => '-'.repeat(w)))}`)
for (const r of results) console.log(line(cols.map(([, k]) => r[k])))
process.exit(failed ? 2 : wrong ? 1 : 0)
