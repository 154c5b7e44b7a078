// The sandbox's activity engine (`sandbox start --activity RATE`): enrolled printers print pages on the
// sandbox clock, their toner, drums and kits drain, they report to the cloud unless made quiet, and the
// notification policies are evaluated: a crossing lands in the notification history and the outbox.
// The sandbox clock runs --time-scale times faster than the real one and jumps with `sandbox advance`;
// the engine then simulates the time in between step by step, so a three-day jump takes a moment.
import type {AssetSupply, NotificationRecord} from '../cloud/index.js'
import {notifyAt, supplyKind, type Policy} from '../policies/index.js'
import {getOrg, type Db} from './db.js'
import type {RunningFleet} from './fleet.js'
import {PrinterWear} from './printers/wear.js'
import {sendMail} from './store/outbox.js'
import * as clock from './store/clock.js'
import * as mps from './store/mps.js'
import * as store from './store/policies.js'

export interface ActivityOptions {
  db: Db
  fleet?: RunningFleet
  /** Pages each printer prints per sandbox minute (0: idle printers that still communicate). */
  rate: number
  /** Sandbox seconds per real second (1: the real pace). */
  timeScale: number
  log?: (line: string) => void
  /** Real milliseconds between two runs of the engine. */
  tickMs?: number
}

/** The engine simulates at most this much sandbox time in one step (crossings are dated to the step). */
const STEP_MS = 15 * 60_000
const DAY_MS = 86_400_000
/** Lexmark registers a printer it takes into MPS Express only if the printer communicated this recently. */
const REGISTRATION_WINDOW_MS = 3_600_000
/** Pages a full supply lasts on printers the sandbox knows only in the cloud (the seeded ones). */
const LIFE_PAGES: Record<string, number> = {
  Fuser: 150_000,
  'Maintenance Kit': 200_000,
  Photoconductors: 60_000,
  Toner: 10_000,
  'Transfer Module': 120_000,
  'Waste Toner Bottle': 40_000,
}

/** An enrolled printer during a catch-up: read once, changed in memory step by step, written once. */
interface Printer {
  row: store.EnrolledRow
  tags: string[]
  counters: Record<string, number>
  supplies: Array<AssetSupply & {percent?: number}>
  lastCommunicated: number | null
  lastRefresh: number | null
  mode: store.PrinterMode
  carry: number
  /** Reported anything during this catch-up (its row is written back). */
  reported: boolean
}

const level = (s: AssetSupply & {percent?: number}) => s.percentRemaining ?? s.percent

/** A supply drained by pages (cloud-only printers: their supplies are what the cloud last heard). */
function drain(supplies: Array<AssetSupply & {percent?: number}>, pages: number): AssetSupply[] {
  return supplies.map((s) => {
    const l = level(s)
    const kind = supplyKind(s)
    if (typeof l !== 'number' || l < 0 || !kind) return s
    const share = s.color && s.color !== 'black' ? 0.5 : 1
    return {...s, percentRemaining: Math.max(0, Math.round((l - (pages * share * 100) / LIFE_PAGES[kind]) * 100) / 100)}
  })
}

export class ActivityEngine {
  private timer?: NodeJS.Timeout
  private readonly db: Db
  private readonly log: (line: string) => void
  /** The simulated printers by serial (upper case), each with what it has printed and used. */
  private readonly wear = new Map<string, {address: string; wear: PrinterWear; carry: number; shown: number}>()
  private shownAt = 0

  constructor(private readonly o: ActivityOptions) {
    this.db = o.db
    this.log = o.log ?? (() => {})
    for (const [address, g] of o.fleet?.generated ?? [])
      this.wear.set(g.serial.toUpperCase(), {address, carry: 0, shown: g.pageCount, wear: new PrinterWear(g.records)})
  }

