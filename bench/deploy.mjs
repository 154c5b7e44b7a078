// Deployment wall time: a sandbox with 254 simulated printers, every eligible one enrolled, then
// `lcs configs deploy NAME --all --wait --json` of a configuration with the recommended firmware, two
// apps and two settings files, spawned as a user runs it. Checks that every printer gets a final status
// and that `lcs printers discover` afterwards reports the new firmware of the successful ones over SNMP.
// Loopback only.
//   node bench/deploy.mjs
import {spawnSync} from 'node:child_process'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {bin, lcsRunner} from './lib.mjs'

const fixture = (f) => fileURLToPath(new URL(`../fixtures/${f}`, import.meta.url))
const data = mkdtempSync(join(tmpdir(), 'lcs-bench-deploy-'))
const env = {...process.env, LCS_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'lcs-bench-cfg-')), LCS_NO_KEYCHAIN: '1', NO_COLOR: '1'}
const SNMP = 16_361
const EWS = 16_362
const SUBNET = '127.21.0.0/24'

const lcs = lcsRunner(env)

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
        SUBNET,
        '--snmp-port',
        String(SNMP),
        '--ews-port',
        String(EWS),
        '--no-mdns',
      ])
    ).out,
  )
  Object.assign(env, {LCS_API_URL: sb.apiUrl, LCS_CLIENT_ID: sb.clientId, LCS_CLIENT_SECRET: sb.clientSecret})
  const enrolled = await lcs(
    [
      'printers',
      'enroll',
      SUBNET,
      '--all-eligible',
      '--snmp-port',
      String(SNMP),
      '--ews-port',
      String(EWS),
      '--ews-user',
      'admin',
      '--ews-password-stdin',
      '--json',
    ],
    'sandbox-ews',
  )
  const enrolledCount = JSON.parse(enrolled.out).filter((r) => r.result === 'enrolled').length
  await lcs(['resources', 'upload', fixture('apps/front-desk-kiosk-1.2.0.fls')])
  await lcs(['resources', 'upload', fixture('settings/front-desk.ucf'), '--name', 'Front desk'])
  await lcs(['resources', 'upload', fixture('settings/security-baseline.zip'), '--name', 'Security baseline'])
  await lcs([
    'configs',
    'create',
    'Bench standard',
    '--recommended-firmware',
    '--app',
    'Cloud Print Management',
    '--app',
    'Front Desk Kiosk 1.2.0',
    '--settings',
    'Front desk',
    '--settings',
    'Security baseline',
  ])
  const deploy = await lcs(['configs', 'deploy', 'Bench standard', '--all', '--wait', '--json'])
  const task = JSON.parse(deploy.out)
  const statuses = task.printers.reduce((c, p) => ({...c, [p.status]: (c[p.status] ?? 0) + 1}), {})
  const final = task.printers.every((p) => ['succeeded', 'failed', 'expired'].includes(p.status))
  const discover = await lcs(['printers', 'discover', SUBNET, '--snmp-port', String(SNMP), '--timeout', '1', '--json'])
  const seen = new Map(JSON.parse(discover.out).map((p) => [p.serialNumber, p.firmware]))
  const updated = task.printers.filter((p) => p.status === 'succeeded' && p.firmwareAfter && seen.has(p.serialNumber))
  const shown = updated.filter((p) => seen.get(p.serialNumber) === p.firmwareAfter).length
  console.log(
    `254 simulated printers, ${enrolledCount} enrolled in ${(enrolled.ms / 1000).toFixed(1)} s (+ ${task.printers.length - enrolledCount} seeded, not simulated)`,
  )
  console.log(
    `configs deploy --all --wait  ${(deploy.ms / 1000).toFixed(1)} s  ${task.printers.length} printers: ${JSON.stringify(statuses)}  exit ${deploy.code}  (a final status for every printer: ${final})`,
  )
  console.log(
    `printers discover            ${(discover.ms / 1000).toFixed(1)} s  new firmware over SNMP on ${shown} of ${updated.length} updated simulated printers`,
  )
  process.exitCode = final && shown === updated.length && updated.length > 0 ? 0 : 1
} finally {
  spawnSync(process.execPath, [bin, 'sandbox', 'stop', '--data', data], {env})
}
