// Discovery sweep benchmark: `lcs printers discover` against sandbox printers on the loopback.
//   node bench/discovery.mjs [a|b|c|d|all]      (default: all)
//   a  /24, 254 printers, --timeout 1 --retries 1
//   b  /20 (127.21.0.0/20), 256 printers: 16 sandboxes, one per /24, 16 printers each (.1–.16),
//      so every /24 of the sweep holds printers; same --timeout 1 --retries 1 as (a)
//   c  /16 (127.22.0.0/16, --force), 254 printers on its first 254 addresses, every discover flag at
//      its default (rate, timeout, retries, concurrency); run once normally and once under
//      `ulimit -n 1024` (asserting no EMFILE)
//   d  the /24 of (a) through nmap (-sU --script snmp-sysdescr), against lcs on the same sandbox; then
//      the same on port 161 when the sandbox may bind it
// Wall time is measured around the spawned `node bin/run.js …` process (as a user runs it); peak RSS
// is /usr/bin/time's %M (ru_maxrss of the child), else the last VmHWM polled from /proc/<pid>/status.
// Exit 1 if a scenario found the wrong printers, 2 if the benchmark itself failed. Only loopback
// (127.0.0.0/8) is ever addressed; nmap gets -n because reverse DNS would query the system resolver.
// Env: BENCH_SNMP_PORT picks the simulated printers' UDP (and web-service TCP) port; default random
// in 20000–31999, outside the ephemeral range, so other people's concurrent sandboxes rarely collide.
import {spawn, spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

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
  const [file, argv] = GNU_TIME ? [GNU_TIME, ['-o', rssFile, '-f', '%M', cmd, ...args]] : [cmd, args]
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint()
    const child = spawn(file, argv, {detached: true, env, stdio: ['ignore', 'pipe', 'pipe']})
    running.add(child.pid)
    const out = []
    const err = []
    let hwm = 0
    child.stdout.on('data', (b) => out.push(b))
    child.stderr.on('data', (b) => err.push(b))
    const poll = GNU_TIME ? null : setInterval(() => {
      try {
        hwm = Math.max(hwm, Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]))
      } catch { /* exited between polls */ }
    }, 20)
    const killer = setTimeout(() => {
      try { process.kill(-child.pid, 'SIGKILL') } catch { /* already gone */ }
    }, timeoutMs)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6
      clearTimeout(killer)
      clearInterval(poll)
      running.delete(child.pid)
      if (signal) return reject(new Error(`${cmd} ${args.join(' ')}: killed (${signal}) after ${(ms / 1000).toFixed(1)} s`))
      // /usr/bin/time writes a "Command exited with non-zero status" line first when the exit code isn't 0.
      const rssKB = GNU_TIME ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) || null : hwm || null
      resolve({code, ms, rssKB, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString()})
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
      stopped = spawnSync(process.execPath, [bin, 'sandbox', 'stop', '--data', sb.dir], {env, stdio: 'ignore', timeout: 30_000}).status === 0
    }
    if (stopped || !sb.pid) continue
    try {
      if (readFileSync(`/proc/${sb.pid}/cmdline`, 'utf8').includes(sb.dir)) process.kill(sb.pid, 'SIGTERM')
    } catch { /* already gone */ }
  }
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    for (const pid of running) try { process.kill(-pid, 'SIGKILL') } catch { /* already gone */ }
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
    const port = fixedPort ?? (Number(process.env.BENCH_SNMP_PORT) || 20_000 + Math.floor(Math.random() * 12_000))
    const settled = await Promise.allSettled(specs.map(async ({subnet, printers}, i) => {
      const sb = {dir: join(tmp, `sandbox-${dirCount++}`)}
      started.push(sb)
      const r = await lcs(['sandbox', 'start', '--detach', '--port', '0', '--data', sb.dir, '--json', '--printers', String(printers), '--subnet', subnet,
        '--seed', String(1000 + i), '--snmp-port', String(port), '--no-mdns', ...(hasEws ? ['--ews-port', String(port)] : [])])
      if (r.code !== 0) throw new Error(`sandbox start --subnet ${subnet} --snmp-port ${port}: ${r.stderr.trim()}`)
      const info = JSON.parse(r.stdout)
      sb.pid = info.pid
      return info
    }))
    const failure = settled.find((s) => s.status === 'rejected')
    if (!failure) {
      const printers = settled.flatMap((s) => s.value.printers)
      if (new Set(printers.map((p) => p.serialNumber)).size !== printers.length) throw new Error('the sandboxes generated duplicate serial numbers; change the seeds')
      return {port, printers}
    }
    stopSandboxes()
    if (attempt >= 3 || fixedPort || process.env.BENCH_SNMP_PORT) throw failure.reason
  }
}

