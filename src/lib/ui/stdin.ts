import {LcsError} from '../errors.js'
import {registerSecret} from '../redact.js'

/**
 * Reads a secret from stdin (`--password-stdin`, `--client-secret-stdin`): the first `lines` lines,
 * without line endings. Bounded by a timeout so a stdin that never closes cannot hang a CI job.
 */
export async function readSecretFromStdin(
  what: string,
  timeoutMs = Number(process.env.LCS_STDIN_TIMEOUT_MS ?? 60_000),
  lines = 1,
): Promise<string> {
  if (process.stdin.isTTY)
    throw new LcsError('usage', `Nothing is piped to stdin for ${what}: pipe it in, e.g. \`printf %s "$SECRET" | lcs …\`.`)
  const chunks: Buffer[] = []
  const text = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      process.stdin.pause()
      reject(new LcsError('usage', `Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what} on stdin.`))
    }, timeoutMs)
    process.stdin.on('data', (c: Buffer) => {
      chunks.push(c)
      // stop once enough lines arrived, without waiting for EOF
      if (Buffer.concat(chunks).toString('utf8').split('\n').length > lines) done()
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
  const parts = text.split(/\r?\n/).slice(0, lines)
  if (!parts[0]) throw new LcsError('usage', `${what} read from stdin is empty.`)
  for (const p of parts) registerSecret(p)
  return parts.join('\n')
}
