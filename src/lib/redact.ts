// Secrets never reach output: values are registered the moment they are read (stdin, env, keychain,
// token responses) and every line written to stdout/stderr is filtered (see ui/base-command.ts).
// Keys that name secrets are masked in structured data (HTTP traces, JSON bodies) as well.

const MASK = '[REDACTED]'
const secrets = new Set<string>()
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|pin$|^pin|community|authkey|privkey|api[-_]?key|credential/i

export function registerSecret(value: string | undefined | null): void {
  // Very short values would mask ordinary words; nothing we treat as a secret is that short.
  if (value && value.length >= 4) secrets.add(value)
}

function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key)
}

export function redact(text: string): string {
  let out = text
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(MASK)
  return out
}

/** Deep copy with secret-named keys masked and registered secret values removed from strings. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 20) return '[…]'
  if (typeof value === 'string') return redact(value)
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1))
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value))
      out[k] = isSecretKey(k) && v !== null && v !== undefined && v !== '' ? MASK : redactValue(v, depth + 1)
    return out
  }
  return value
}

/** Masks the userinfo and secret-named query parameters of a URL. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = 'REDACTED'
    for (const k of [...u.searchParams.keys()]) if (isSecretKey(k)) u.searchParams.set(k, 'REDACTED')
    return redact(u.toString())
  } catch {
    return redact(url)
  }
}
