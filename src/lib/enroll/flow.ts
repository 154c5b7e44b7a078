// PET's enrollment flow per printer, safe to re-run: read the printer's state from its web service, fix
// its clock when NTP is off or has no server, get the organization's code, apply it (Native Agent) or
// install the Printer Configuration Agent, then wait until the cloud lists the printer. Printers the cloud already lists are
// skipped; a printer whose registration is pending (an interrupted run) is only waited for, never
// given a second code — registration is idempotent by serial, so nothing is enrolled twice.
import type {CloudClient} from '../cloud/index.js'
import {LcsError} from '../errors.js'
import {EwsError, PrinterWebService, type EwsCredentials, type PrinterStatus} from './ews.js'

export interface EnrollCandidate {
  address: string
  serialNumber: string | null
  model: string | null
  vendor: string | null
  agentType: 'native' | 'printer' | 'fleet' | null
  status: 'eligible' | 'enrolled' | 'unsupported'
  reason: string
}

type EnrollOutcome = 'enrolled' | 'already-enrolled' | 'skipped' | 'failed'

export interface EnrollRow {
  address: string
  serialNumber: string | null
  model: string | null
  agentType: 'native' | 'printer' | 'fleet' | null
  result: EnrollOutcome
  reason: string
  clockSet: boolean
  elapsedMs: number
}

interface EnrollOptions {
  client: CloudClient
  orgId: string
  /** The cloud base URL handed to the printers (they register there). */
  cloudUrl: string
  ewsPort: number
  credentials?: EwsCredentials
  /** Interactive "Apply Credentials / Skip" for a secured printer; absent in scripts. */
  askCredentials?: (c: EnrollCandidate, wrong: boolean) => Promise<EwsCredentials | 'skip'>
  preferAgent: 'native' | 'printer'
  timeoutMs: number
  concurrency: number
  pollMs?: number
  /** A printer's clock further off than this is set to this machine's time. */
  maxClockSkewMs?: number
  onUpdate?: (c: EnrollCandidate, phase: string, row?: EnrollRow) => void
}

const DEFAULT_SKEW_MS = 5 * 60_000

/** Waits for serials to appear in the cloud, with one shared poll of the organization's printer list. */
/** The serial numbers (upper case) of the organization's enrolled printers: what "enrolled" means for
 * discovery and enrollment alike. */
export async function enrolledSerials(client: CloudClient, orgId: string): Promise<Set<string>> {
  const serials = new Set<string>()
  for await (const p of client.printers.list(orgId)) serials.add(p.serialNumber.trim().toUpperCase())
  return serials
}

class CloudWatcher {
  private readonly seen = new Set<string>()
  private polling?: Promise<void>
  private lastPoll = 0

  constructor(
    private readonly client: CloudClient,
    private readonly orgId: string,
    private readonly pollMs: number,
  ) {}

  async load(): Promise<Set<string>> {
    await this.poll()
    return new Set(this.seen)
  }

  private async poll(): Promise<void> {
    for (const s of await enrolledSerials(this.client, this.orgId)) this.seen.add(s)
    this.lastPoll = Date.now()
  }