// A printer counts as identified when discover reports its address with the sandbox's serial and vendor.
function check(expected, stdout) {
  const rows = JSON.parse(stdout)
  const byAddr = new Map(rows.map((r) => [r.address, r]))
  const missing = expected.filter((p) => byAddr.get(p.address)?.serialNumber !== p.serialNumber || byAddr.get(p.address)?.vendor !== p.vendor)
  return {found: expected.length - missing.length, missing: missing.map((p) => p.address), extra: rows.length - (expected.length - missing.length)}
}

const results = []
let wrong = false
const secs = (ms) => (ms / 1000).toFixed(2)
const mb = (kb) => (kb ? (kb / 1024).toFixed(0) : '?')

// Runs discover, checks it found exactly the expected printers and records a row of the table.
async function discover(label, targets, port, expected, extra = [], {timeoutMs = 120_000, ulimit} = {}) {
  const args = ['printers', 'discover', ...targets, '--snmp-port', String(port), '--json', '--no-mdns', ...extra]
  const cmd = ulimit ? ['bash', ['-c', `ulimit -n ${ulimit} && exec "$0" "$@"`, process.execPath, bin, ...args]] : [process.execPath, [bin, ...args]]
  const r = await run(cmd[0], cmd[1], {timeoutMs})
  const emfile = /EMFILE/.test(r.stderr)
  const c = r.code === 0 ? check(expected, r.stdout) : {found: 0, missing: expected.map((p) => p.address), extra: 0}
  const ok = r.code === 0 && !emfile && c.missing.length === 0
  if (!ok) wrong = true
  const summary = r.stderr.trim().split('\n').at(-1) // discover's own "N printers found, M addresses probed in T s."
  results.push({label, found: `${c.found}/${expected.length}`, wall: secs(r.ms), rss: mb(r.rssKB), ok: ok ? 'ok' : 'WRONG', note: summary})
  console.log(`  $ ${ulimit ? `ulimit -n ${ulimit} && ` : ''}node bin/run.js ${args.join(' ')}\n    exit ${r.code}, ${secs(r.ms)} s, peak RSS ${mb(r.rssKB)} MB, ${c.found}/${expected.length} identified${c.extra ? `, ${c.extra} other rows` : ''}${emfile ? ', EMFILE on stderr' : ''} — ${summary}`)
  if (c.missing.length) console.log(`    missing/wrong: ${c.missing.slice(0, 10).join(' ')}${c.missing.length > 10 ? ' …' : ''}`)
  if (r.code !== 0 && r.stderr) console.log(`    stderr: ${r.stderr.trim().slice(0, 500)}`)
  return r.ms
}

// nmap: counts hosts of the expected set whose report carries a snmp-sysdescr result.
async function nmap(label, args, expected, lcsMs) {
  const r = await run('nmap', args, {timeoutMs: 900_000})
  const want = new Set(expected.map((p) => p.address))
  const ids = r.stdout.split(/^Nmap scan report for /m).slice(1).filter((b) => want.has(b.split(/\s/)[0]) && /snmp-sysdescr: \S/.test(b)).length
  results.push({label, found: `${ids}/${expected.length}`, wall: secs(r.ms), rss: mb(r.rssKB), ok: 'n/a', note: `nmap/lcs time ${(r.ms / lcsMs).toFixed(1)}×`})
  console.log(`  $ nmap ${args.join(' ')}\n    exit ${r.code}, ${secs(r.ms)} s, peak RSS ${mb(r.rssKB)} MB, ${ids}/${expected.length} sysDescr results; nmap_time / lcs_time = ${(r.ms / lcsMs).toFixed(2)}`)
}