  /** Starts the clock; time the sandbox was stopped is not simulated (its printers were off too). */
  start(): void {
    clock.setSimulatedUntil(this.db, clock.sandboxNow(this.db))
    const tickMs = this.o.tickMs ?? 500
    this.timer ??= setInterval(() => {
      try {
        if (this.o.timeScale > 1) clock.advanceClock(this.db, tickMs * (this.o.timeScale - 1))
        this.catchUp()
      } catch (error) {
        this.log(`activity engine: ${(error as Error).stack}`)
      }
    }, tickMs)
    this.timer.unref()
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  /**
   * Simulates the printers up to the sandbox clock's now: what the store holds is read once, the steps
   * run in memory, and what changed is written in one transaction (a month of 15-minute steps is 2,880).
   */
  catchUp(): void {
    const now = clock.sandboxNow(this.db)
    const from = clock.simulatedUntil(this.db) ?? now
    if (from >= now) return
    const policies = store.allPolicies(this.db)
    const activity = new Map(store.allActivity(this.db).map((a) => [a.serial.toUpperCase(), a]))
    const printers: Printer[] = store.enrolledPrinters(this.db).map((row) => {
      const a = activity.get(row.serial.toUpperCase())
      return {
        carry: a?.carry ?? 0,
        counters: JSON.parse(row.counters) as Record<string, number>,
        lastCommunicated: row.last_communication,
        lastRefresh: a?.last_refresh ?? null,
        mode: a?.mode ?? 'normal',
        reported: false,
        row,
        supplies: JSON.parse(row.supplies) as AssetSupply[],
        tags: JSON.parse(row.tags) as string[],
      }
    })
    const fired = store.firedKeys(this.db)
    const before = new Set(fired)
    const requests = mps.pendingRequests(this.db)
    this.db.transaction(() => {
      for (let t = from; t < now; ) {
        const step = Math.min(STEP_MS, now - t)
        t += step
        this.simulate(printers, activity, t, step)
        this.evaluate(printers, policies, fired, t)
        this.takeIntoMps(printers, requests, t)
      }
      for (const p of printers) {
        if (p.reported) store.saveReading(this.db, p.row.serial, p.counters, p.supplies, p.lastCommunicated!, p.lastRefresh!)
        else if (p.lastCommunicated !== p.row.last_communication) store.saveHeartbeat(this.db, p.row.serial, p.lastCommunicated!)
        if (p.reported || p.lastCommunicated !== p.row.last_communication)
          store.setActivity(this.db, p.row.serial, {carry: p.carry, last_refresh: p.lastRefresh})
      }
      store.saveFired(this.db, before, fired)
      clock.setSimulatedUntil(this.db, now)
    })()
    // a jump (`sandbox advance`) shows at once, so a discovery right after it sees the new counts
    this.showOverSnmp(now - from >= STEP_MS)
  }

  /** The printers' SNMP agents answer with what they printed: every 2 s at most (it costs CPU), or at once. */
  private showOverSnmp(atOnce: boolean): void {
    if (!atOnce && Date.now() - this.shownAt < 2000) return
    this.shownAt = Date.now()
    for (const w of this.wear.values()) {
      if (w.wear.pageCount === w.shown) continue
      w.shown = w.wear.pageCount
      this.o.fleet?.agents.get(w.address)?.setOverrides(w.wear.overrides())
    }
  }

  private simulate(printers: Printer[], activity: Map<string, store.ActivityRow>, now: number, stepMs: number): void {
    const pagesOf = (carry: number) => {
      const pages = (this.o.rate * stepMs) / 60_000 + carry
      return {carry: pages - Math.floor(pages), whole: Math.floor(pages)}
    }
    // a simulated printer prints whether or not it is enrolled; a silent one is off
    for (const [serial, w] of this.wear) {
      if (activity.get(serial)?.mode === 'silent') continue
      const {carry, whole} = pagesOf(w.carry)
      w.carry = carry
      w.wear.print(whole)
    }
    for (const p of printers) {
      if (p.mode === 'silent') continue
      p.lastCommunicated = now
      if (p.mode === 'stale') continue
      const sim = this.wear.get(p.row.serial.toUpperCase())
      const lifetime = p.counters.lifetimeCount
      if (sim) {
        p.supplies = sim.wear.supplies()
        p.counters.lifetimeCount = sim.wear.pageCount
      } else {
        const {carry, whole} = pagesOf(p.carry)
        p.carry = carry
        p.supplies = drain(p.supplies, whole)
        p.counters.lifetimeCount = (lifetime ?? 0) + whole
      }
      const printed = p.counters.lifetimeCount - (lifetime ?? p.counters.lifetimeCount)
      p.counters.printSideCount = (p.counters.printSideCount ?? 0) + printed
      if (p.counters.monoPrintSideCount !== undefined) p.counters.monoPrintSideCount += printed
      p.lastRefresh = now
      p.reported = true
    }
  }

  /**
   * Lexmark takes the printers added to MPS Express a day after their request: one communicating then
   * becomes "MPS Express", one that is not (its agent went quiet) fails registration. Settled requests
   * leave the list.
   */
  private takeIntoMps(printers: Printer[], requests: mps.MpsRequestRow[], now: number): void {
    for (let i = requests.length - 1; i >= 0; i--) {
      const r = requests[i]
      if (r.requested_at + mps.MPS_TAKEOVER_MS > now) continue
      const last = printers.find((p) => p.row.serial === r.serial)?.lastCommunicated ?? null
      mps.settleRequest(this.db, r, last !== null && now - last <= REGISTRATION_WINDOW_MS ? 'managed' : 'failed', now)
      requests.splice(i, 1)
    }
  }

  private evaluate(printers: Printer[], policies: Policy[], fired: Set<string>, now: number): void {
    for (const p of policies) {
      const mine = printers.filter((r) => r.row.org_id === p.organizationId && (!p.tags.length || r.tags.some((t) => p.tags.includes(t))))
      const quiet: Array<{r: store.EnrolledRow; record: NotificationRecord}> = []
      for (const pr of mine) {
        const r = pr.row
        const once = (subject: string, condition: boolean): boolean => {
          const key = `${p.id}\n${r.serial}\n${subject}`
          if (!condition) {
            fired.delete(key) // the condition is over (toner replaced, the printer back): the next crossing notifies
            return false
          }
          if (fired.has(key)) return false
          fired.add(key)
          return true
        }
        const base = {
          assetTag: '',
          category: p.category,
          date: now,
          emails: p.recipients,
          ipAddress: r.address,
          model: `${r.manufacturer} ${r.model_name}`,
          notifyAt: notifyAt(p),
          policyId: p.id,
          policyName: p.name,
          policyType: p.type,
          serialNumber: r.serial,
        }
        if (p.category === 'supplies') {
          for (const s of pr.supplies) {
            const l = level(s)
            if (typeof l !== 'number' || l < 0 || supplyKind(s) !== p.type) continue
            if (!once(`${s.color ?? ''}:${s.description ?? s.type}`, l <= p.threshold!)) continue
            const record = store.addHistory(this.db, p.organizationId, {
              ...base,
              color: s.color ? s.color[0].toUpperCase() + s.color.slice(1) : undefined,
              problem: `${p.type} level`,
              supplyLevel: Math.floor(l),
              supplyName: s.description,
            })
            this.mailSupply(p, r, record)
          }
          continue
        }
        const lastDataRefresh = pr.lastRefresh ?? pr.lastCommunicated
        const last = p.type === 'Last communicated' ? pr.lastCommunicated : lastDataRefresh
        if (!once(p.type, last !== null && now - last >= p.days! * DAY_MS)) continue
        quiet.push({
          r,
          record: store.addHistory(this.db, p.organizationId, {
            ...base,
            lastCommunicated: pr.lastCommunicated,
            lastDataRefresh,
            problem: p.type,
          }),
        })
      }
      if (quiet.length) this.mailPrinterInformation(p, quiet, now)
    }
  }

  /** One e-mail to each recipient, the notification data after the body when the policy attaches it. */
  private mail(p: Policy, subject: string, body: string, data: {name: string; content: string}, at: number): void {
    const text = p.attachData ? `${body}\n\nAttachment ${data.name}:\n${data.content}` : body
    for (const to of p.recipients) sendMail(this.db, {body: text, kind: 'notification', subject, to}, at)
  }

  private orgName(id: string): string {
    return getOrg(this.db, id)?.name ?? id
  }

  /** The guide's toner level e-mail ("755904000075 [Caret Office Supply] : Toner Level Notification - Cyan"). */
  private mailSupply(p: Policy, r: store.EnrolledRow, n: NotificationRecord): void {
    const org = this.orgName(p.organizationId)
    const problem = `${p.type === 'Toner' ? 'Toner' : p.type} Level`
    const what = n.color ?? n.supplyName ?? p.type
    const title = `${problem} Notification - ${what}`
    const body = [
      title,
      '',
      'Lexmark Cloud Services',
      '',
      'Notification details:',
      '=====',
      'Asset tag: ',
      'Location: ',
      'Contact name: ',
      `Additional information: ${p.additionalInfo}`,
      `Organization: ${org}`,
      `Problem: ${problem}`,
      `Notify at: ${p.type} below or equal to ${p.threshold} %`,
      'Status description: ',
      `Printer S/N: ${r.serial}`,
      `Printer model: ${r.model_name}`,
      `IP address: ${r.address ?? ''}`,
      'Supply S/N: ',
      `Supply type: ${what}`,
      `Supply level: ${n.supplyLevel} %`,
    ].join('\n')
    const data = {
      additionalInfo: p.additionalInfo,
      assetIpAddress: r.address ?? '',
      assetModel: r.model_name,
      assetSerialNumber: r.serial,
      assetTag: '',
      color: n.color ?? '',
      contactName: '',
      location: '',
      notificationThreshold: p.threshold,
      organization: org,
      policyType: problem,
      statusDescription: '',
      supplyLevel: n.supplyLevel,
      supplyName: n.supplyName ?? '',
      supplySerialNumber: '',
    }
    this.mail(
      p,
      `${r.serial} [${org}] : ${title}`,
      body,
      {content: JSON.stringify(data, null, 2), name: 'NotificationDetails.json'},
      n.date,
    )
  }

  /** The guide's daily status report of the printers that stopped communicating or refreshing their data. */
  private mailPrinterInformation(p: Policy, quiet: Array<{r: store.EnrolledRow; record: NotificationRecord}>, now: number): void {
    const org = this.orgName(p.organizationId)
    const title = p.type === 'Last communicated' ? 'Printer Not Communicating' : 'Data Not Refreshed'
    const verb = p.type === 'Last communicated' ? 'communicated with' : 'refreshed their data with'
    const utc = (t: number | null | undefined) =>
      t ? `${new Date(t).toISOString().slice(0, 16).replace('T', ' ').replace(/-/g, '/')} UTC` : ''
    const n = quiet.length
    const body = [
      title,
      '',
      'Lexmark Cloud Services',
      '',
      `DAILY STATUS REPORT - ${utc(now)}`,
      '',
      `${n} printer${n === 1 ? ' has' : 's have'} not ${verb} Lexmark Cloud Services for at least ${p.days} day${p.days === 1 ? '' : 's'}.`,
      '',
      `Organization: ${org}`,
      `Policy name: ${p.name}`,
      `Additional information: ${p.additionalInfo}`,
      '',
      'Printers\tAsset Tag\tLocation\tLast Communicated\tLast Data Refresh',
      ...quiet.map(
        ({r, record}) =>
          `${[r.address, r.serial, r.manufacturer, r.model_name].filter(Boolean).join(' ')}\t\t\t${utc(record.lastCommunicated)}\t${utc(record.lastDataRefresh)}`,
      ),
    ].join('\n')
    const csv = [
      'IP_ADDRESS,SERIAL_NUMBER,MODEL,ASSET_TAG,LOCATION,LAST_COMMUNICATED,LAST_REFRESH,NOTIFICATION_TYPE,NOTIFICATION_THRESHOLD,ORGANIZATION,POLICY_NAME',
      ...quiet.map(({r, record}) =>
        [
          r.address ?? '',
          r.serial,
          `${r.manufacturer} ${r.model_name}`,
          '',
          '',
          utc(record.lastCommunicated),
          utc(record.lastDataRefresh),
          p.type === 'Last communicated' ? 'Last Communicated' : 'Last Data Refresh',
          String(p.days),
          org,
          p.name,
        ]
          .map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v))
          .join(','),
      ),
    ].join('\n')
    this.mail(p, `[${org}] : ${title}`, body, {content: csv, name: `NotificationDetails_${p.name}.csv`}, now)
  }
}
