import {Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import {discover, type DiscoveredPrinter, readDiscovery} from '../../lib/discovery/index.js'
import {DEFAULT_EWS_PORT, type EnrollCandidate, enrolledSerials, enrollPrinters, type EnrollRow} from '../../lib/enroll/index.js'
import {LcsError} from '../../lib/errors.js'
import {registerSecret} from '../../lib/redact.js'
import {
  BaseCommand,
  cloudFlags,
  type Column,
  discoveryArgs,
  discoveryFlags,
  type DiscoveryFlagValues,
  discoveryOptions,
  missing,
  Progress,
  readSecretFromStdin,
  renderTable,
} from '../../lib/ui/index.js'

const COLUMNS: Column<EnrollRow>[] = [
  {get: (r) => r.address, header: 'Address'},
  {get: (r) => r.serialNumber, header: 'Serial'},
  {get: (r) => r.model, header: 'Model'},
  {get: (r) => r.agentType, header: 'Agent'},
  {get: (r) => r.result, header: 'Result'},
  {get: (r) => r.reason, header: 'Reason'},
]

// SNMP timeout and concurrency are renamed here: --timeout and --concurrency are the enrollment's own.
const {timeout: _snmpTimeout, concurrency: _snmpConcurrency, ...snmpFlags} = discoveryFlags

export default class PrintersEnroll extends BaseCommand {
  static args = discoveryArgs

  static summary = 'Enroll printers in the cloud, as the Printer Enrollment Tool does'

  static description = `Enroll printers in the cloud, as the Printer Enrollment Tool does: for each printer, read its state from its web service, set its clock when it is wrong and NTP is off, get the organization's enrollment code, apply it (Native Agent) or install the Printer Configuration Agent app (Printer Agent), and wait until the cloud lists the printer.

Select printers from a saved discovery (--from), by discovering TARGETS, by --serial, or --all-eligible; in a terminal with no selection, a checklist of the eligible printers. Safe to re-run: printers already enrolled are reported as such and an interrupted run resumes (a pending registration is waited for, never repeated). Exit 9 when some printers failed.`

  static examples = [
    '<%= config.bin %> <%= command.id %> --from discovery.json --all-eligible',
    'printf %s "$EWS_PW" | <%= config.bin %> <%= command.id %> 10.20.15.0/24 --all-eligible --ews-user admin --ews-password-stdin --json',
    '<%= config.bin %> <%= command.id %> --from discovery.json --serial 50123ABCD --prefer-agent printer',
  ]

  static flags = {
    ...snmpFlags,
    ...cloudFlags,
    'all-eligible': Flags.boolean({description: 'Enroll every eligible printer (others are reported with their reason).'}),
    concurrency: Flags.integer({description: 'Printers enrolled at once.', default: 32, min: 1, max: 256}),
    'ews-password-stdin': Flags.boolean({
      description: "Read the printers' web-service password from stdin.",
      dependsOn: ['ews-user'],
      exclusive: ['community-stdin', 'v3-keys-stdin'],
    }),
    'ews-port': Flags.integer({
      description: "TCP port of the printers' web service (our contract; the sandbox's printers use 16180).",
      default: DEFAULT_EWS_PORT,
      min: 1,
      max: 65_535,
    }),
    'ews-user': Flags.string({description: "User name for secured printers' web service."}),
    from: Flags.file({description: 'A saved discovery (`lcs printers discover --save FILE`).', exists: true}),
    'prefer-agent': Flags.string({
      description: 'Agent for printers that support both (PET: "enroll native agent-capable printers using").',
      default: 'native',
      options: ['native', 'printer'],
    }),
    serial: Flags.string({description: 'Enroll only the printer with this serial number; repeatable.', multiple: true}),
    'snmp-timeout': Flags.string({
      description: 'Per-try SNMP timeout in seconds for the discovery of TARGETS.',
      default: '2',
      helpGroup: 'SNMP',
    }),
    timeout: Flags.integer({description: 'Seconds to wait for the cloud to list each printer (60–499).', default: 300, min: 60, max: 499}),
  }

  static strict = false

  async run(): Promise<EnrollRow[]> {
    const {argv, flags} = await this.parse(PrintersEnroll)
    const targets = argv as string[]
    const prompter = this.factory.prompter
    const interactive = prompter.canPrompt({json: this.jsonEnabled()})
    if (!flags.from && targets.length === 0 && !flags.file?.length && !flags.local) {
      throw new LcsError(
        'usage',
        'Nothing to enroll from: give TARGETS (they are discovered first), --file, --local or --from discovery.json.',
      )
    }
    if (!flags['all-eligible'] && !flags.serial?.length && !interactive) throw missing('--all-eligible or --serial', 'printer selection')
    const ewsPassword = flags['ews-password-stdin'] ? await readSecretFromStdin("the printers' web-service password") : undefined
    registerSecret(ewsPassword)
    const session = await this.session(flags)
    const orgId = await activeOrgId(session)
    // Before any network sweep: a caller without the enrolling roles gets the 403 naming them at once.
    await session.client.enrollmentCodes.get(orgId)

    const rows = flags.from ? await readDiscovery(flags.from) : await this.discoverTargets(flags, targets)
    let selected: DiscoveredPrinter[]
    if (flags.serial?.length) {
      const wanted = new Set(flags.serial.map((s) => s.trim().toUpperCase()))
      selected = rows.filter((r) => r.serialNumber && wanted.has(r.serialNumber.toUpperCase()))
      const missingSerials = [...wanted].filter((s) => !selected.some((r) => r.serialNumber?.toUpperCase() === s))
      if (missingSerials.length) this.warning(`Not found among the discovered printers: ${missingSerials.join(', ')}`)
    } else if (flags['all-eligible']) {
      selected = rows
    } else {
      selected = await this.pick(rows, await enrolledSerials(session.client, orgId))
    }
    if (selected.length === 0) throw new LcsError('notFound', 'No printer selected.')

    const progress = new Progress('Enrolling')
    const counts = {enrolled: 0, 'already-enrolled': 0, failed: 0, skipped: 0} as Record<string, number>
    let done = 0
    const tally = () =>
      `enrolled ${counts.enrolled}, already enrolled ${counts['already-enrolled']}, skipped ${counts.skipped}, failed ${counts.failed}`
    const run = enrollPrinters(selected as EnrollCandidate[], {
      askCredentials: interactive
        ? async (c, wrong) => {
            progress.done()
            const choice = await prompter.select(
              `${c.address} ${c.model ?? ''} is secured${wrong ? ' and the credentials were wrong' : ''}.`,
              [
                {name: 'Apply Credentials', value: 'apply'},
                {name: 'Skip', value: 'skip'},
              ],
            )
            if (choice === 'skip') return 'skip'
            const user = await prompter.input('User name', (v) => v.length > 0 || 'Enter a user name')
            return {password: await prompter.secret('Password'), user}
          }
        : undefined,
      client: session.client,
      cloudUrl: session.endpoints.apis,
      concurrency: flags.concurrency,
      credentials: flags['ews-user'] && ewsPassword ? {password: ewsPassword, user: flags['ews-user']} : undefined,
      ewsPort: flags['ews-port'],
      onUpdate: (c, phase, row) => {
        if (row) {
          done++
          counts[row.result]++
          if (this.verbose) this.note(`${c.address} ${row.result}: ${row.reason}`)
        } else if (this.verbose) {
          this.note(`${c.address} ${phase}`)
        }
        this.interruptHint = `Of ${selected.length} printers: ${tally()}. Run the same command again to resume (nothing is enrolled twice).`
        progress.update(
          `${done}/${selected.length} · enrolled ${counts.enrolled} · already ${counts['already-enrolled']} · skipped ${counts.skipped} · failed ${counts.failed}`,
          done,
          selected.length,
        )
      },
      orgId,
      preferAgent: flags['prefer-agent'] as 'native' | 'printer',
      timeoutMs: flags.timeout * 1000,
    })
    const result = await run.catch((error: unknown) => {
      progress.done()
      if (!(error instanceof LcsError && error.kind === 'interrupted')) throw error
      const finished = (error.result?.printers ?? []) as EnrollRow[]
      if (finished.length) this.log(renderTable(finished, COLUMNS))
      throw new LcsError(
        'interrupted',
        `Interrupted: of ${selected.length} printers, ${tally()}; ${selected.length - done} not finished.`,
        {
          hint: 'Run the same command again to resume: printers already enrolled are reported as such, pending ones waited for.',
          result: error.result,
        },
      )
    })
    progress.done()
    this.note(`${tally().replace(/^e/, 'E')}.`)
    this.log(renderTable(result, COLUMNS))
    if (counts.failed > 0) this.exitAs('partial')
    return result
  }

  /** The checklist: eligible printers pre-selected; those the cloud already lists shown as enrolled, not selectable. */
  private async pick(rows: DiscoveredPrinter[], inCloud: Set<string>): Promise<DiscoveredPrinter[]> {
    const enrolled = (r: DiscoveredPrinter) =>
      r.status === 'enrolled' || Boolean(r.serialNumber && inCloud.has(r.serialNumber.toUpperCase()))
    const shown = rows.filter((r) => r.status === 'eligible' || enrolled(r))
    const eligible = shown.filter((r) => !enrolled(r))
    if (eligible.length === 0) {
      const already = shown.length
      throw new LcsError('notFound', `No eligible printer was found${already ? ` (${already} already enrolled)` : ''}.`, {
        hint: 'See `lcs printers discover` for the reasons.',
      })
    }
    return this.factory.prompter.checkbox(
      'Printers to enroll (space toggles, enter confirms)',
      shown.map((r) => ({
        checked: !enrolled(r),
        disabled: enrolled(r) ? '(enrolled)' : undefined,
        name: `${r.address}  ${r.vendor ?? ''} ${r.model ?? ''}  ${r.serialNumber ?? ''}  (${r.agentType} agent)`,
        value: r,
      })),
      'printers',
    )
  }

  private async discoverTargets(
    flags: Omit<DiscoveryFlagValues, 'timeout' | 'concurrency'> & {'snmp-timeout': string},
    targets: string[],
  ): Promise<DiscoveredPrinter[]> {
    const opts = await discoveryOptions({...flags, concurrency: undefined, timeout: flags['snmp-timeout']}, targets, (m) => this.warning(m))
    const progress = new Progress('Discovering')
    opts.onProgress = (p) => progress.update(`${p.probed}/${p.total} probed · ${p.found} answered`, p.probed, p.total)
    try {
      return (await discover(opts)).printers
    } finally {
      progress.done()
    }
  }
}
