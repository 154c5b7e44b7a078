// Helpers for end-to-end tests: run bin/run.js as a user would, with an isolated config directory.
import {spawn} from 'node:child_process'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import type {MpsContactItem} from '../../src/lib/cloud/index.js'

export const BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url))

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
}

export function tempDir(prefix = 'lcs-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

/** Environment for a test: its own config dir, no keychain, no colour, no inherited LCS_* credentials. */
export function isolatedEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {...process.env}
  for (const k of Object.keys(env)) if (k.startsWith('LCS_')) delete env[k]
  return {...env, LCS_CONFIG_DIR: tempDir('lcs-cfg-'), LCS_NO_KEYCHAIN: '1', LCS_MAX_RETRIES: env.LCS_MAX_RETRIES, NO_COLOR: '1', ...extra}
}

/** Runs a program to its end, collecting its output; killed (and rejected) after timeoutMs. */
export function runProgram(
  cmd: string,
  args: string[],
  opts: {env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number; cwd?: string} = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {cwd: opts.cwd, env: opts.env, stdio: ['pipe', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${cmd} ${args.join(' ')} timed out\nstdout: ${stdout}\nstderr: ${stderr}`))
    }, opts.timeoutMs ?? 30_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({code, stderr, stdout})
    })
    child.stdin.end(opts.input ?? '')
  })
}

export function run(args: string[], opts: {env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number} = {}): Promise<RunResult> {
  return runProgram(process.execPath, [BIN, ...args], {...opts, env: opts.env ?? isolatedEnv()})
}

export interface SandboxJson {
  apiUrl: string
  clientId: string
  clientSecret: string
  adminEmail: string
  adminPassword: string
  orgId: string
  pid: number
  dataDir: string
}

/** Starts a detached sandbox on a free port; returns its --json description. */
export async function startSandbox(extra: string[] = [], env = isolatedEnv()): Promise<SandboxJson> {
  const data = tempDir('lcs-sbx-')
  const r = await run(['sandbox', 'start', '--detach', '--port', '0', '--data', data, '--json', ...extra], {env})
  if (r.code !== 0) throw new Error(`sandbox start failed: ${r.stderr}`)
  return JSON.parse(r.stdout) as SandboxJson
}

export async function stopSandbox(sb: SandboxJson): Promise<void> {
  await run(['sandbox', 'stop', '--data', sb.dataDir])
}

/** An isolated environment reaching a sandbox with its client credentials (nothing is stored). */
export function sandboxEnv(sb: SandboxJson): NodeJS.ProcessEnv {
  return isolatedEnv({LCS_API_URL: sb.apiUrl, LCS_CLIENT_ID: sb.clientId, LCS_CLIENT_SECRET: sb.clientSecret})
}

/** `lcs ARGS --json` with its stdout parsed as `body` ({} when there is none). */
export async function runJson(args: string[], env: NodeJS.ProcessEnv): Promise<RunResult & {body: ReturnType<typeof JSON.parse>}> {
  const r = await run([...args, '--json'], {env, timeoutMs: 60_000})
  return {...r, body: JSON.parse(r.stdout || '{}')}
}

/** A simulated printer, as `sandbox start --json` describes it. */
export interface SimPrinter {
  address: string
  serialNumber: string
  ews: {secured: boolean; capability: string} | null
}

/** A sandbox with `count` simulated printers on `subnet`: SNMP on `snmpPort`, web services on the next port, no mDNS. */
export async function startFleetSandbox(
  count: number,
  subnet: string,
  snmpPort: number,
  seed = 11,
): Promise<SandboxJson & {printers: SimPrinter[]}> {
  const args = ['--printers', String(count), '--subnet', subnet, '--snmp-port', String(snmpPort), '--ews-port', String(snmpPort + 1)]
  return (await startSandbox([...args, '--no-mdns', '--seed', String(seed)])) as SandboxJson & {printers: SimPrinter[]}
}

/** A supplies delivery contact that passes the import's rules (MPS Express tests). */
export const SUPPLIES_CONTACT: MpsContactItem = {
  addressLine1: '1 Main St',
  businessName: 'Contoso Retail',
  city: 'Lexington',
  country: 'US',
  countryCode: '1',
  email: 'dana@contoso.example',
  firstName: 'Dana',
  lastName: 'Reyes',
  phone: '555 0100',
  postalCode: '40507',
}

/** The `mps contacts create|update` flags that give a contact these fields (addressLine1 → --address-line-1). */
export function contactFlags(c: Partial<MpsContactItem>): string[] {
  return Object.entries(c)
    .filter(([, v]) => v !== undefined)
    .flatMap(([k, v]) => [`--${k.replace(/[A-Z]|\d+/g, (m) => `-${m.toLowerCase()}`)}`, String(v)])
}