  /** True once the cloud lists the serial; polls at most every pollMs whoever asks. */
  async has(serial: string): Promise<boolean> {
    if (this.seen.has(serial.toUpperCase())) return true
    if (Date.now() - this.lastPoll >= this.pollMs) {
      this.polling ??= this.poll().finally(() => (this.polling = undefined))
      await this.polling
    }
    return this.seen.has(serial.toUpperCase())
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}

/** Runs the flow over every candidate with bounded concurrency; rows come back in input order. */
export async function enrollPrinters(candidates: EnrollCandidate[], opts: EnrollOptions): Promise<EnrollRow[]> {
  const pollMs = opts.pollMs ?? 1000
  const watcher = new CloudWatcher(opts.client, opts.orgId, pollMs)
  const inCloud = await watcher.load()
  let code: Promise<string> | undefined
  const orgCode = () => (code ??= opts.client.enrollmentCodes.get(opts.orgId).then((c) => c.code))
  let credentials = opts.credentials
  // Ctrl-C at a credentials prompt ends the whole run (not only that printer): no further prompt is
  // shown, no further printer started, and the run rejects at once with the rows finished so far.
  let interrupted: LcsError | undefined
  let stop!: (e: LcsError) => void
  const stopped = new Promise<never>((_, reject) => (stop = reject))
  stopped.catch(() => {})
  // Prompts are answered one at a time, whatever the concurrency.
  let promptChain: Promise<unknown> = Promise.resolve()
  const ask = (c: EnrollCandidate, wrong: boolean) => {
    const p = promptChain.then(() => {
      if (interrupted) throw interrupted
      return opts.askCredentials!(c, wrong)
    })
    promptChain = p.catch(() => {})
    return p
  }

  const enrolledNow = (serial: string) =>
    opts.client.printers.get(opts.orgId, serial).then(
      () => true,
      (error: unknown) => {
        if (error instanceof LcsError && error.kind === 'notFound') return false
        throw error
      },
    )

  async function one(c: EnrollCandidate): Promise<EnrollRow> {
    const started = Date.now()
    let clockSet = false
    const row = (result: EnrollOutcome, reason: string): EnrollRow => ({
      address: c.address,
      agentType: c.agentType,
      clockSet,
      elapsedMs: Date.now() - started,
      model: c.model,
      reason,
      result,
      serialNumber: c.serialNumber,
    })
    if (c.status === 'unsupported') return row('skipped', `unsupported: ${c.reason}`)
    if (!c.serialNumber) return row('skipped', 'no serial number was read from the printer')
    if (inCloud.has(c.serialNumber.toUpperCase())) return row('already-enrolled', 'already enrolled in this organization')

    // The printer's state, with credentials when it is secured.
    let creds = credentials
    let status: PrinterStatus
    for (let attempt = 0; ; attempt++) {
      try {
        status = await new PrinterWebService(c.address, opts.ewsPort, creds).status()
        break
      } catch (error) {
        if (!(error instanceof EwsError)) throw error
        if (error.kind !== 'auth') return row('failed', error.message)
        const wrong = creds !== undefined
        if (!opts.askCredentials || attempt >= 3) {
          return row(
            wrong ? 'failed' : 'skipped',
            wrong
              ? 'the printer credentials are wrong'
              : 'the printer is secured: credentials needed (--ews-user with --ews-password-stdin)',
          )
        }
        opts.onUpdate?.(c, 'credentials')
        const answer = await ask(c, wrong)
        if (answer === 'skip') return row('skipped', 'secured printer skipped at the credentials prompt')
        creds = answer
        credentials = answer // offered first to the next secured printer, as the last ones given
      }
    }
    const ews = new PrinterWebService(c.address, opts.ewsPort, creds)
    if (status.enrollment.state === 'enrolled' && status.enrollment.organizationId !== opts.orgId) {
      return row('failed', 'enrolled in another organization: unenroll it there first')
    }
    if (status.agentCapability === 'none') return row('failed', 'unsupported model: the printer reports neither a Native Agent nor eSF')

    if (status.enrollment.state !== 'pending') {
      const skew = Date.parse(status.clock) - Date.now()
      // one printer's failing web service fails that printer only
      try {
        if (Math.abs(skew) > (opts.maxClockSkewMs ?? DEFAULT_SKEW_MS)) {
          // PET sets the clock when NTP is off, or on with a blank server address (nothing to follow)
          if (status.ntp && status.ntpServer?.trim())
            return row('failed', `the printer clock is off by ${Math.round(skew / 60_000)} min and NTP is on: fix its time server`)
          opts.onUpdate?.(c, 'setting clock')
          await ews.setClock(new Date())
          clockSet = true
        }
        const useNative = status.agentCapability === 'native' && opts.preferAgent === 'native'
        // enrolled since the run's first listing (another run, a pre-enrollment checking in): no second code
        if (await enrolledNow(c.serialNumber)) return row('already-enrolled', 'enrolled in this organization since this run started')
        opts.onUpdate?.(c, useNative ? 'applying code' : 'installing Printer Agent')
        const k = await orgCode()
        if (useNative) await ews.applyEnrollmentCode(k, opts.cloudUrl)
        else await ews.installPrinterAgent(k, opts.cloudUrl)
      } catch (error) {
        if (error instanceof EwsError) return row('failed', error.message)
        throw error
      }
    }

    opts.onUpdate?.(c, 'waiting for the cloud')
    const deadline = started + opts.timeoutMs
    for (;;) {
      if (await watcher.has(c.serialNumber))
        return row('enrolled', clockSet ? "enrolled (printer clock set to this machine's time)" : 'enrolled')
      const st = await ews.status().catch(() => undefined)
      if (st?.enrollment.state === 'failed') {
        const reason = /another organization/i.test(st.enrollment.reason)
          ? 'enrolled in another organization: unenroll it there first'
          : st.enrollment.reason
        return row('failed', reason)
      }
      if (Date.now() >= deadline)
        return row('failed', `timed out after ${Math.round(opts.timeoutMs / 1000)} s waiting for the cloud to list the printer`)
      await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now())))
    }
  }

  const rows: EnrollRow[] = new Array(candidates.length)
  let next = 0
  async function worker(): Promise<void> {
    while (next < candidates.length && !interrupted) {
      const i = next++
      const c = candidates[i]
      try {
        rows[i] = await one(c)
      } catch (error) {
        if (error instanceof LcsError && error.kind === 'interrupted') {
          interrupted ??= new LcsError('interrupted', error.message, {result: {printers: rows.filter(Boolean)}})
          stop(interrupted)
          return
        }
        // A cloud failure for one printer (after the SDK's retries) must not lose the others' results.
        const msg = error instanceof LcsError ? error.message : (error as Error).message
        rows[i] = {
          address: c.address,
          agentType: c.agentType,
          clockSet: false,
          elapsedMs: 0,
          model: c.model,
          reason: msg,
          result: 'failed',
          serialNumber: c.serialNumber,
        }
      }
      opts.onUpdate?.(c, rows[i].result, rows[i])
    }
  }
  await Promise.race([Promise.all(Array.from({length: Math.max(1, Math.min(opts.concurrency, candidates.length))}, worker)), stopped])
  return rows
}
