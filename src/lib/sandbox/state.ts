// The files a running sandbox leaves in its data directory for other processes: sandbox.lock (who owns the
// directory), sandbox.json (pid, URL, printers) while it runs, and seed.json (the seeded organization and
// its training credentials). All are 0600 and written only by the sandbox. This module opens no database
// and loads no SNMP, so `lcs login --sandbox` and `lcs sandbox status` stay as light as any other command.
//
// A PID alone does not identify the sandbox: after a SIGKILL the files keep it and the system reuses it.
// A process is the sandbox only when it is alive AND its start time (from /proc, else ps) is the one the
// sandbox recorded for itself, so a stranger with a reused PID is never reported running nor signalled.
import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {link, readFile, rm, unlink, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import {writePrivateFile} from '../config/index.js'
import type {SimulatedPrinter} from './fleet.js'

export interface SandboxState {
  pid: number
  /** Start time of the process `pid` (processStartTime), which tells it from a later process with its PID. */
  pidStart: string
  apiUrl: string
  port: number
  startedAt: string
  dataDir: string
  printers: SimulatedPrinter[]
  /** The Fleet Agent `sandbox start --fleet-agent` runs in the sandbox process. */
  fleetAgentId?: string
  /** `--activity RATE` and `--time-scale`: the printers print and the sandbox clock runs (absent: no activity engine). */
  activity?: {rate: number; timeScale: number}
}

export interface SeedInfo {
  orgId: string
  orgName: string
  children: Array<{id: string; name: string}>
  adminEmail: string
  adminPassword: string
  /** A technician of the partner without fleet roles: shows the permission-denied path (first seeded by this version). */
  technicianEmail?: string
  technicianPassword?: string
  clientId: string
  clientSecret: string
}

const stateFile = (dataDir: string) => join(dataDir, 'sandbox.json')
const seedFile = (dataDir: string) => join(dataDir, 'seed.json')
const lockFile = (dataDir: string) => join(dataDir, 'sandbox.lock')

/** When process `pid` started, as the system tells it (undefined when there is no such process). */
export function processStartTime(pid: number): string | undefined {
  try {
    // /proc/<pid>/stat: field 22 is the start time in clock ticks since boot; the command name (field 2)
    // may hold spaces and parentheses, so fields are counted after its last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return `proc:${stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]}`
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || existsProc()) return undefined
  }
  try {
    const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    }).trim()
    return out ? `ps:${out}` : undefined
  } catch {
    return undefined
  }
}

const existsProc = () => {
  try {
    readFileSync('/proc/self/stat')
    return true
  } catch {
    return false
  }
}

/** Whether the process that recorded {pid, pidStart} is still that very process. */
export function isRunning(owner: {pid: number; pidStart?: string}): boolean {
  if (!Number.isInteger(owner.pid) || owner.pid <= 0 || !owner.pidStart) return false
  return processStartTime(owner.pid) === owner.pidStart
}

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T
  } catch {
    return undefined
  }
}

/** The running sandbox of a data directory, if any (a stale state file is ignored). */
export async function readState(dataDir: string): Promise<SandboxState | undefined> {
  const state = await readJson<SandboxState>(stateFile(dataDir))
  return state && isRunning(state) ? state : undefined
}

export interface SandboxLock {
  pid: number
  pidStart: string
}

/**
 * Takes the data directory for this process, or returns the live process that holds it. The lock file is
 * complete before it appears (written aside, then hard-linked into place, which fails if it exists), so
 * of two sandboxes started at the same instant exactly one gets it; a lock left by a dead process is taken
 * over.
 */
export async function acquireLock(dataDir: string): Promise<SandboxLock | undefined> {
  const mine: SandboxLock = {pid: process.pid, pidStart: processStartTime(process.pid) ?? ''}
  const path = lockFile(dataDir)
  const tmp = `${path}.${process.pid}.tmp`
  await writeFile(tmp, JSON.stringify(mine) + '\n', {mode: 0o600})
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await link(tmp, path)
        return undefined
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
      const holder = await readJson<SandboxLock>(path)
      if (holder?.pid === mine.pid && holder.pidStart === mine.pidStart) return undefined
      if (holder && isRunning(holder)) return holder
      // left by a process that is gone (or unreadable): remove it and try again
      await unlink(path).catch(() => {})
    }
    throw new Error(`could not take ${path}`)
  } finally {
    await unlink(tmp).catch(() => {})
  }
}

export async function releaseLock(dataDir: string): Promise<void> {
  const holder = await readJson<SandboxLock>(lockFile(dataDir))
  if (holder?.pid === process.pid) await rm(lockFile(dataDir), {force: true})
}

export async function writeState(state: SandboxState): Promise<void> {
  await writePrivateFile(stateFile(state.dataDir), JSON.stringify(state, null, 2) + '\n')
}

export async function removeState(dataDir: string): Promise<void> {
  await rm(stateFile(dataDir), {force: true})
}

/** Seed credentials of a data directory (printed by start, used by `lcs login --sandbox`). */
export function readSeed(dataDir: string): Promise<SeedInfo | undefined> {
  return readJson<SeedInfo>(seedFile(dataDir))
}

export async function writeSeed(dataDir: string, info: SeedInfo): Promise<void> {
  await writePrivateFile(seedFile(dataDir), JSON.stringify(info, null, 2) + '\n')
}
