// The simulated printer's small web service (our stand-in for Lexmark's embedded web server, whose
// endpoints are not public): status, clock, apply an enrollment code (Native Agent), install the
// Printer Configuration Agent app (Printer Agent), and show a printer-generated code. Secured printers
// answer 401 until Basic credentials are given. After it gets a code, the printer registers itself with
// the cloud, as a real one does, retrying with backoff.
import {randomUUID} from 'node:crypto'
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import {encodePrinterAttributes} from '../../discovery/index.js'

export const EWS_PREFIX = '/lcs/v1'
/** A clock further off than this fails the cloud's TLS/token checks: the printer cannot register. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000

export type AgentCapability = 'native' | 'printer' | 'none'

export interface EwsPrinter {
  address: string
  serialNumber: string
  manufacturer: string
  modelName: string
  firmware: string
  capability: AgentCapability
  /** Basic-auth credentials the web service demands, if secured. */
  credentials?: {user: string; password: string}
  clockSkewMs: number
  ntp: boolean
  /** The time server NTP uses; blank with NTP on: nothing sets the clock, so it can be set by hand. */
  ntpServer: string
  /** Time from getting a code to registering with the cloud. */
  registerDelayMs: number
  /** Takes codes but never registers (a printer whose outbound traffic is blocked). */
  neverRegisters?: boolean
  /** The lifetime page count it reports when it registers (the cloud's MPS Express eligibility needs one). */
  pageCount?: number
  /** Answers IPP Get-Printer-Attributes on POST /ipp/print (default true). */
  ipp?: boolean
}

type EnrollmentState =
  | {state: 'none'}
  | {state: 'pending'; since: number}
  | {state: 'enrolled'; organizationId: string}
  | {state: 'failed'; reason: string}

export interface EwsServer {
  readonly printer: EwsPrinter
  readonly enrollment: EnrollmentState
  /** A Native Agent printer's periodic check-in: enrolls it when its serial is pre-enrolled. */
  checkIn(cloudUrl: string): Promise<EnrollmentState>
  close(): Promise<void>
}

const ALLOWED_CLOUD = /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+$/

