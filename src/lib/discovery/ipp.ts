// IPP identification (RFC 8010/8011): one Get-Printer-Attributes over HTTP(S), for printers with SNMP off.
// The message codec is our own, small and bounded (see docs/decisions.md): the request is a fixed set of
// attributes, and the answer is hostile input — its size, attribute count, value lengths and collection
// depth are capped, and anything malformed becomes one warning for that printer.

/** What is asked for (the answer may hold more; only these are kept). */
export const IPP_ATTRIBUTES = [
  'printer-make-and-model',
  'printer-device-id',
  'printer-firmware-name',
  'printer-firmware-string-version',
  'printer-uuid',
  'printer-info',
  'printer-location',
  'printer-name',
  'printer-state',
  'printer-state-reasons',
  'marker-names',
  'marker-levels',
  'marker-high-levels',
  'marker-low-levels',
  'marker-types',
  'marker-colors',
]

const MAX_RESPONSE_BYTES = 256 * 1024
const MAX_ATTRIBUTES = 512
const MAX_VALUES = 256
const MAX_VALUE_BYTES = 1024
const MAX_DEPTH = 4

export type IppValue = string | number | boolean
/** Attribute name → values (printer attributes group only). */
export type IppAttributes = Map<string, IppValue[]>

export class IppError extends Error {}

function attr(tag: number, name: string, value: Buffer): Buffer {
  const n = Buffer.from(name)
  const head = Buffer.alloc(3)
  head[0] = tag
  head.writeUInt16BE(n.length, 1)
  const vl = Buffer.alloc(2)
  vl.writeUInt16BE(value.length)
  return Buffer.concat([head, n, vl, value])
}

/** Get-Printer-Attributes (operation 0x000B), IPP/1.1, with requested-attributes. */
export function encodeGetPrinterAttributes(uri: string, requestId: number, attributes = IPP_ATTRIBUTES): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt16BE(0x0101, 0)
  head.writeUInt16BE(0x000b, 2)
  head.writeUInt32BE(requestId, 4)
  const parts = [
    head,
    Buffer.from([0x01]),
    attr(0x47, 'attributes-charset', Buffer.from('utf-8')),
    attr(0x48, 'attributes-natural-language', Buffer.from('en')),
    attr(0x45, 'printer-uri', Buffer.from(uri)),
  ]
  attributes.forEach((a, i) => parts.push(attr(0x44, i === 0 ? 'requested-attributes' : '', Buffer.from(a))))
  parts.push(Buffer.from([0x03]))
  return Buffer.concat(parts)
}

export interface IppResponse {
  status: number
  requestId: number
  attributes: IppAttributes
  warnings: string[]
}

/** Decodes an IPP response; throws IppError on a malformed message. Only wanted attributes are kept. */
export function decodeIppResponse(buf: Buffer, wanted = new Set(IPP_ATTRIBUTES)): IppResponse {
  if (buf.length < 9) throw new IppError(`answer of ${buf.length} bytes is too short for IPP`)
  const major = buf[0]
  if (major < 1 || major > 2) throw new IppError(`not an IPP answer (version ${buf[0]}.${buf[1]})`)
  const status = buf.readUInt16BE(2)
  const requestId = buf.readUInt32BE(4)
  const attributes: IppAttributes = new Map()
  const warnings: string[] = []
  let p = 8
  let group = 0
  let current: string | undefined
  let count = 0
  let depth = 0
  const need = (n: number): void => {
    if (p + n > buf.length) throw new IppError('truncated attribute')
  }
  const warn = (w: string): void => {
    if (!warnings.includes(w) && warnings.length < 5) warnings.push(w)
  }
  for (;;) {
    need(1)
    const tag = buf[p++]
    if (tag === 0x03) break // end-of-attributes
    if (tag <= 0x0f) {
      group = tag
      current = undefined
      continue
    }
    need(2)
    const nameLen = buf.readUInt16BE(p)
    p += 2
    need(nameLen + 2)
    const name = buf.toString('utf8', p, p + nameLen)
    p += nameLen
    const valueLen = buf.readUInt16BE(p)
    p += 2
    need(valueLen)
    const raw = buf.subarray(p, p + valueLen)
    p += valueLen
    if (++count > MAX_ATTRIBUTES * 8) throw new IppError(`more than ${MAX_ATTRIBUTES * 8} values`)
    // Collections (RFC 8010 §3.1.6): begCollection 0x34 … endCollection 0x37, members as memberAttrName 0x4a.
    if (tag === 0x34) {
      if (++depth > MAX_DEPTH) throw new IppError(`collections nested deeper than ${MAX_DEPTH}`)
      continue
    }
    if (tag === 0x37) {
      if (depth === 0) throw new IppError('endCollection without begCollection')
      depth--
      continue
    }
    if (depth > 0 || tag === 0x4a) continue // collection members: none of what we read is a collection
    if (nameLen > 0) current = name
    if (group !== 0x04 || current === undefined || !wanted.has(current)) continue
    if (valueLen > MAX_VALUE_BYTES) warn(`${current}: a ${valueLen}-byte value was cut to ${MAX_VALUE_BYTES}`)
    const v = value(tag, raw.subarray(0, MAX_VALUE_BYTES))
    if (v === undefined) {
      warn(`${current}: value tag 0x${tag.toString(16)} is not what this attribute takes`)
      continue
    }
    let list = attributes.get(current)
    if (!list) {
      if (attributes.size >= MAX_ATTRIBUTES) continue
      attributes.set(current, (list = []))
    }
    if (list.length < MAX_VALUES) list.push(v)
  }
  if (depth > 0) throw new IppError('collection not closed')
  return {attributes, requestId, status, warnings}
}

