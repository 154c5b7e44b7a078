// Secret storage, GitHub CLI style: OS keychain first (each call bounded by a timeout, since D-Bus can
// hang), then on Linux the kernel keyring (lost on reboot: we warn), then a 0600 file (we warn).
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'

import {configDir, withConfigLock, writePrivateFile} from '../config/index.js'
import {registerSecret} from '../redact.js'

interface SecretBundle {
  clientSecret?: string
  refreshToken?: string
  accessToken?: string
  /** Epoch ms at which accessToken expires. */
  expiresAt?: number
}

export type SecretStoreKind = 'keychain' | 'keyutils' | 'file'

const SERVICE = 'lcs'
const KEYCHAIN_TIMEOUT_MS = 3000

type KeyringModule = typeof import('@napi-rs/keyring')
let keyringModule: Promise<KeyringModule | undefined> | undefined

function keyring(): Promise<KeyringModule | undefined> {
  // Lazy: the native module costs start-up time and may be missing on exotic platforms.
  keyringModule ??= import('@napi-rs/keyring').catch(() => undefined)
  return keyringModule
}

async function withTimeout<T>(op: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const signal = AbortSignal.timeout(KEYCHAIN_TIMEOUT_MS)
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('keychain call timed out')), KEYCHAIN_TIMEOUT_MS + 100)
  })
  try {
    return await Promise.race([op(signal), timeout])
  } finally {
    clearTimeout(timer)
  }
}

function osStores(): Array<{kind: Exclude<SecretStoreKind, 'file'>; linuxStore?: 'secret-service' | 'keyutils'}> {
  if (process.platform !== 'linux') return [{kind: 'keychain'}]
  return [
    {kind: 'keychain', linuxStore: 'secret-service'},
    {kind: 'keyutils', linuxStore: 'keyutils'},
  ]
}

async function entry(profile: string, linuxStore?: 'secret-service' | 'keyutils') {
  const mod = await keyring()
  if (!mod) throw new Error('keychain module unavailable')
  return new mod.AsyncEntry(SERVICE, profile, linuxStore ? {linux: {store: linuxStore}} : undefined)
}

function filePath(env: NodeJS.ProcessEnv): string {
  return join(configDir(env), 'credentials.json')
}

async function readFileStore(env: NodeJS.ProcessEnv): Promise<Record<string, SecretBundle>> {
  try {
    return JSON.parse(await readFile(filePath(env), 'utf8')) as Record<string, SecretBundle>
  } catch {
    return {}
  }
}

function keychainDisabled(env: NodeJS.ProcessEnv): boolean {
  // Tests and locked-down hosts can skip the OS keychain entirely.
  return env.LCS_NO_KEYCHAIN === '1'
}

interface SaveResult {
  store: SecretStoreKind
  warning?: string
}

export async function saveSecrets(
  profile: string,
  bundle: SecretBundle,
  opts: {insecure?: boolean; env?: NodeJS.ProcessEnv} = {},
): Promise<SaveResult> {
  const env = opts.env ?? process.env
  const text = JSON.stringify(bundle)
  if (!opts.insecure && !keychainDisabled(env)) {
    for (const {kind, linuxStore} of osStores()) {
      try {
        const e = await entry(profile, linuxStore)
        await withTimeout((signal) => e.setPassword(text, signal))
        await removeFromFile(profile, env)
        return kind === 'keyutils'
          ? {
              store: kind,
              warning: 'Credentials saved in the kernel keyring: they will not survive a reboot (no Secret Service is running).',
            }
          : {store: kind}
      } catch {
        // try the next store
      }
    }
  }
  await withConfigLock(env, async () => {
    const all = await readFileStore(env)
    all[profile] = bundle
    await writePrivateFile(filePath(env), JSON.stringify(all, null, 2) + '\n')
  })
  return {
    store: 'file',
    warning: opts.insecure ? undefined : `Credentials saved in plain text in ${filePath(env)} (mode 0600): no OS keychain is available.`,
  }
}

export async function loadSecrets(
  profile: string,
  store: SecretStoreKind | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SecretBundle | undefined> {
  let bundle: SecretBundle | undefined
  if (store === 'file' || store === undefined || keychainDisabled(env)) {
    bundle = (await readFileStore(env))[profile]
  }
  if (!bundle && store !== 'file' && !keychainDisabled(env)) {
    const wanted = osStores().filter((s) => store === undefined || s.kind === store)
    for (const {linuxStore} of wanted) {
      try {
        const e = await entry(profile, linuxStore)
        const text = await withTimeout((signal) => e.getPassword(signal))
        if (text) {
          bundle = JSON.parse(text) as SecretBundle
          break
        }
      } catch {
        // unavailable store: treat as empty
      }
    }
  }
  if (bundle) for (const v of [bundle.clientSecret, bundle.refreshToken, bundle.accessToken]) registerSecret(v)
  return bundle
}

async function removeFromFile(profile: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  return withConfigLock(env, async () => {
    const all = await readFileStore(env)
    if (!(profile in all)) return false
    delete all[profile]
    await writePrivateFile(filePath(env), JSON.stringify(all, null, 2) + '\n')
    return true
  })
}

/** Removes the profile's secrets from every store; returns whether anything was removed. */
export async function deleteSecrets(profile: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  let removed = await removeFromFile(profile, env)
  if (!keychainDisabled(env)) {
    for (const {linuxStore} of osStores()) {
      try {
        const e = await entry(profile, linuxStore)
        removed = (await withTimeout((signal) => e.deletePassword(signal))) || removed
      } catch {
        // nothing stored there
      }
    }
  }
  return removed
}
