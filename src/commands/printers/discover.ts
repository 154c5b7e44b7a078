import {writeFile} from 'node:fs/promises'

import {Flags} from '@oclif/core'

import {fleetAgentOnly} from '../../lib/agents/index.js'
import {activeOrgId} from '../../lib/auth/index.js'
import {discover, type DiscoveredPrinter, type DiscoverResult, NOT_A_PRINTER, saveDiscovery, surveyHtml} from '../../lib/discovery/index.js'
import {enrolledSerials} from '../../lib/enroll/index.js'
import {LcsError} from '../../lib/errors.js'
import {
  BaseCommand,
  cloudFlags,
  type Column,
  discoveryArgs,
  discoveryFlags,
  discoveryOptions,
  renderCsv,
  renderTable,
  plural,
  sweepProgress,
} from '../../lib/ui/index.js'

/** "3 printers found, …": what answered, what could not be read, what stayed silent and what that can mean. */
function summary(r: DiscoverResult): string {
  const others = r.printers.filter((p) => p.reason === NOT_A_PRINTER).length
  const parts = [
    `${plural(r.printers.length - others, 'printer')} found${others ? ` (and ${plural(others, 'other SNMP device')}, ${others === 1 ? 'not a printer' : 'not printers'})` : ''}`,
    `${plural(r.probed, 'address')} probed in ${(r.elapsedMs / 1000).toFixed(1)} s`,
  ]
  if (r.unreadable.length)
    parts.push(
      `${plural(r.unreadable.length, 'address')} answered but could not be read (${r.unreadable
        .slice(0, 3)
        .map((u) => `${u.address}: ${u.reason}`)
        .join('; ')}${r.unreadable.length > 3 ? '; …' : ''})`,
    )
  let text = parts.join(', ') + '.'
  if (r.silent)
    text += ` ${plural(r.silent, 'address')} stayed silent: nobody there, SNMP off, or another community or v3 user — printers with SNMP off answer IPP: try --ipp.`
  return text
}

const supplyText = (p: DiscoveredPrinter) =>
  p.supplies
    .filter((s) => s.percent !== undefined)
    .map((s) => `${s.color ?? s.description ?? s.type} ${s.percent}%`)
    .join(', ')

const COLUMNS: Column<DiscoveredPrinter>[] = [
  {get: (p) => p.address, header: 'Address'},
  {get: (p) => p.vendor, header: 'Vendor'},
  {get: (p) => p.model, header: 'Model'},
  {get: (p) => p.serialNumber, header: 'Serial'},
  {get: (p) => p.firmware, header: 'Firmware'},
  {get: (p) => p.agentType, header: 'Agent'},
  {get: (p) => p.pageCount, header: 'Pages'},
  {get: (p) => p.reason, header: 'Reason'},
]

const CSV_COLUMNS: Column<DiscoveredPrinter>[] = [
  ...COLUMNS.slice(0, 6),
  {get: (p) => p.status, header: 'Status'},
  {get: (p) => p.source, header: 'Source'},
  {get: (p) => p.pageCount, header: 'Pages'},
  {get: (p) => p.pageCountUnit, header: 'Page unit'},
  {get: supplyText, header: 'Supplies'},
  {get: (p) => p.reason, header: 'Reason'},
  {get: (p) => p.warnings.join(' | '), header: 'Warnings'},
]

export default class PrintersDiscover extends BaseCommand {
  static args = discoveryArgs

  static summary = 'Find printers on the network and say whether they can be enrolled'

  static description = `Find printers on the network and say what they are and whether they can be enrolled.

Like the Printer Enrollment Tool: mDNS first (when searching the local network), then an SNMP sweep (v1, v2c by default, or v3) that reads vendor, model, serial, firmware, page count and supplies. Each printer is classified: Eligible to Enroll (Native Agent or Printer Agent), Enrolled (its serial is already in the cloud; checked when you are logged in), or Unsupported (Fleet Agent only, or not a printer), with the reason. --save writes the result for \`lcs printers enroll --from\`.`

  static examples = [
    '<%= config.bin %> <%= command.id %> 10.20.15.0/24',
    '<%= config.bin %> <%= command.id %> 10.20.15.3-10.20.15.34 printer.example.com --exclude 10.20.15.9 --json',
    '<%= config.bin %> <%= command.id %> --local --save discovery.json',
    '<%= config.bin %> <%= command.id %> "10.20.**" --force --report survey.html',
    'LCS_SNMP_AUTH_KEY=… LCS_SNMP_PRIV_KEY=… <%= config.bin %> <%= command.id %> 10.20.*.* --force --snmp-version 3 --v3-user fleet',
  ]