function value(tag: number, raw: Buffer): IppValue | undefined {
  switch (tag) {
    case 0x21: // integer
    case 0x23: // enum
      return raw.length === 4 ? raw.readInt32BE(0) : undefined
    case 0x22: // boolean
      return raw.length === 1 ? raw[0] !== 0 : undefined
    case 0x30: // octetString
    case 0x35: // textWithLanguage / nameWithLanguage: lang length, lang, text length, text
    case 0x36: {
      if (tag === 0x30) return raw.toString('utf8')
      if (raw.length < 4) return undefined
      const l = raw.readUInt16BE(0)
      if (2 + l + 2 > raw.length) return undefined
      return raw.toString('utf8', 4 + l, 4 + l + raw.readUInt16BE(2 + l))
    }
    default:
      // 0x41–0x49: text, name, keyword, uri, uriScheme, charset, naturalLanguage, mimeMediaType
      return tag >= 0x41 && tag <= 0x49 ? raw.toString('utf8') : undefined
  }
}

export interface IppQuery {
  host: string
  port: number
  tls?: boolean
  /** The whole exchange (connect, send, answer), default 5000 ms. */
  timeoutMs?: number
  path?: string
  signal?: AbortSignal
}

/** POSTs Get-Printer-Attributes and decodes the answer. Rejects with IppError saying what went wrong. */
export async function getPrinterAttributes(q: IppQuery): Promise<IppResponse> {
  const path = q.path ?? '/ipp/print'
  const host = q.host.includes(':') ? `[${q.host}]` : q.host
  const uri = `${q.tls ? 'ipps' : 'ipp'}://${host}:${q.port}${path}`
  const body = encodeGetPrinterAttributes(uri, 1)
  const timeoutMs = q.timeoutMs ?? 5000
  // Loaded on first use: importing node:http as a module also loads its fetch/WebSocket side (~15 ms of
  // start-up), which a discovery without IPP never needs.
  const mod = q.tls ? (await import('node:https')).default : (await import('node:http')).default
  return new Promise((resolve, reject) => {
    let settled = false
    const fail = (msg: string): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      req.destroy()
      reject(new IppError(msg))
    }
    // Printers use self-signed certificates; identification reads public attributes only, nothing is sent.
    const req = mod.request(
      {
        agent: false,
        headers: {'content-length': body.length, 'content-type': 'application/ipp'},
        host: q.host,
        method: 'POST',
        path,
        port: q.port,
        rejectUnauthorized: false,
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume()
          return fail(`HTTP ${res.statusCode} from the IPP service`)
        }
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (c: Buffer) => {
          size += c.length
          if (size > MAX_RESPONSE_BYTES) return fail(`answer larger than ${MAX_RESPONSE_BYTES / 1024} KiB`)
          chunks.push(c)
        })
        res.on('end', () => {
          if (settled) return
          settled = true
          clearTimeout(timer)
          try {
            resolve(decodeIppResponse(Buffer.concat(chunks)))
          } catch (error) {
            reject(error instanceof IppError ? error : new IppError(`malformed IPP answer: ${(error as Error).message}`))
          }
        })
        res.on('error', (e) => fail(`IPP answer broke off: ${e.message}`))
      },
    )
    const timer = setTimeout(() => fail(`no complete IPP answer within ${timeoutMs} ms`), timeoutMs)
    q.signal?.addEventListener('abort', () => fail('stopped'), {once: true})
    req.on('error', (e: NodeJS.ErrnoException) =>
      fail(e.code === 'ECONNREFUSED' ? 'no IPP service (connection refused)' : `IPP request failed: ${e.code ?? e.message}`),
    )
    req.end(body)
  })
}

/**
 * A Get-Printer-Attributes answer (successful-ok) with text, keyword and integer attributes, for the
 * simulated printers (the sandbox's IPP side).
 */
export function encodePrinterAttributes(requestId: number, attributes: Record<string, IppValue | IppValue[]>): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt16BE(0x0101, 0)
  head.writeUInt32BE(requestId, 4)
  const parts = [
    head,
    Buffer.from([0x01]),
    attr(0x47, 'attributes-charset', Buffer.from('utf-8')),
    attr(0x48, 'attributes-natural-language', Buffer.from('en')),
    Buffer.from([0x04]),
  ]
  for (const [name, v] of Object.entries(attributes)) {
    ;[v].flat().forEach((x, i) => {
      const n = i === 0 ? name : ''
      if (typeof x === 'number') {
        const b = Buffer.alloc(4)
        b.writeInt32BE(x)
        parts.push(attr(name === 'printer-state' ? 0x23 : 0x21, n, b))
      } else parts.push(attr(/-(state-reasons|types)$/.test(name) ? 0x44 : 0x41, n, Buffer.from(String(x))))
    })
  }
  parts.push(Buffer.from([0x03]))
  return Buffer.concat(parts)
}
