// Import benchmark (run `npm run build` first). Three figures, each against its target:
//   1. validating a 100,000-row badge file (lcs badges import --validate-only): time ≤ 5 s, peak RSS ≤ 200 MB;
//   2. importing 10,000 users into a sandbox: ≤ 20 s;
//   3. the same 10,000 users into a sandbox started with --faults error=0.1,429=0.05, the import killed
//      (SIGKILL) mid-run and continued with --resume: the cloud then holds exactly the file's users.
// Starts its own sandboxes (--port 0, temporary data) and stops them. Exits 1 when a target is missed.
//   node bench/import.mjs [users=10000] [badges=100000]
import {spawn, spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

const USERS = Number(process.argv[2] ?? 10_000)
const BADGES = Number(process.argv[3] ?? 100_000)
const bin = fileURLToPath(new URL('../bin/run.js', import.meta.url))
const work = mkdtempSync(join(tmpdir(), 'lcs-bench-import-'))
// the child reports its own peak RSS (getrusage ru_maxrss) as it exits
const PEAK = `data:text/javascript,process.on("exit",()=>process.stderr.write("\\nmaxrss-kb "+process.resourceUsage().maxRSS+"\\n"))`
const baseEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LCS_'))),
  LCS_CONFIG_DIR: join(work, 'config'),
  LCS_NO_KEYCHAIN: '1',
  NO_COLOR: '1',
}

function lcs(args, env = baseEnv, nodeArgs = []) {
  const t = process.hrtime.bigint()
  const r = spawnSync(process.execPath, [...nodeArgs, bin, ...args], {encoding: 'utf8', env, maxBuffer: 256 * 1024 * 1024})
  return {...r, ms: Number(process.hrtime.bigint() - t) / 1e6}
}

function startSandbox(name, extra = []) {
  const data = join(work, name)
  const r = lcs(['sandbox', 'start', '--detach', '--port', '0', '--data', data, '--json', ...extra])
  if (r.status !== 0) throw new Error(`sandbox start failed: ${r.stderr}`)
  const sb = JSON.parse(r.stdout)
  return {
    ...sb,
    env: {...baseEnv, LCS_API_URL: sb.apiUrl, LCS_CLIENT_ID: sb.clientId, LCS_CLIENT_SECRET: sb.clientSecret},
    stop: () => lcs(['sandbox', 'stop', '--data', data]),
  }
}

function usersFile(path) {
  const header = 'EMAIL,OPERATION,PASSWORD,FIRST_NAME,LAST_NAME,DISPLAY_NAME,DEPARTMENT,COST_CENTER,GROUPS,PIN'
  const rows = Array.from(
    {length: USERS},
    (_, i) =>
      `user${String(i).padStart(6, '0')}@bench.example,CREATE,,First${i},Last${i},"Last${i}, First${i}",Department ${i % 40},CC-${String(i % 300).padStart(4, '0')},Printing;Floor ${i % 12},${String(100_000 + i)}`,
  )
  writeFileSync(path, [header, ...rows].join('\n') + '\n')
  return new Set(rows.map((r) => r.split(',')[0]))
}

/** The e-mail addresses of the users the cloud holds in the organization, with how often each appears. */
function cloudUsers(sb) {
  const r = lcs(['users', 'list', '--json'], sb.env)
  if (r.status !== 0) throw new Error(`users list failed: ${r.stderr}`)
  return JSON.parse(r.stdout)
    .map((u) => u.email)
    .filter((e) => e.endsWith('@bench.example'))
}

const results = []
const check = (name, ok, figure) => {
  results.push({name, ok})
  console.log(`${ok ? 'ok  ' : 'MISS'} ${name}: ${figure}`)
}

