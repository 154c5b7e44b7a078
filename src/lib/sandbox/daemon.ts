// Sandbox lifecycle: run in the foreground, or detached in the background with a state file in the
// data directory (./state.ts: pid and URL, and the seed) that `stop`, `status` and `login` read.
import {spawn} from 'node:child_process'
import {chmodSync, closeSync, openSync, readFileSync} from 'node:fs'
import {chmod, mkdir} from 'node:fs/promises'
import {join} from 'node:path'

import {LcsError} from '../errors.js'
import {startHostedAgent, type HostedAgent, type HostedAgentOptions} from './agent-host.js'
import {ActivityEngine} from './activity.js'
import {openDb, seed} from './db.js'
import {DeployEngine} from './deployer.js'
import {parseFaults, seededRandom} from './faults.js'
import {startFleet, type FleetOptions} from './fleet.js'
import {startSandboxServer, type RunningServer} from './server.js'
import {
  acquireLock,
  isRunning,
  processStartTime,
  readSeed,
  readState,
  releaseLock,
  removeState,
  writeSeed,
  writeState,
  type SandboxState,
  type SeedInfo,
} from './state.js'

export interface SandboxOptions {
  dataDir: string
  port: number
  seed?: number
  faults?: string
  tokenTtl?: number
  /** Simulated printers (none when absent or count 0 and no recordings). */
  printers?: Omit<FleetOptions, 'seed' | 'log'>
  /** A simulated Fleet Agent run in this process (./agent-host.ts). */
  fleetAgent?: HostedAgentOptions
  /** Printers print `rate` pages a sandbox minute and the sandbox clock runs `timeScale` times the real pace. */
  activity?: {rate: number; timeScale: number; tickMs?: number}
}

export type SandboxInfo = SandboxState & SeedInfo

const logFile = (dataDir: string) => join(dataDir, 'sandbox.log')

/**
 * The data directory is the sandbox's alone on a shared machine: 0700 (also when it already existed), and
 * every file in it 0600 (the database sets its own, the state files are written 0600).
 */
async function privateDir(dataDir: string): Promise<void> {
  await mkdir(dataDir, {mode: 0o700, recursive: true})
  await chmod(dataDir, 0o700)
}

/** Runs the sandbox in this process until stop() is called. */
export async function runSandbox(
  opts: SandboxOptions,
  log: (line: string) => void = () => {},
): Promise<{info: SandboxInfo; server: RunningServer; activity?: ActivityEngine; stop(): Promise<void>}> {
  const faults = parseFaults(opts.faults)
  await privateDir(opts.dataDir)
  const holder = await acquireLock(opts.dataDir)
  if (holder) throw alreadyRunning(opts.dataDir, (await readState(opts.dataDir))?.apiUrl, holder.pid)
  let db: ReturnType<typeof openDb>
  try {
    db = openDb(opts.dataDir)
  } catch (error) {
    await releaseLock(opts.dataDir)
    throw error
  }
  const seedValue = opts.seed ?? 1
  const rng = seededRandom(opts.seed ?? Date.now())
  const seedInfo = seed(db, rng, await readSeed(opts.dataDir))
  let server: RunningServer
  let fleet: Awaited<ReturnType<typeof startFleet>> | undefined
  let deploy: DeployEngine | undefined
  let activity: ActivityEngine | undefined
  try {
    await writeSeed(opts.dataDir, seedInfo)
    if (opts.printers && (opts.printers.count > 0 || opts.printers.recordingsDir))
      fleet = await startFleet({...opts.printers, log, seed: seedValue})
    // deployments run in this process, on the simulated printers' agents
    deploy = new DeployEngine({db, fleet, log})
    server = await startSandboxServer({db, deploy, faults, log, port: opts.port, rng, tokenTtl: opts.tokenTtl})
    deploy.start()
    if (opts.activity) {
      activity = new ActivityEngine({db, fleet, log, ...opts.activity})
      activity.start()
    }
  } catch (error) {
    activity?.stop()
    deploy?.stop()
    await fleet?.close()
    db.close()
    await releaseLock(opts.dataDir)
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new LcsError('conflict', `Port ${opts.port} on 127.0.0.1 is already in use.`, {
        hint: 'Pick another --port (or 0 for any free port), or check `lcs sandbox status`.',
      })
    }
    throw error
  }
  fleet?.connect(server.url)
  const state: SandboxState = {
    apiUrl: server.url,
    dataDir: opts.dataDir,
    pid: process.pid,
    pidStart: processStartTime(process.pid) ?? '',
    port: server.port,
    printers: fleet?.printers ?? [],
    ...(opts.activity ? {activity: {rate: opts.activity.rate, timeScale: opts.activity.timeScale}} : {}),
    startedAt: new Date().toISOString(),
  }
  const agent: HostedAgent | undefined = opts.fleetAgent && startHostedAgent(db, state, seedInfo.orgId, opts.fleetAgent, log)
  if (agent) state.fleetAgentId = agent.agentId
  await writeState(state)
  let stopped = false
  return {
    activity,
    info: {...state, ...seedInfo},
    server,
    async stop() {
      if (stopped) return
      stopped = true
      await agent?.stop()
      activity?.stop()
      deploy?.stop()
      await server.close()
      await fleet?.close()
      db.close()
      await removeState(opts.dataDir)
      await releaseLock(opts.dataDir)
    },
  }
}

