// "Did you mean …?": the closest of some names to what the user typed, for unknown commands (see
// src/hooks/command-not-found.ts) and for organization and other names that match nothing.

/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
export function distance(a: string, b: string): number {
  const s = a.toLowerCase()
  const t = b.toLowerCase()
  let prev = Array.from({length: t.length + 1}, (_, j) => j)
  for (let i = 1; i <= s.length; i++) {
    const row = [i]
    for (let j = 1; j <= t.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1))
    prev = row
  }
  return prev[t.length]
}

/** Close enough to be a typo: at most a third of the longer word differs (and at least 2 edits are allowed). */
export function isClose(typed: string, candidate: string): boolean {
  return distance(typed, candidate) <= Math.max(2, Math.floor(Math.max(typed.length, candidate.length) / 3))
}

/**
 * The candidate nearest to what was typed, with its distance, when it is close enough: a typo of the
 * whole name, or of its start (a name cut short, "Woodgrov" or "Contso" for "Contoso Retail"), which
 * counts half an edit more than a whole-name match.
 */
export function nearest(typed: string, candidates: Iterable<string>): {name: string; d: number} | undefined {
  const t = typed.trim()
  let best: {name: string; d: number} | undefined
  for (const name of candidates) {
    const whole = distance(t, name)
    const start = t.length >= 4 && name.length > t.length ? distance(t, name.slice(0, t.length)) + 0.5 : Infinity
    const d = isClose(t, name) ? Math.min(whole, start) : start <= Math.max(1, Math.floor(t.length / 3)) + 0.5 ? start : Infinity
    if (d !== Infinity && (!best || d < best.d)) best = {d, name}
  }
  return best
}

/** The name nearest to what was typed, if one is close enough. */
export function closest(typed: string, candidates: Iterable<string>): string | undefined {
  return nearest(typed, candidates)?.name
}
