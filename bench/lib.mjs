// Shared by the benchmarks: run bin/run.js as a user would, timed, in a given environment.
import {spawn} from 'node:child_process'
import {fileURLToPath} from 'node:url'

export const bin = fileURLToPath(new URL('../bin/run.js', import.meta.url))

/** Returns lcs(args, input) → {code, ms, out}; exit codes 0 and 9 (partial) resolve, others reject. */
export function lcsRunner(env, timeoutMs = 300_000) {
  return (args, input = '') =>
    new Promise((resolve, reject) => {
      const t = process.hrtime.bigint()
      const child = spawn(process.execPath, [bin, ...args], {env, stdio: ['pipe', 'pipe', 'pipe']})
      let out = ''
      let err = ''
      child.stdout.on('data', (d) => (out += d))
      child.stderr.on('data', (d) => (err += d))
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
      child.on('close', (code) => {
        clearTimeout(timer)
        const ms = Number(process.hrtime.bigint() - t) / 1e6
        if (code === 0 || code === 9) resolve({code, ms, out})
        else reject(new Error(`lcs ${args.join(' ')} exited ${code}: ${err}`))
      })
      child.stdin.end(input)
    })
}
