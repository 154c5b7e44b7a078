import {LcsError} from '../errors.js'
import {registerSecret} from '../redact.js'

/**
 * Reads a secret from stdin (`--password-stdin`, `--client-secret-stdin`): the first line, without
 * its line ending. Bounded by a timeout so a stdin that never closes cannot hang a CI job.
 */
export async function readSecretFromStdin(what: string, timeoutMs = Number(process.env.LCS_STDIN_TIMEOUT_MS ?? 60_000)): Promise<string> {
  if (process.stdin.isTTY) throw new LcsError('usage', `Nothing is piped to stdin for ${what}: pipe it in, e.g. \`printf %s "$SECRET" | lcs …\`.`)
  const chunks: Buffer[] = []
  const text = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      process.stdin.pause()
      reject(new LcsError('usage', `Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what} on stdin.`))
    }, timeoutMs)
    process.stdin.on('data', (c: Buffer) => {
      chunks.push(c)
      // one line is all we need: stop at the first newline without waiting for EOF
      if (c.includes(10)) done()
    })
    process.stdin.on('end', done)
    process.stdin.on('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
    function done() {
      clearTimeout(timer)
      process.stdin.pause()
      resolve(Buffer.concat(chunks).toString('utf8'))
    }
  })
  const value = text.split(/\r?\n/)[0]
  if (!value) throw new LcsError('usage', `${what} read from stdin is empty.`)
  registerSecret(value)
  return value
}