const FAST = ['--timeout', '1', '--retries', '1']
const scenarios = {
  async a() {
    const {port, printers} = await startSandboxes([{subnet: '127.20.0.0/24', printers: 254}])
    await discover('a  /24, 254 printers', ['127.20.0.0/24'], port, printers, FAST)
  },
  async b() {
    const specs = Array.from({length: 16}, (_x, i) => ({subnet: `127.21.${i}.0/24`, printers: 16}))
    const {port, printers} = await startSandboxes(specs)
    await discover('b  /20, 256 printers (16×16)', ['127.21.0.0/20'], port, printers, FAST)
  },
  async c() {
    // With the defaults this is concurrency-bound, not rate-bound: each silent address holds one of
    // the 1024 slots for timeout × (retries + 1) = 4 s, so ≈ 256 addresses/s, ≈ 256 s for a /16.
    const {port, printers} = await startSandboxes([{subnet: '127.22.0.0/16', printers: 254}])
    await discover('c  /16, 254 printers, defaults', ['127.22.0.0/16'], port, printers, ['--force'], {timeoutMs: 600_000})
    await discover('c  same, ulimit -n 1024', ['127.22.0.0/16'], port, printers, ['--force'], {timeoutMs: 600_000, ulimit: 1024})
  },
  async d() {
    if (!hasNmap) return console.log('  nmap not installed: skipped (apt-get install -y nmap)')
    const {port, printers} = await startSandboxes([{subnet: '127.20.0.0/24', printers: 254}])
    const lcsMs = await discover('d  lcs, port P', ['127.20.0.0/24'], port, printers, FAST)
    // snmp-sysdescr's portrule only accepts port 161 or a port nmap already knows as "snmp", so on
    // another port it never runs unless forced with "+" (or -sV, which took >600 s here). nmap also
    // has no SNMP payload for a non-standard port: its probes go unanswered (open|filtered) until timeout.
    const base = ['-n', '-sU', '-p', String(port), '--script', '+snmp-sysdescr', '127.20.0.0/24']
    await nmap('d  nmap defaults, port P, +script', base, printers, lcsMs)
    await nmap('d  nmap -T4 --min-rate 1000, port P', [...base, '-T4', '--min-rate', '1000'], printers, lcsMs)
    // The realistic case: printers on 161, where nmap sends a real SNMP probe. Binding 161 needs root
    // (or a low net.ipv4.ip_unprivileged_port_start); skipped when the sandbox cannot.
    stopSandboxes()
    let fleet161
    try {
      fleet161 = await startSandboxes([{subnet: '127.20.0.0/24', printers: 254}], 161)
    } catch (error) {
      return console.log(`  port 161 variant skipped: ${error.message.split('\n')[0]}`)
    }
    const lcs161 = await discover('d  lcs, port 161', ['127.20.0.0/24'], 161, fleet161.printers, FAST)
    const base161 = ['-n', '-sU', '-p', '161', '--script', 'snmp-sysdescr', '127.20.0.0/24']
    await nmap('d  nmap defaults, port 161', base161, fleet161.printers, lcs161)
    await nmap('d  nmap -T4 --min-rate 1000, port 161', [...base161, '-T4', '--min-rate', '1000'], fleet161.printers, lcs161)
  },
}

const pick = process.argv[2] ?? 'all'
const chosen = pick === 'all' ? Object.keys(scenarios) : pick.split(',')
if (!chosen.every((s) => s in scenarios)) {
  console.error('usage: node bench/discovery.mjs [a|b|c|d|all]')
  process.exit(2)
}
console.log(`peak RSS via ${GNU_TIME ? '/usr/bin/time %M' : '/proc/<pid>/status VmHWM (polled every 20 ms)'}; node ${process.version}`)
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

const cols = [['scenario', 'label'], ['identified', 'found'], ['wall s', 'wall'], ['peak RSS MB', 'rss'], ['result', 'ok'], ['note', 'note']]
const width = cols.map(([h, k]) => Math.max(h.length, ...results.map((r) => String(r[k]).length)))
const line = (cells) => cells.map((c, i) => String(c).padEnd(width[i])).join('  ').trimEnd()
console.log(`\n${line(cols.map(([h]) => h))}\n${line(width.map((w) => '-'.repeat(w)))}`)
for (const r of results) console.log(line(cols.map(([, k]) => r[k])))
process.exit(failed ? 2 : wrong ? 1 : 0)
