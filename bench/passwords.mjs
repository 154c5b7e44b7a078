// Sandbox password hashing benchmark (run `npm run build` first): importing 10,000 users that each have a
// password into a fresh sandbox, against the target ≤ 10 s. Starts its own sandbox (--port 0, temporary
// data) and stops it. Exits 1 when the target is missed.
//   node bench/passwords.mjs [users=10000]
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {lcsRunner} from './lib.mjs'

const USERS = Number(process.argv[2] ?? 10_000)
const work = mkdtempSync(join(tmpdir(), 'lcs-bench-passwords-'))
const baseEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LCS_'))),
  LCS_CONFIG_DIR: join(work, 'config'),
  LCS_NO_KEYCHAIN: '1',
  NO_COLOR: '1',
}
const data = join(work, 'sandbox')
const lcs = lcsRunner(baseEnv)
const sb = JSON.parse((await lcs(['sandbox', 'start', '--detach', '--port', '0', '--data', data, '--json'])).out)
try {
  const env = {...baseEnv, LCS_API_URL: sb.apiUrl, LCS_CLIENT_ID: sb.clientId, LCS_CLIENT_SECRET: sb.clientSecret}
  const file = join(work, 'users.csv')
  const rows = Array.from(
    {length: USERS},
    (_, i) => `user${String(i).padStart(6, '0')}@bench.example,CREATE,Passw0rd-${i},First${i},Last${i},,,,,`,
  )
  writeFileSync(
    file,
    ['EMAIL,OPERATION,PASSWORD,FIRST_NAME,LAST_NAME,DISPLAY_NAME,DEPARTMENT,COST_CENTER,GROUPS,PIN', ...rows].join('\n') + '\n',
  )
  const r = await lcsRunner(env)(['users', 'import', file, '--json'])
  const s = r.ms / 1000
  console.log(`${s <= 10 ? 'ok  ' : 'MISS'} ${USERS} users with passwords imported into the sandbox: ${s.toFixed(1)} s (target ≤ 10 s)`)
  process.exitCode = s <= 10 && r.code === 0 ? 0 : 1
} finally {
  await lcs(['sandbox', 'stop', '--data', data])
  rmSync(work, {force: true, recursive: true})
}
