import {Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import {COMMUNICATION_STATUSES, type Asset, type CommunicationStatus, type EnrolledPrinter} from '../../lib/cloud/index.js'
import {organizationNames} from '../../lib/lookups.js'
import {mpsLabel} from '../../lib/mps/index.js'
import {BaseCommand, cloudFlags, listFlags, type Column, timestamp, renderCsv, renderTable} from '../../lib/ui/index.js'

const FLEET: Column<EnrolledPrinter>[] = [
  {get: (p) => p.serialNumber, header: 'Serial'},
  {get: (p) => `${p.manufacturer} ${p.modelName}`, header: 'Model'},
  {get: (p) => p.agent, header: 'Agent'},
  // the Fleet Agent (or Local Agent's computer) it is enrolled through
  {get: (p) => p.agentName, header: 'Agent name'},
  {get: (p) => p.communicationStatus, header: 'Communication'},
  {get: (p) => p.firmware, header: 'Firmware'},
  {get: (p) => timestamp(p.lastCommunication), header: 'Last communication'},
  {get: (p) => p.tags.join(' '), header: 'Tags'},
  {get: (p) => mpsLabel(p.mpsStatus), header: 'Lexmark Managed'},
]

/** The asset columns; Organization by name (the id, accountId, is in --json). */
const assets = (orgs: Map<string, string>): Column<Asset>[] => [
  {get: (a) => a.serialNumber, header: 'Serial'},
  {get: (a) => a.manufacturer, header: 'Manufacturer'},
  {get: (a) => a.modelName, header: 'Model'},
  {get: (a) => a.name, header: 'Name'},
  {get: (a) => orgs.get(a.accountId) ?? a.accountId, header: 'Organization'},
  {get: (a) => a.counters?.lifetimeCount, header: 'Pages'},
  {get: (a) => timestamp(a.lastCommunication), header: 'Last communication'},
]

export default class PrintersList extends BaseCommand {
  static summary = 'List the enrolled printers of the organization'

  static description = `List the enrolled printers of the organization: agent (and the name of the Fleet or Local Agent it is enrolled through), communication status (Communicating, Not communicating, Agent needs credentials, Agent not communicating; --status filters, repeatable), firmware, last communication, tags and MPS Express state.

--integration lists the assets through the public integration API instead (/v1.0/assets, paged; the organization and its children); that is the call that works against the public cloud today, where it needs client credentials.`

  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --tag floor-2 --json',
    '<%= config.bin %> <%= command.id %> --status "Agent needs credentials" --status "Not communicating"',
    '<%= config.bin %> <%= command.id %> --model cx --limit 20 --json --fields serialNumber,modelName',
    '<%= config.bin %> <%= command.id %> --integration --csv > fleet.csv',
  ]

  static flags = {
    ...cloudFlags,
    csv: Flags.boolean({description: 'Print CSV instead of a table.', exclusive: ['json']}),
    'include-children': Flags.boolean({description: 'Also list the printers of child organizations.'}),
    integration: Flags.boolean({
      description: 'Use the public integration API (assets with counters, supplies, alerts).',
      exclusive: ['tag', 'include-children', 'status', 'model'],
    }),
    ...listFlags,
    model: Flags.string({description: 'Only printers whose manufacturer or model name contains this text (any case).'}),
    'page-size': Flags.integer({description: 'Printers per request with --integration (1–200).', default: 200, min: 1, max: 200}),
    status: Flags.string({
      description: `Only printers with this communication status (repeatable): ${COMMUNICATION_STATUSES.join(', ')}.`,
      exclusive: ['integration'],
      helpValue: '<status>',
      multiple: true,
      options: [...COMMUNICATION_STATUSES],
    }),
    tag: Flags.string({description: 'Only printers with this tag.'}),
  }

  async run(): Promise<Asset[] | EnrolledPrinter[]> {
    const {flags} = await this.parse(PrintersList)
    const s = await this.session(flags)
    if (flags.integration) {
      const rows = await this.collect(s.client.assets.list('assets', {pageSize: flags['page-size']}), flags.limit)
      // names from our contract's organization list; where that is not served (the public cloud), the ids
      const names = this.jsonEnabled()
        ? new Map<string, string>()
        : await organizationNames(s.client).catch(() => new Map<string, string>())
      this.render(rows, assets(names), flags.csv)
      return rows
    }
    const orgId = await activeOrgId(s)
    const filter = {
      includeChildren: flags['include-children'],
      model: flags.model,
      status: flags.status as CommunicationStatus[] | undefined,
      tag: flags.tag,
    }
    const rows = await this.collect(s.client.printers.list(orgId, filter), flags.limit)
    this.render(rows, FLEET, flags.csv)
    return rows
  }

  private render<T>(rows: T[], columns: Column<T>[], csv: boolean): void {
    if (csv) process.stdout.write(renderCsv(rows, columns))
    else this.log(rows.length ? renderTable(rows, columns) : 'No printers.')
  }
}
