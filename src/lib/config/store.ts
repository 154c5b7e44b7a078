// Profiles live in <configDir>/config.json (no secrets there; secrets go through auth/secrets.ts).
import {mkdir, open, readFile, rename, stat, unlink, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import {LcsError} from '../errors.js'
import {configDir} from './paths.js'

export interface Profile {
  apiUrl?: string
  region?: string
  /** Selected organization (id). */
  org?: string
  orgName?: string
  authMethod?: 'client_credentials' | 'password'
  clientId?: string
  email?: string
  /** Where the secrets of this profile are kept. */
  secretStore?: 'keychain' | 'keyutils' | 'file'
}

interface ConfigFile {
  profiles: Record<string, Profile>
}

function configPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'config.json')
}

export async function readConfig(env: NodeJS.ProcessEnv = process.env): Promise<ConfigFile> {
  const path = configPath(env)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {profiles: {}}
    throw error
  }
  try {
    const parsed = JSON.parse(text) as ConfigFile
    return {profiles: parsed.profiles ?? {}}
  } catch {
    throw new LcsError('badData', `The configuration file ${path} is not valid JSON.`, {
      hint: 'Fix or delete it, then run `lcs login` again.',
    })
  }
}

/** Atomic write (temp file + rename) with 0600 so a crash never leaves half a file. */
export async function writePrivateFile(path: string, text: string): Promise<void> {
  await mkdir(join(path, '..'), {mode: 0o700, recursive: true})
  const tmp = `${path}.${process.pid}.tmp`
  await writeFile(tmp, text, {mode: 0o600})
  await rename(tmp, path)
}

export async function writeConfig(cfg: ConfigFile, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await writePrivateFile(configPath(env), JSON.stringify(cfg, null, 2) + '\n')
}

const LOCK_WAIT_MS = 15_000
/** A lock older than this is left by a process that died holding it (a change takes milliseconds). */
const LOCK_STALE_MS = 30_000

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Runs a read-modify-write of the config folder's files (config.json, credentials.json) under
 * `config.lock`, created with O_EXCL: twenty `lcs login` at once into one folder keep twenty profiles.
 * A lock whose process is gone, or older than 30 s, is stale and taken over.
 */
export async function withConfigLock<T>(env: NodeJS.ProcessEnv, fn: () => Promise<T>): Promise<T> {
  const dir = configDir(env)
  const path = join(dir, 'config.lock')
  await mkdir(dir, {mode: 0o700, recursive: true})
  const deadline = Date.now() + LOCK_WAIT_MS
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    try {
      const fh = await open(path, 'wx', 0o600)
      await fh.writeFile(String(process.pid))
      await fh.close()
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = Number(await readFile(path, 'utf8').catch(() => ''))
    const age = await stat(path).then(
      (st) => Date.now() - st.mtimeMs,
      () => 0,
    )
    // an empty lock is one being written: only its age makes it stale
    if ((holder > 0 && !alive(holder)) || age > LOCK_STALE_MS) {
      await unlink(path).catch(() => {})
      continue
    }
    if (Date.now() > deadline)
      throw new LcsError('conflict', `The configuration folder ${dir} is locked by another lcs (process ${holder || 'unknown'}).`, {
        hint: `If no other lcs is running, remove ${path}.`,
      })
    await new Promise((r) => setTimeout(r, wait + Math.random() * wait))
  }
  try {
    return await fn()
  } finally {
    await unlink(path).catch(() => {})
  }
}

export async function updateProfile(
  name: string,
  patch: Partial<Profile> | null,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ConfigFile> {
  return withConfigLock(env, async () => {
    const cfg = await readConfig(env)
    if (patch === null) delete cfg.profiles[name]
    else cfg.profiles[name] = {...cfg.profiles[name], ...patch}
    await writeConfig(cfg, env)
    return cfg
  })
}
