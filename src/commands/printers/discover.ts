import {Flags} from '@oclif/core'
import {writeFile} from 'node:fs/promises'

import {discover, type DiscoveredPrinter, type DiscoverProgress} from '../../lib/discovery/discover.js'
import {LcsError} from '../../lib/errors.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/base-command.js'
import {discoveryArgs, discoveryFlags, discoveryOptions} from '../../lib/ui/discovery-flags.js'
import {renderCsv, renderTable, type Column} from '../../lib/ui/output.js'
import {Progress} from '../../lib/ui/progress.js'

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
    for (const w of result.warnings.slice(0, 20)) this.warning(w)
    if (result.warnings.length > 20) this.warning(`… and ${result.warnings.length - 20} more warnings (see --json)`)
    const rows = result.printers
    if (flags.save) {
      await writeFile(flags.save, JSON.stringify({discoveredAt: new Date().toISOString(), printers: rows, version: 1}, null, 2) + '\n')
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
      const serials = new Set<string>()
      for await (const a of session.client.assets.list()) serials.add(a.serialNumber.trim().toUpperCase())
      return serials
    } catch (error) {
      if (!(error instanceof LcsError) || !['auth', 'unavailable', 'forbidden'].includes(error.kind)) throw error
      this.note(error.kind === 'auth' ? 'Not logged in: "enrolled" status is not checked against the cloud.' : `The cloud could not be asked which printers are enrolled (${error.message}); "enrolled" status is not checked.`)
      return undefined
    }
  }
}