export async function startEws(p: EwsPrinter, port: number, log: (line: string) => void = () => {}): Promise<EwsServer> {
  let enrollment: EnrollmentState = {state: 'none'}
  let appInstalled = p.capability === 'printer' ? false : undefined
  let closed = false
  const clock = () => new Date(Date.now() + p.clockSkewMs)

  async function checkIn(cloudUrl: string): Promise<EnrollmentState> {
    if (p.capability !== 'native' || enrollment.state === 'pending' || !ALLOWED_CLOUD.test(cloudUrl)) return enrollment
    const res = await fetch(`${cloudUrl}/cfm/fleet-management-service/v1.0/registrations`, {
      body: JSON.stringify({
        address: p.address,
        agent: 'native',
        firmware: p.firmware,
        manufacturer: p.manufacturer,
        modelName: p.modelName,
        pageCount: p.pageCount,
        serialNumber: p.serialNumber,
      }),
      headers: {'Content-Type': 'application/json'},
      method: 'POST',
      signal: AbortSignal.timeout(10_000),
    }).catch(() => undefined)
    if (res?.ok) enrollment = {organizationId: ((await res.json()) as {organizationId: string}).organizationId, state: 'enrolled'}
    else if (res?.status === 404) enrollment = {state: 'none'} // unenrolled in the cloud, or never enrolled
    return enrollment
  }

  async function register(cloudUrl: string, code: string, agent: 'native' | 'printer'): Promise<void> {
    enrollment = {since: Date.now(), state: 'pending'}
    await sleep(p.registerDelayMs)
    if (p.neverRegisters || closed) return
    if (Math.abs(p.clockSkewMs) > MAX_CLOCK_SKEW_MS) {
      enrollment = {reason: 'the printer clock is wrong: the cloud rejected its certificate check', state: 'failed'}
      return
    }
    // one key for every attempt: a retry after a lost answer is the same registration
    const key = randomUUID()
    for (let attempt = 0; attempt < 8 && !closed; attempt++) {
      try {
        const res = await fetch(`${cloudUrl}/cfm/fleet-management-service/v1.0/registrations`, {
          body: JSON.stringify({
            address: p.address,
            agent,
            code,
            firmware: p.firmware,
            manufacturer: p.manufacturer,
            modelName: p.modelName,
            pageCount: p.pageCount,
            serialNumber: p.serialNumber,
          }),
          headers: {'Content-Type': 'application/json', 'Idempotency-Key': key},
          method: 'POST',
          signal: AbortSignal.timeout(10_000),
        })
        const body = (await res.json().catch(() => ({}))) as {organizationId?: string; error?: {message?: string}}
        if (res.ok) {
          enrollment = {organizationId: body.organizationId ?? '', state: 'enrolled'}
          return
        }
        if (res.status < 500 && res.status !== 429) {
          enrollment = {reason: body.error?.message ?? `registration refused (HTTP ${res.status})`, state: 'failed'}
          return
        }
      } catch {
        // network trouble: retry
      }
      await sleep(Math.min(8000, 250 * 2 ** attempt))
    }
    if (!closed) enrollment = {reason: 'could not reach the cloud', state: 'failed'}
  }

  function authorized(req: IncomingMessage): boolean {
    if (!p.credentials) return true
    const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')
    if (!m) return false
    const [user, ...rest] = Buffer.from(m[1], 'base64').toString('utf8').split(':')
    return user === p.credentials.user && rest.join(':') === p.credentials.password
  }

  // IPP (RFC 8011) as printers with SNMP off still answer it: identity only, read without authentication.
  async function ipp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    let size = 0
    for await (const c of req as AsyncIterable<Buffer>) {
      size += c.length
      if (size > 64 * 1024) return void res.writeHead(413).end()
      chunks.push(c)
    }
    const body = Buffer.concat(chunks)
    if (body.length < 9 || body.readUInt16BE(2) !== 0x000b) return void res.writeHead(400).end()
    res.writeHead(200, {'Content-Type': 'application/ipp'})
    res.end(
      encodePrinterAttributes(body.readUInt32BE(4), {
        'printer-device-id': `MFG:${p.manufacturer};MDL:${p.modelName};SN:${p.serialNumber};`,
        'printer-firmware-string-version': p.firmware,
        'printer-make-and-model': `${p.manufacturer} ${p.modelName}`,
        'printer-state': 3,
        'printer-state-reasons': 'none',
      }),
    )
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, {'Content-Type': 'application/json', ...headers})
      res.end(JSON.stringify(body))
    }
    const path = (req.url ?? '/').split('?')[0]
    if (path === '/ipp/print' && req.method === 'POST' && p.ipp !== false) return ipp(req, res)
    if (!path.startsWith(EWS_PREFIX)) return send(404, {error: 'not found'})
    if (!authorized(req)) return send(401, {error: 'authentication required'}, {'WWW-Authenticate': 'Basic realm="Printer"'})
    let body: Record<string, unknown> = {}
    if (req.method !== 'GET') {
      let text = ''
      for await (const c of req) text += c
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {}
      } catch {
        return send(400, {error: 'body is not JSON'})
      }
    }
    const route = `${req.method} ${path.slice(EWS_PREFIX.length)}`
    const cloud = typeof body.cloudUrl === 'string' ? body.cloudUrl.replace(/\/+$/, '') : ''
    const code = typeof body.code === 'string' ? body.code : ''
    switch (route) {
      case 'GET /status':
        return send(200, {
          agentCapability: p.capability,
          clock: clock().toISOString(),
          enrollment,
          firmware: p.firmware,
          manufacturer: p.manufacturer,
          modelName: p.modelName,
          ntp: p.ntp,
          ntpServer: p.ntpServer,
          printerAgentInstalled: appInstalled ?? null,
          serialNumber: p.serialNumber,
        })
      case 'PUT /clock': {
        if (p.ntp && p.ntpServer.trim()) return send(409, {error: 'NTP is on: the clock follows the time server and cannot be set by hand'})
        const t = Date.parse(String(body.time))
        if (!Number.isFinite(t)) return send(400, {error: 'time must be an ISO 8601 date'})
        p.clockSkewMs = t - Date.now()
        return send(200, {clock: clock().toISOString()})
      }
      case 'POST /enrollment':
      case 'POST /apps/printer-configuration-agent': {
        const native = route === 'POST /enrollment'
        if (native && p.capability !== 'native') return send(409, {error: 'this printer has no Native Agent (firmware too old)'})
        if (!native && p.capability === 'none') return send(409, {error: 'this printer cannot run eSF applications'})
        if (!code || !ALLOWED_CLOUD.test(cloud)) return send(400, {error: 'code and a loopback cloudUrl are required'})
        if (enrollment.state === 'pending') return send(202, {enrollment})
        if (!native) appInstalled = true
        void register(cloud, code, native ? 'native' : 'printer')
        log(`${p.address} ${native ? 'applied enrollment code' : 'installed the Printer Configuration Agent'}`)
        return send(202, {enrollment})
      }
      case 'POST /cloud-connect':
        if (!ALLOWED_CLOUD.test(cloud)) return send(400, {error: 'a loopback cloudUrl is required'})
        return send(200, {enrollment: await checkIn(cloud)})
      case 'POST /enrollment-code': {
        if (!ALLOWED_CLOUD.test(cloud)) return send(400, {error: 'a loopback cloudUrl is required'})
        const r = await fetch(`${cloud}/cfm/fleet-management-service/v1.0/device-codes`, {
          body: JSON.stringify({
            address: p.address,
            agent: p.capability === 'native' ? 'native' : 'printer',
            firmware: p.firmware,
            manufacturer: p.manufacturer,
            modelName: p.modelName,
            serialNumber: p.serialNumber,
          }),
          headers: {'Content-Type': 'application/json'},
          method: 'POST',
          signal: AbortSignal.timeout(10_000),
        })
        return send(r.status, await r.json())
      }
      default:
        return send(404, {error: `no route ${route}`})
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) res.writeHead(500, {'Content-Type': 'application/json'})
      res.end(JSON.stringify({error: error.message}))
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, p.address, () => resolve())
  })
  return {
    checkIn,
    async close() {
      closed = true
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    },
    get enrollment() {
      return enrollment
    },
    printer: p,
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}
