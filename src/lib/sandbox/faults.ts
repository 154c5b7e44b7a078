// Fault injection for the sandbox cloud, reproducible with a seed:
//   --faults error=0.3,429=0.2,latency=50-200,drop=0.05,retry-after=1
import {LcsError} from '../errors.js'

export interface FaultSpec {
  /** Probability of a 5xx answer (500/502/503) before the request is handled. */
  error: number
  /** Probability of a 429 with Retry-After. */
  rateLimit: number
  /** Probability that the connection is dropped after the request was handled (the answer is lost). */
  drop: number
  latencyMinMs: number
  latencyMaxMs: number
  retryAfterSeconds: number
}

export const NO_FAULTS: FaultSpec = {drop: 0, error: 0, latencyMaxMs: 0, latencyMinMs: 0, rateLimit: 0, retryAfterSeconds: 1}

export function parseFaults(spec: string | undefined): FaultSpec {
  const out = {...NO_FAULTS}
  if (!spec) return out
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [key, value] = part.split('=')
    const bad = (rule: string) =>
      new LcsError('usage', `Invalid --faults entry "${part}": ${rule}. Example: error=0.3,429=0.2,latency=50-200,drop=0.05`)
    if (value === undefined) throw bad('expected key=value')
    const prob = () => {
      const p = Number(value)
      if (!Number.isFinite(p) || p < 0 || p > 1) throw bad('a probability between 0 and 1')
      return p
    }
    switch (key) {
      case 'error':
        out.error = prob()
        break
      case '429':
        out.rateLimit = prob()
        break
      case 'drop':
        out.drop = prob()
        break
      case 'latency': {
        const m = /^(\d+)(?:-(\d+))?(?:ms)?$/.exec(value)
        if (!m) throw bad('milliseconds, or a range like 50-200')
        out.latencyMinMs = Number(m[1])
        out.latencyMaxMs = Number(m[2] ?? m[1])
        if (out.latencyMaxMs < out.latencyMinMs) throw bad('the range end is below its start')
        break
      }
      case 'retry-after': {
        const s = Number(value)
        if (!Number.isInteger(s) || s < 0 || s > 120) throw bad('whole seconds, 0–120')
        out.retryAfterSeconds = s
        break
      }
      default:
        throw bad('unknown key; use error, 429, drop, latency or retry-after')
    }
  }
  if (out.error + out.rateLimit + out.drop > 0.95)
    throw new LcsError('usage', `--faults "${spec}": error, 429 and drop together must stay below 0.95, or nothing would ever succeed.`)
  return out
}

/** mulberry32: a tiny seeded PRNG, so a --seed gives the same fault sequence every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

export type FaultDecision = {kind: 'none' | 'error' | '429' | 'drop'; status?: number; latencyMs: number}

export function decideFault(spec: FaultSpec, rng: () => number): FaultDecision {
  const latencyMs = spec.latencyMaxMs > 0 ? Math.round(spec.latencyMinMs + rng() * (spec.latencyMaxMs - spec.latencyMinMs)) : 0
  const r = rng()
  if (r < spec.error) return {kind: 'error', latencyMs, status: [500, 502, 503][Math.floor(rng() * 3)]}
  if (r < spec.error + spec.rateLimit) return {kind: '429', latencyMs, status: 429}
  if (r < spec.error + spec.rateLimit + spec.drop) return {kind: 'drop', latencyMs}
  return {kind: 'none', latencyMs}
}
