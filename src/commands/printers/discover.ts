import {Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import {discover, type DiscoveredPrinter, type DiscoverProgress, saveDiscovery} from '../../lib/discovery/index.js'
import {enrolledSerials} from '../../lib/enroll/index.js'
import {LcsError} from '../../lib/errors.js'
import {BaseCommand, cloudFlags, type Column, discoveryArgs, discoveryFlags, discoveryOptions, Progress, renderCsv, renderTable} from '../../lib/ui/index.js'

const supplyText = (p: DiscoveredPrinter) => p.supplies.filter((s) => s.percent !== undefined).map((s) => `${s.color ?? s.description ?? s.type} ${s.percent}%`).join(', ')

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

  static description = `Find printers on the network and say what they are and whether they can be enrolled.

Like the Printer Enrollment Tool: mDNS first (when searching the local network), then an SNMP sweep (v1, v2c by default, or v3) that reads vendor, model, serial, firmware, page count and supplies. Each printer is classified: Eligible to Enroll (Native Agent or Printer Agent), Enrolled (its serial is already in the cloud; checked when you are logged in), or Unsupported (Fleet Agent only, or not a printer), with the reason. --save writes the result for \`lcs printers enroll --from\`.`

  static examples = [
    '<%= config.bin %> <%= command.id %> 10.20.15.0/24',
    '<%= config.bin %> <%= command.id %> 10.20.15.3-10.20.15.34 printer.example.com --exclude 10.20.15.9 --json',
    '<%= config.bin %> <%= command.id %> --local --save discovery.json',
    'LCS_SNMP_AUTH_KEY=… LCS_SNMP_PRIV_KEY=… <%= config.bin %> <%= command.id %> 10.20.*.* --force --snmp-version 3 --v3-user fleet',
  ]

  static flags = {
    ...discoveryFlags,
    ...cloudFlags,
    csv: Flags.boolean({description: 'Print CSV instead of tables.', exclusive: ['json']}),
    save: Flags.file({description: 'Write the result (JSON) to this file, for `lcs printers enroll --from`.'}),
  }

  static strict = false

  async run(): Promise<DiscoveredPrinter[]> {
    const {argv, flags} = await this.parse(PrintersDiscover)
    const opts = await discoveryOptions(flags, argv as string[])
    opts.enrolledSerials = await this.enrolledSerials(flags)
    const progress = new Progress('Discovering')
    opts.onProgress = (p: DiscoverProgress) => progress.update(p.phase === 'mdns' ? 'mDNS browse' : `SNMP ${p.probed}/${p.total} probed · ${p.found} answered`, p.probed, p.total)
    let result
    try {
      result = await discover(opts)
    } finally {
      progress.done()
    }
    const shown = this.verbose ? result.warnings : result.warnings.slice(0, 20)
    for (const w of shown) this.warning(w)
    if (result.warnings.length > shown.length) this.warning(`… and ${result.warnings.length - shown.length} more warnings (--verbose shows them all)`)
    const rows = result.printers
    if (flags.save) {
      await saveDiscovery(flags.save, rows)
      this.note(`Saved ${rows.length} printers to ${flags.save}.`)
    }
    this.note(`${rows.length} printers found, ${result.probed} addresses probed in ${(result.elapsedMs / 1000).toFixed(1)} s.`)
    if (flags.csv) {
      process.stdout.write(renderCsv(rows, CSV_COLUMNS))
    } else {
      for (const [status, title] of [['eligible', 'Eligible to Enroll'], ['enrolled', 'Enrolled'], ['unsupported', 'Unsupported']] as const) {
        const group = rows.filter((r) => r.status === status)
        if (group.length) this.log(`\n${title} (${group.length})\n${renderTable(group, COLUMNS)}`)
      }
    }
    return rows
  }

  /** Serials the cloud already has, when it can be asked; discovery is local and works without them. */
  private async enrolledSerials(flags: {profile?: string; 'api-url'?: string; region?: string; org?: string}): Promise<Set<string> | undefined> {
    try {
      const session = await this.session(flags)
      return await enrolledSerials(session.client, await activeOrgId(session))
    } catch (error) {
      if (!(error instanceof LcsError) || !['auth', 'unavailable', 'forbidden'].includes(error.kind)) throw error
      this.note(error.kind === 'auth' ? 'Not logged in: "enrolled" status is not checked against the cloud.' : `The cloud could not be asked which printers are enrolled (${error.message}); "enrolled" status is not checked.`)
      return undefined
    }
  }
}
