// E-mail addresses for bulk membership commands: from the arguments, or one a line from a file or stdin
// ("-"), blank lines and # comments skipped; a bad address names its file and line.
import {open} from 'node:fs/promises'

import {emailRule} from '../csv/index.js'
import {LcsError, readFailure} from '../errors.js'
import {checkArg} from './args.js'

const MAX_LIST_BYTES = 8 * 1024 * 1024

async function readBounded(path: string): Promise<string> {
  if (path === '-') {
    if (process.stdin.isTTY)
      throw new LcsError('usage', 'Nothing is piped to stdin for --file -: pipe the e-mail addresses in, one a line.')
    const chunks: Buffer[] = []
    let size = 0
    for await (const c of process.stdin as AsyncIterable<Buffer>) {
      size += c.length
      if (size > MAX_LIST_BYTES) throw new LcsError('badData', 'stdin: more than 8 MiB of e-mail addresses.')
      chunks.push(c)
    }
    return Buffer.concat(chunks).toString('utf8')
  }
  const fh = await open(path, 'r').catch((error: unknown) => {
    throw readFailure(path, error)
  })
  try {
    const {size} = await fh.stat()
    if (size > MAX_LIST_BYTES) throw new LcsError('badData', `${path}: larger than 8 MiB.`)
    return await fh.readFile('utf8')
  } finally {
    await fh.close()
  }
}

/** The addresses named on the command line and in --file (lower case, each once, in order). */
export async function emailList(argv: string[], file?: string): Promise<string[]> {
  const out: string[] = []
  for (const a of argv) {
    const e = a.trim().toLowerCase()
    checkArg('EMAIL', e, emailRule)
    out.push(e)
  }
  if (file) {
    const name = file === '-' ? 'stdin' : file
    for (const [i, line] of (await readBounded(file)).split(/\r?\n/).entries()) {
      const e = line.trim().toLowerCase()
      if (!e || e.startsWith('#')) continue
      const broken = emailRule(e)
      if (broken) throw new LcsError('badData', `${name}:${i + 1}: ${broken}.`, {details: [{line: i + 1, message: broken}]})
      out.push(e)
    }
  }
  if (!out.length) throw new LcsError('usage', 'Name at least one e-mail address, or give --file FILE (one a line; - for stdin).')
  return [...new Set(out)]
}