  static flags = {
    ...discoveryFlags,
    ...cloudFlags,
    csv: Flags.boolean({description: 'Print CSV instead of tables.', exclusive: ['json']}),
    report: Flags.file({
      description:
        'Write a site-survey report: one self-contained HTML page (counts by vendor, model, status and agent; supplies; page counts; firmware against the Native Agent level; addresses that could not be read).',
    }),
    save: Flags.file({description: 'Write the result (JSON) to this file, for `lcs printers enroll --from`.'}),
  }

  static strict = false

  async run(): Promise<DiscoveredPrinter[]> {
    const {argv, flags} = await this.parse(PrintersDiscover)
    const opts = await discoveryOptions(flags, argv as string[], (m) => this.warning(m))
    // Asked while the network is swept; a failure surfaces when discover() needs the list.
    opts.enrolledSerials = this.enrolledSerials(flags)
    opts.enrolledSerials.catch(() => {})
    // Ctrl-C stops the sweep; what was found so far is still printed and saved, then exit 130.
    const interrupt = new AbortController()
    opts.signal = interrupt.signal
    this.onInterrupt = () => {
      interrupt.abort()
      return new Promise<void>(() => {})
    }
    const progress = sweepProgress('Discovering', opts)
    let result
    try {
      result = await discover(opts)
    } finally {
      progress.stop()
      this.onInterrupt = undefined
    }
    this.warnings(result.warnings)
    const rows = result.printers
    if (result.stopped)
      this.warning(
        result.stopped === 'deadline'
          ? `Stopped by --discovery-timeout after ${(result.elapsedMs / 1000).toFixed(1)} s: the result holds what was found by then.`
          : 'Interrupted: the result holds what was found until then.',
      )
    if (flags.save) {
      await saveDiscovery(flags.save, rows, {
        silent: result.silent,
        ...(result.stopped ? {stopped: result.stopped} : {}),
        unreadable: result.unreadable,
        warnings: result.warnings,
      })
      this.note(`Saved ${plural(rows.length, 'printer')} to ${flags.save}.`)
    }
    if (flags.report) {
      await writeFile(flags.report, surveyHtml(result, {targets: argv as string[]}), {mode: 0o600})
      this.note(`Site survey written to ${flags.report}.`)
    }
    this.note(summary(result))
    // the next step for the printers PET cannot enroll
    const fleetOnly = fleetAgentOnly(rows).length
    if (fleetOnly) {
      const what = `${plural(fleetOnly, 'printer')} ${fleetOnly === 1 ? 'is' : 'are'} "Fleet Agent only"`
      this.note(
        flags.save
          ? `${what}: create a Fleet Agent for them with \`lcs agents fleet create --name NAME --from ${flags.save}\`.`
          : `${what}: save the discovery (--save FILE), then create a Fleet Agent for them with \`lcs agents fleet create --name NAME --from FILE\`.`,
      )
    }
    if (flags.csv) {
      process.stdout.write(renderCsv(rows, CSV_COLUMNS))
    } else if (!this.jsonEnabled()) {
      for (const [status, title] of [
        ['eligible', 'Eligible to Enroll'],
        ['enrolled', 'Enrolled'],
        ['unsupported', 'Unsupported'],
      ] as const) {
        const group = rows.filter((r) => r.status === status)
        if (group.length) this.log(`\n${title} (${group.length})\n${renderTable(group, COLUMNS)}`)
      }
    }
    if (result.stopped === 'interrupted') this.exitAs('interrupted')
    return rows
  }

  /** Serials the cloud already has, when it can be asked; discovery is local and works without them. */
  private async enrolledSerials(flags: {
    profile?: string
    'api-url'?: string
    region?: string
    org?: string
  }): Promise<Set<string> | undefined> {
    try {
      const session = await this.session(flags)
      return await enrolledSerials(session.client, await activeOrgId(session))
    } catch (error) {
      if (!(error instanceof LcsError) || !['auth', 'unavailable', 'forbidden'].includes(error.kind)) throw error
      this.note(
        error.kind === 'auth'
          ? 'Not logged in: "enrolled" status is not checked against the cloud.'
          : `The cloud could not be asked which printers are enrolled (${error.message}); "enrolled" status is not checked.`,
      )
      return undefined
    }
  }
}
