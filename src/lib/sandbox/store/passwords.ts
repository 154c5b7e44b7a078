// Secrets at rest in the sandbox cloud: passwords and client secrets are kept as salted scrypt hashes, like
// a real service keeps them. The emulator's cost is N=2^8 (about 0.4 ms a hash) rather than Node's default
// 2^14 (about 40 ms): it holds training and test accounts, and a 10,000-user import with passwords must
// take seconds (bench/passwords.mjs).
// Hashes record their cost, so data files written with the old default still verify.
import {randomBytes, scrypt, scryptSync, timingSafeEqual} from 'node:crypto'
import {promisify} from 'node:util'

const COST = 256
const LEGACY_COST = 16_384
const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: {N: number}) => Promise<Buffer>

function encode(salt: Buffer, hash: Buffer): string {
  return `scrypt-n${COST}:${salt.toString('hex')}:${hash.toString('hex')}`
}

export function hashPassword(password: string): string {
  const salt = randomBytes(16)
  return encode(salt, scryptSync(password, salt, 32, {N: COST}))
}

/** Hashes on libuv's thread pool, so the sandbox keeps answering other requests meanwhile. */
export async function hashPasswordAsync(password: string): Promise<string> {
  const salt = randomBytes(16)
  return encode(salt, await scryptAsync(password, salt, 32, {N: COST}))
}

export function verifyPassword(password: string, stored: string | null): boolean {
  if (!stored) return false
  const [scheme, salt, hash] = stored.split(':')
  const cost = scheme === 'scrypt' ? LEGACY_COST : Number(scheme.slice('scrypt-n'.length))
  const actual = scryptSync(password, Buffer.from(salt, 'hex'), 32, {N: cost})
  return timingSafeEqual(actual, Buffer.from(hash, 'hex'))
}
