// The files a running sandbox leaves in its data directory for other processes: sandbox.json (pid, URL,
// printers) while it runs, and seed.json (the seeded organization and its training credentials). Both are
// 0600 and written only by the sandbox. This module opens no database and loads no SNMP, so `lcs login
// --sandbox` and `lcs sandbox status` stay as light as any other command.
import {readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'

import {writePrivateFile} from '../config/store.js'
import type {SimulatedPrinter} from './fleet.js'

export interface SandboxState {
  pid: number
  apiUrl: string
  port: number
  startedAt: string
  dataDir: string
  printers: SimulatedPrinter[]
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

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
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
  return state && alive(state.pid) ? state : undefined
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