/** Starts the sandbox as a background process and waits until it answers. */
export async function startDetached(opts: SandboxOptions, binPath: string, extraArgs: string[] = []): Promise<SandboxInfo> {
  await privateDir(opts.dataDir)
  const running = await readState(opts.dataDir)
  if (running) throw alreadyRunning(opts.dataDir, running.apiUrl, running.pid)
  const out = openSync(logFile(opts.dataDir), 'a', 0o600)
  chmodSync(logFile(opts.dataDir), 0o600) // a log from before 0600 was the rule
  const args = [binPath, 'sandbox', 'start', '--data', opts.dataDir, '--port', String(opts.port), ...extraArgs]
  const child = spawn(process.execPath, args, {detached: true, env: {...process.env, LCS_SANDBOX_CHILD: '1'}, stdio: ['ignore', out, out]})
  closeSync(out)
  child.unref()
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    const state = await readState(opts.dataDir)
    if (state && state.pid === child.pid) {
      const seedInfo = await readSeed(opts.dataDir)
      if (seedInfo) return {...state, ...seedInfo}
    }
    const code = await Promise.race([exited, new Promise<'wait'>((r) => setTimeout(() => r('wait'), 100))])
    // exit 6: another sandbox took the data directory between our check and the child's lock
    if (code === 6) throw alreadyRunning(opts.dataDir, (await readState(opts.dataDir))?.apiUrl, (await readState(opts.dataDir))?.pid)
    if (code !== 'wait') throw new LcsError('error', `The sandbox exited during start-up (code ${code}): ${tailLog(opts.dataDir)}`)
  }
  child.kill('SIGTERM')
  throw new LcsError('unavailable', `The sandbox did not come up within 20 s. See ${logFile(opts.dataDir)}.`)
}

function alreadyRunning(dataDir: string, apiUrl: string | undefined, pid: number | undefined): LcsError {
  const where = [apiUrl && ` at ${apiUrl}`, pid && ` (pid ${pid})`].filter(Boolean).join('')
  return new LcsError('conflict', `A sandbox is already running for ${dataDir}${where}.`, {
    hint: `Stop it first: lcs sandbox stop --data ${dataDir}`,
  })
}

function tailLog(dataDir: string): string {
  try {
    return readFileSync(logFile(dataDir), 'utf8').trim().split('\n').slice(-3).join(' | ')
  } catch {
    return 'no log'
  }
}

/** Stops the detached sandbox of a data directory; false if none was running. */
export async function stopSandbox(dataDir: string, timeoutMs = 10_000): Promise<SandboxState | undefined> {
  // readState answers only for the very process that wrote the state (pid and start time), and each
  // signal is sent only after checking that again, so a process that reused the PID is never signalled
  const state = await readState(dataDir)
  if (!state) return undefined
  process.kill(state.pid, 'SIGTERM')
  const deadline = Date.now() + timeoutMs
  while (isRunning(state) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  if (isRunning(state)) process.kill(state.pid, 'SIGKILL')
  await removeState(dataDir)
  return state
}
