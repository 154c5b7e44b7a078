// Turning what the user gives (a firmware build name or URL, an .fls app, a UCF file, a settings bundle)
// into a resource upload, checked here first so a bad file is refused before any upload, with the
// portal's wording ("Invalid App File", "No firmware found.").
import {constants} from 'node:fs'
import {open} from 'node:fs/promises'
import {basename, extname} from 'node:path'

import type {CatalogApp, Resource, ResourceInput, ResourceType} from '../cloud/index.js'
import {LcsError, readFailure} from '../errors.js'
import {formatBytes} from '../ui/index.js'
import {InvalidAppFile} from './fls.js'
import {inspectFile, InvalidFile, kindOfFile, type FileInfo} from './files.js'

/** The largest file uploaded as a resource (sent base64 in one request, under the SDK's 256 MiB body cap). */
export const MAX_RESOURCE_FILE_BYTES = 128 * 2 ** 20

export const FIRMWARE_REFERENCE = /^([A-Za-z]{5}\.\d{3}\.\d{3}|https:\/\/\S+)$/

interface UploadSpec {
  /** A file, or for firmware a build name or support-center URL. */
  source: string
  type: ResourceType
  name?: string
  description?: string
}

interface PreparedUpload {
  input: ResourceInput
  /** What the file is (apps: name, version, memory, models), absent for firmware. */
  file?: FileInfo
}

/** Reads a file to upload: only a regular file, at most MAX_RESOURCE_FILE_BYTES; errors name the file. */
export async function readUploadFile(path: string): Promise<Buffer> {
  try {
    // non-blocking: opening a FIFO for reading would otherwise wait for a writer, forever
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK)
    try {
      const st = await handle.stat()
      if (!st.isFile()) {
        const what = st.isDirectory()
          ? 'a directory'
          : st.isFIFO()
            ? 'a pipe (FIFO)'
            : st.isCharacterDevice() || st.isBlockDevice()
              ? 'a device'
              : st.isSocket()
                ? 'a socket'
                : 'not a regular file'
        throw new LcsError('badData', `${path} is ${what}: only regular files are uploaded.`)
      }
      // read at most one byte more than allowed: a file that grows while read is still caught
      const chunk = Buffer.alloc(Math.min(st.size, MAX_RESOURCE_FILE_BYTES) + 1)
      let length = 0
      for (let n = -1; n !== 0 && length < chunk.length; length += n)
        n = (await handle.read(chunk, length, chunk.length - length, length)).bytesRead
      if (length > MAX_RESOURCE_FILE_BYTES)
        throw new LcsError(
          'badData',
          `${path} is larger than ${MAX_RESOURCE_FILE_BYTES / 2 ** 20} MiB, the largest resource file lcs uploads.`,
        )
      return chunk.subarray(0, length)
    } finally {
      await handle.close()
    }
  } catch (error) {
    throw readFailure(path, error)
  }
}

/** Reads and checks a local file; errors name the file. */
export async function readChecked(path: string, expected?: 'app' | 'ucf' | 'bundle'): Promise<{buf: Buffer; info: FileInfo}> {
  const buf = await readUploadFile(path)
  try {
    return {buf, info: inspectFile(path, buf, expected)}
  } catch (error) {
    if (error instanceof InvalidAppFile)
      throw new LcsError('badData', `${basename(path)}: Invalid App File (${error.reason}).`, {
        hint: 'Apps must be eSF application packages (.fls); see docs/app-files.md.',
      })
    if (error instanceof InvalidFile)
      throw new LcsError('badData', error.message.startsWith(basename(path)) ? error.message : `${basename(path)}: ${error.message}`)
    throw error
  }
}

export async function prepareUpload(spec: UploadSpec): Promise<PreparedUpload> {
  if (spec.type === 'firmware') {
    const ref = spec.source.trim()
    if (kindOfFile(ref) || extname(ref).toLowerCase() === '.bin')
      throw new LcsError('usage', `Firmware is given by build name (e.g. CSTAT.076.308) or support-center URL, not by file ("${ref}").`)
    if (!FIRMWARE_REFERENCE.test(ref))
      throw new LcsError('badData', `No firmware found: "${ref}" is not a build name such as CSTAT.076.308 or a support-center URL.`)
    const build = /^[A-Za-z]{5}\./.test(ref) ? ref.toUpperCase() : undefined
    return {
      input: {
        description: spec.description ?? null,
        name: spec.name ?? build ?? `Firmware ${ref.split('/').filter(Boolean).at(-2) ?? ''}`.trim(),
        reference: build ?? ref,
        type: 'firmware',
      },
    }
  }
  const {buf, info} = await readChecked(spec.source, spec.type)
  const fileName = basename(spec.source)
  const name = spec.name ?? (info.kind === 'app' ? `${info.name} ${info.version}` : basename(fileName, extname(fileName)))
  return {file: info, input: {content: buf.toString('base64'), description: spec.description ?? null, fileName, name, type: spec.type}}
}

export function catalogMatch(catalog: CatalogApp[], ref: string): CatalogApp | undefined {
  const r = ref.trim().toLowerCase()
  return catalog.find((a) => a.id === r || a.name.toLowerCase() === r)
}

/** Human lines describing a resource (what the portal shows after "Verify" or choosing an app file). */
export function describeResource(r: Pick<Resource, 'type' | 'details' | 'fileName' | 'size'>): string[] {
  const d = r.details
  switch (r.type) {
    case 'firmware':
      return [
        `Build name        ${d.build}`,
        `Build type        ${d.buildType}`,
        `Build version     ${d.version}`,
        `Models supported  ${(d.models ?? []).map((m) => `Lexmark ${m}`).join(', ')}`,
      ]
    case 'app':
      return [
        `Application name     ${d.name}`,
        `Application version  ${d.version}`,
        `Minimum RAM required ${formatBytes((d.minMemoryMb ?? 0) * 2 ** 20)}`,
        `Models supported     Lexmark (${(d.models ?? []).length}): ${(d.models ?? []).join(', ')}`,
      ]
    case 'ucf':
      return [`UCF file  ${r.fileName} (${d.settings} setting${d.settings === 1 ? '' : 's'}, ${formatBytes(r.size ?? 0)})`]
    case 'bundle':
      return [`Settings bundle  ${r.fileName} (${d.entries} file${d.entries === 1 ? '' : 's'}, ${formatBytes(r.size ?? 0)})`]
  }
}

/** The same view for a file before it is uploaded. */
export function describeFile(info: FileInfo, fileName: string): string[] {
  if (info.kind === 'app') return describeResource({details: info, fileName, size: info.size, type: 'app'})
  return describeResource({details: info, fileName, size: info.size, type: info.kind})
}