const sandboxes = []
try {
  // 1. validation of a 100,000-row badge file
  const badges = join(work, 'badges.csv')
  writeFileSync(
    badges,
    [
      'BADGE,OPERATION,EMAIL,TEMPORARY,PIN',
      ...Array.from(
        {length: BADGES},
        (_, i) =>
          `${(0x100000 + i).toString(16)},CREATE,user${String(i % USERS).padStart(6, '0')}@bench.example,${i % 10 === 0},${i < USERS && i % 3 === 0 ? String(1000 + (i % 9000)) : ''}`,
      ),
    ].join('\n') + '\n',
  )
  lcs(['--version']) // warm the file cache
  const v = lcs(['badges', 'import', badges, '--validate-only', '--json'], baseEnv, ['--import', PEAK])
  if (v.status !== 0) throw new Error(`validation failed: ${v.stderr}`)
  const rssMb = Number(/maxrss-kb (\d+)/.exec(v.stderr)?.[1]) / 1024
  check(
    `validate ${BADGES.toLocaleString('en')} badge rows (${(statSync(badges).size / 1e6).toFixed(1)} MB)`,
    v.ms <= 5000 && rssMb <= 200,
    `${(v.ms / 1000).toFixed(2)} s (≤ 5 s), peak RSS ${rssMb.toFixed(0)} MB (≤ 200 MB)`,
  )

  // 2. 10,000 users into a sandbox
  const clean = startSandbox('clean')
  sandboxes.push(clean)
  const file = join(work, 'users.csv')
  const expected = usersFile(file)
  const imp = lcs(['users', 'import', file, '--json'], clean.env)
  if (imp.status !== 0) throw new Error(`import failed: ${imp.stderr}`)
  const held = cloudUsers(clean)
  check(
    `import ${USERS.toLocaleString('en')} users`,
    imp.ms <= 20_000 && JSON.parse(imp.stdout).created === USERS && held.length === USERS,
    `${(imp.ms / 1000).toFixed(2)} s (≤ 20 s), ${held.length} users in the cloud`,
  )
  const again = lcs(['users', 'import', file, '--json'], clean.env)
  console.log(`     the same file again: ${(again.ms / 1000).toFixed(2)} s, ${JSON.parse(again.stdout).unchanged} unchanged`)

  // 3. faults, SIGKILL mid-run, --resume
  const faulty = startSandbox('faulty', ['--faults', 'error=0.1,429=0.05', '--seed', '42'])
  sandboxes.push(faulty)
  const file2 = join(work, 'users-faulty.csv')
  usersFile(file2)
  const journal = `${file2}.journal`
  const started = Date.now()
  const child = spawn(process.execPath, [bin, 'users', 'import', file2, '--json'], {env: faulty.env, stdio: 'ignore'})
  const exited = new Promise((r) => child.on('exit', (code, signal) => r({code, signal})))
  // kill as soon as the journal holds a chunk or two: the import is then mid-way through applying
  let killed = false
  while (!killed) {
    const done = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5))])
    if (done) break
    if (existsSync(journal) && readFileSync(journal, 'utf8').split('\n').length >= 3) {
      child.kill('SIGKILL')
      killed = true
    }
  }
  const first = await exited
  const before = cloudUsers(faulty).length
  const resumed = lcs(['users', 'import', file2, '--resume', '--json'], faulty.env)
  const total = Date.now() - started
  const summary = JSON.parse(resumed.stdout || '{}')
  const emails = cloudUsers(faulty)
  const heldSet = new Set(emails)
  const missing = [...expected].filter((e) => !heldSet.has(e)).length
  const twice = emails.length - heldSet.size
  const extra = emails.filter((e) => !expected.has(e)).length
  check(
    'faults error=0.1,429=0.05 + SIGKILL + --resume',
    killed &&
      first.signal === 'SIGKILL' &&
      before < USERS &&
      resumed.status === 0 &&
      summary.resumed &&
      missing === 0 &&
      twice === 0 &&
      extra === 0 &&
      emails.length === USERS,
    `killed with ${before} of ${USERS} users applied; --resume exit ${resumed.status}; cloud holds ${emails.length}: ${missing} missing, ${twice} twice, ${extra} extra; ${(total / 1000).toFixed(1)} s in all`,
  )
} finally {
  for (const sb of sandboxes) sb.stop()
  rmSync(work, {force: true, recursive: true})
}
process.exit(results.every((r) => r.ok) ? 0 : 1)
