import {discover, meterCsvRows, meterRead, type MeterRead} from '../../lib/discovery/index.js'
import {
  BaseCommand,
  type Column,
  discoveryArgs,
  discoveryFlags,
  discoveryOptions,
  plural,
  renderCsv,
  sweepProgress,
} from '../../lib/ui/index.js'

// Meter reads are SNMP only (IPP carries no counters).
const {ipp: _ipp, 'ipp-port': _ippPort, mdns: _mdns, 'mdns-interface': _interfaces, 'mdns-only': _only, ...meterFlags} = discoveryFlags

type CsvRow = ReturnType<typeof meterCsvRows>[number]
const CSV: Column<CsvRow>[] = (['serialNumber', 'date', 'kind', 'name', 'value', 'unit', 'oid'] as const).map((k) => ({
  get: (r) => r[k],
  header: k,
}))

export default class PrintersMeters extends BaseCommand {
  static args = discoveryArgs

  static summary = 'Read the meters of printers over SNMP'

  static description = `Read the meters of printers over SNMP, as an MPS or billing service collects them: serial number, meter names and values, supplies usage and the date of the reading — nothing else about the customer (no addresses, names or locations). CSV by default (one row per meter or supply), or --json.

Meters have one name whatever the vendor: total and sinceLastPowerOn (the Printer-MIB marker counters, in the unit the printer gives), mono, color, print, printMono, printColor, copy, copyMono, copyColor, fax, scan, scanMono, scanColor, sheets and duplex (from the vendor's own counters: HP, Kyocera, Sharp, Konica Minolta, Xerox, Canon, Epson, Brother, Ricoh and its brands, Lexmark). Each meter carries the OID it was read from; a printer answers only the meters it has.`

  static examples = [
    '<%= config.bin %> <%= command.id %> 10.20.15.0/24 > meters.csv',
    '<%= config.bin %> <%= command.id %> --file printers.txt --json',
  ]

  static flags = meterFlags

  static strict = false

  async run(): Promise<MeterRead[]> {
    const {argv, flags} = await this.parse(PrintersMeters)
    const opts = {
      ...(await discoveryOptions({...flags, mdns: false, 'mdns-only': false}, argv as string[], (m) => this.warning(m))),
      meters: true,
    }
    const progress = sweepProgress('Reading meters', opts)
    let result
    try {
      result = await discover(opts)
    } finally {
      progress.stop()
    }
    const date = new Date()
    const reads = result.printers
      .filter((p) => p.source !== 'mdns')
      .map((p) => meterRead(p, date))
      .filter((r): r is MeterRead => r !== undefined)
    const skipped = result.printers.length - reads.length
    if (skipped) this.warning(`${plural(skipped, 'device')} reported no serial number and ${skipped === 1 ? 'is' : 'are'} left out.`)
    this.note(`${plural(reads.length, 'meter read')}.`)
    if (!this.jsonEnabled()) process.stdout.write(renderCsv(meterCsvRows(reads), CSV))
    return reads
  }
}
