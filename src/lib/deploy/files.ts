// The files a resource or a one-off deployment carries: eSF apps (.fls), UCF settings files (.ucf or
// .txt) and settings bundles (.zip). One place decides a file's kind from its name and checks its
// content, for the CLI (before anything is uploaded) and the sandbox (on upload).
import {createHash} from 'node:crypto'
import {basename, extname} from 'node:path'

import {InvalidAppFile, parseFls, type AppFileInfo} from './fls.js'

export type FileKind = 'app' | 'ucf' | 'bundle'
export type ResourceType = 'firmware' | FileKind

export const RESOURCE_TYPES: readonly ResourceType[] = ['firmware', 'app', 'ucf', 'bundle']

export class InvalidFile extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InvalidFile'
  }
}

/** The kind a file name implies, or undefined. */
export function kindOfFile(fileName: string): FileKind | undefined {
  const ext = extname(fileName).toLowerCase()
  return ext === '.fls' ? 'app' : ext === '.ucf' || ext === '.txt' ? 'ucf' : ext === '.zip' ? 'bundle' : undefined
}

const EXTENSIONS: Record<FileKind, string> = {app: '.fls', bundle: '.zip', ucf: '.ucf or .txt'}

interface UcfInfo {
  settings: number
}

interface BundleInfo {
  entries: number
}

/** sha256 is the whole file's (what makes two uploads "the same file"). */
export type FileInfo = {sha256: string; size: number} & (
  | ({kind: 'app'} & AppFileInfo)
  | ({kind: 'ucf'} & UcfInfo)
  | ({kind: 'bundle'} & BundleInfo)
)

/**
 * A Universal Configuration File: UTF-8 text, one setting per line (`NAME VALUE` or `NAME "VALUE"`),
 * `#` comments and blank lines. At least one setting.
 */
export function parseUcf(buf: Buffer): UcfInfo {
  if (buf.includes(0)) throw new InvalidFile('Invalid UCF file: it is binary, not text')
  const text = buf.toString('utf8').replace(/^\uFEFF/, '')
  let settings = 0
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim()
    if (!line || line.startsWith('#')) continue
    if (!/^[A-Za-z][\w.-]*\s+("([^"\\]|\\.)*"|\S+)$/.test(line))
      throw new InvalidFile(`Invalid UCF file: line ${i + 1} is not NAME VALUE (${JSON.stringify(line.slice(0, 60))})`)
    settings++
  }
  if (settings === 0) throw new InvalidFile('Invalid UCF file: it has no settings')
  return {settings}
}

/** A settings bundle is a .zip archive: local-file signature first, an end-of-central-directory record last. */
export function checkBundle(buf: Buffer): BundleInfo {
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw new InvalidFile('Invalid settings bundle: not a .zip archive')
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) return {entries: buf.readUInt16LE(i + 10)}
  }
  throw new InvalidFile('Invalid settings bundle: the .zip archive is truncated')
}

/** Checks a file's content against its kind; throws InvalidAppFile / InvalidFile. */
export function inspectFile(fileName: string, buf: Buffer, expected?: FileKind): FileInfo {
  const kind = kindOfFile(fileName)
  if (!kind) throw new InvalidFile(`${basename(fileName)}: unknown file type (apps are .fls, settings .ucf/.txt or .zip)`)
  if (expected && kind !== expected)
    throw new InvalidFile(
      `${basename(fileName)} is not ${expected === 'app' ? 'an app' : `a ${expected}`} file: ${expected} files end in ${EXTENSIONS[expected]}`,
    )
  if (buf.length === 0) throw kind === 'app' ? new InvalidAppFile('the file is empty') : new InvalidFile(`${basename(fileName)} is empty`)
  const sha256 = createHash('sha256').update(buf).digest('hex')
  const size = buf.length
  if (kind === 'app') return {kind, sha256, size, ...parseFls(buf)}
  if (kind === 'ucf') return {kind, sha256, size, ...parseUcf(buf)}
  return {kind, sha256, size, ...checkBundle(buf)}
}
