// Enrollment wall time: a sandbox with 254 simulated printers (mixed models, one in five secured, some
// clocks off), then `lcs printers enroll 127.20.0.0/24 --all-eligible` with the default concurrency,
// spawned as a user runs it; then a second run, which must enroll nothing new. Loopback only.
//   node bench/enroll.mjs
import {spawnSync} from 'node:child_process'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {bin, lcsRunner} from './lib.mjs'

const data = mkdtempSync(join(tmpdir(), 'lcs-bench-enroll-'))
const env = {...process.env, LCS_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'lcs-bench-cfg-')), LCS_NO_KEYCHAIN: '1', NO_COLOR: '1'}
const SNMP = 16_261
const EWS = 16_262

const lcs = lcsRunner(env)

const count = (rows) => rows.reduce((c, r) => ({...c, [r.result]: (c[r.result] ?? 0) + 1}), {})
try {
  const sb = JSON.parse(
    (
      await lcs([
        'sandbox',
        'start',
        '--detach',
        '--port',
        '0',
        '--data',
        data,
        '--json',
        '--printers',
        '254',
        '--subnet',
        '127.20.0.0/24',
        '--snmp-port',
        String(SNMP),
        '--ews-port',
        String(EWS),
        '--no-mdns',
      ])
    ).out,
  )
  Object.assign(env, {LCS_API_URL: sb.apiUrl, LCS_CLIENT_ID: sb.clientId, LCS_CLIENT_SECRET: sb.clientSecret})
  const args = [
    'printers',
    'enroll',
    '127.20.0.0/24',
    '--all-eligible',
    '--snmp-port',
    String(SNMP),
    '--ews-port',
    String(EWS),
    '--ews-user',
    'admin',
    '--ews-password-stdin',
    '--json',
  ]
  const first = await lcs(args, 'sandbox-ews')
  const second = await lcs(args, 'sandbox-ews')
  const a = count(JSON.parse(first.out))
  const b = count(JSON.parse(second.out))
  console.log(`254 printers, default concurrency (32)`)
  console.log(`first run   ${(first.ms / 1000).toFixed(1)} s  ${JSON.stringify(a)}  (target ≤ 60 s)`)
  console.log(`second run  ${(second.ms / 1000).toFixed(1)} s  ${JSON.stringify(b)}  (must enroll nothing new)`)
  process.exitCode = (a.failed ?? 0) === 0 && (b.enrolled ?? 0) === 0 && first.ms <= 60_000 ? 0 : 1
} finally {
  spawnSync(process.execPath, [bin, 'sandbox', 'stop', '--data', data], {env})
}
