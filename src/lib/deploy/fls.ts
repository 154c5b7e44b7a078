// eSF application files (.fls). Real ones are signed vendor packages; ours carry a small PJL-style text
// header that says what the portal shows for an imported app (name, version, minimum memory, supported
// models) and a checksum of the payload. The format is written down in docs/app-files.md; anything else
// is rejected as "Invalid App File", as the portal does. The CLI checks a file before uploading it and
// the sandbox checks it again on upload.
import {createHash} from 'node:crypto'

interface AppManifest {
  /** Application name as the portal shows it ("Cloud Authentication"). */
  name: string
  /** Application id ("cloudAuth"). */
  id: string
  version: string
  /** Minimum printer memory the app needs, in MB. */
  minMemoryMb: number
  /** Base model names the app supports (CX735, CS943, …). */
  models: string[]
}

export interface AppFileInfo extends AppManifest {
  payloadBytes: number
  payloadSha256: string
}

export class InvalidAppFile extends Error {
  constructor(readonly reason: string) {
    super(`Invalid App File: ${reason}`)
    this.name = 'InvalidAppFile'
  }
}

const UEL = '\u001B%-12345X'
const MAGIC = `${UEL}@PJL LCS-ESF-APP 1.0\r\n`
const END = '@PJL ENTER LANGUAGE=ESFAPP\r\n'
/** The header must end within this many bytes. */
const MAX_HEADER = 8192
const KEYS = ['NAME', 'ID', 'VERSION', 'MINMEMORY', 'MODELS', 'PAYLOAD', 'SHA256'] as const

const quote = (s: string) => `"${s.replace(/"/g, "'")}"`

/** Writes an .fls file (used to make the fixtures and by tests). */
export function buildFls(m: AppManifest, payload: Buffer): Buffer {
  const sha = createHash('sha256').update(payload).digest('hex')
  const header = [
    MAGIC,
    `@PJL SET NAME=${quote(m.name)}\r\n`,
    `@PJL SET ID=${quote(m.id)}\r\n`,
    `@PJL SET VERSION=${quote(m.version)}\r\n`,
    `@PJL SET MINMEMORY=${m.minMemoryMb}\r\n`,
    `@PJL SET MODELS=${quote(m.models.join(','))}\r\n`,
    `@PJL SET PAYLOAD=${payload.length}\r\n`,
    `@PJL SET SHA256=${quote(sha)}\r\n`,
    END,
  ].join('')
  return Buffer.concat([Buffer.from(header, 'latin1'), payload])
}

/** Reads and checks an .fls file; throws InvalidAppFile with the reason. */
export function parseFls(buf: Buffer): AppFileInfo {
  if (buf.length < MAGIC.length || buf.subarray(0, MAGIC.length).toString('latin1') !== MAGIC)
    throw new InvalidAppFile('not an eSF application package (no LCS-ESF-APP header)')
  const head = buf.subarray(0, Math.min(buf.length, MAX_HEADER)).toString('latin1')
  const end = head.indexOf(END)
  if (end < 0) throw new InvalidAppFile('the header does not end (no @PJL ENTER LANGUAGE=ESFAPP)')
  const fields = new Map<string, string>()
  for (const line of head.slice(MAGIC.length, end).split('\r\n')) {
    if (!line) continue
    const m = /^@PJL SET ([A-Z0-9]+)=(?:"([^"]*)"|(\S+))$/.exec(line)
    if (!m) throw new InvalidAppFile(`bad header line ${JSON.stringify(line.slice(0, 60))}`)
    if (fields.has(m[1])) throw new InvalidAppFile(`${m[1]} is given twice`)
    fields.set(m[1], m[2] ?? m[3])
  }
  for (const k of KEYS) if (!fields.has(k)) throw new InvalidAppFile(`the header lacks ${k}`)
  const name = fields.get('NAME')!.trim()
  const id = fields.get('ID')!.trim()
  const version = fields.get('VERSION')!.trim()
  const minMemory = Number(fields.get('MINMEMORY'))
  const models = fields
    .get('MODELS')!
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean)
  const size = Number(fields.get('PAYLOAD'))
  if (!name || name.length > 100) throw new InvalidAppFile('NAME must be 1–100 characters')
  if (!/^[A-Za-z][\w.-]{0,63}$/.test(id)) throw new InvalidAppFile(`ID "${id}" is not an application id`)
  if (!/^\d+(\.\d+){1,3}$/.test(version)) throw new InvalidAppFile(`VERSION "${version}" is not a version number`)
  if (!Number.isInteger(minMemory) || minMemory < 0 || minMemory > 65_536)
    throw new InvalidAppFile('MINMEMORY must be a whole number of MB')
  if (models.length === 0 || models.some((x) => !/^[A-Z]+\d+[A-Z]*$/.test(x)))
    throw new InvalidAppFile('MODELS must list model names such as CX735,CS943')
  const payload = buf.subarray(end + END.length)
  if (!Number.isInteger(size) || payload.length !== size)
    throw new InvalidAppFile(`the file is truncated or padded (payload ${payload.length} bytes, header says ${fields.get('PAYLOAD')})`)
  const payloadSha256 = createHash('sha256').update(payload).digest('hex')
  if (payloadSha256 !== fields.get('SHA256')!.toLowerCase())
    throw new InvalidAppFile('the payload checksum does not match (the file is damaged)')
  return {id, minMemoryMb: minMemory, models, name, payloadBytes: payload.length, payloadSha256, version}
}
