// Secrets at rest in the sandbox cloud: passwords and client secrets are kept as salted scrypt hashes, like
// a real service keeps them.
import {randomBytes, scryptSync, timingSafeEqual} from 'node:crypto'

export function hashPassword(password: string): string {
  const salt = randomBytes(16)
  return `scrypt:${salt.toString('hex')}:${scryptSync(password, salt, 32).toString('hex')}`
}

export function verifyPassword(password: string, stored: string | null): boolean {
  if (!stored) return false
  const [, salt, hash] = stored.split(':')
  const actual = scryptSync(password, Buffer.from(salt, 'hex'), 32)
  return timingSafeEqual(actual, Buffer.from(hash, 'hex'))
}
