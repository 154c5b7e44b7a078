// Profiles live in <configDir>/config.json (no secrets there; secrets go through auth/secrets.ts).
import {mkdir, readFile, rename, writeFile} from 'node:fs/promises'
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

export async function updateProfile(
  name: string,
  patch: Partial<Profile> | null,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ConfigFile> {
  const cfg = await readConfig(env)
  if (patch === null) delete cfg.profiles[name]
  else cfg.profiles[name] = {...cfg.profiles[name], ...patch}
  await writeConfig(cfg, env)
  return cfg
}
