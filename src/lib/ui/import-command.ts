// The shape every `… import FILE` command shares: the same flags, the engine of src/lib/csv, a progress
// line on stderr, a summary on stdout (or --json), and a confirmation before deleting.
import {Args, Flags} from '@oclif/core'
import {basename} from 'node:path'

import {activeOrgId} from '../auth/index.js'
import type {BatchItemResult, CloudClient, PinPolicy} from '../cloud/index.js'
import {DEFAULT_PIN_POLICY, type ImportFormat, type ImportSummary, runImport} from '../csv/index.js'
import {LcsError} from '../errors.js'
import {BaseCommand, cloudFlags} from './base-command.js'
import {renderTable} from './output.js'
import {Progress} from './progress.js'

/** The organization an import goes to. */
export interface OrgScope {
  client: CloudClient
  orgId: string
}

const SHOWN_PLAN_ROWS = 50

/** The organization's PIN settings, which PIN columns follow (offline, --validate-only: any 4–12 digits). */
export function pinPolicyOf(scope: OrgScope | undefined): Promise<PinPolicy> {
  return scope ? scope.client.loginConfig.get(scope.orgId) : Promise.resolve(DEFAULT_PIN_POLICY)
}

export abstract class ImportCommand<Item> extends BaseCommand {
  static args = {file: Args.string({description: 'The file to import (CSV, or TXT where the format allows).', required: true})}

  static flags = {
    ...cloudFlags,
    concurrency: Flags.integer({description: 'Requests in flight at once.', default: 4, max: 16, min: 1}),
    'continue-on-error': Flags.boolean({
      description: 'When the cloud rejects some rows, import the others anyway (exit 9) instead of changing nothing (exit 7).',
    }),
    'dry-run': Flags.boolean({
      description: 'Validate, then show what each row would do in the cloud (create, update, delete, unchanged); change nothing.',
    }),
    resume: Flags.boolean({description: 'Continue an interrupted import of this file from its journal (FILE.journal).'}),
    'validate-only': Flags.boolean({
      description: 'Only check the file, offline: no login needed (PINs are checked as 4–12 digits).',
      exclusive: ['dry-run', 'resume'],
    }),
    yes: Flags.boolean({char: 'y', description: 'Delete what the file says to delete without asking (required without a terminal).'}),
  }

  /** The file format; `scope` is undefined with --validate-only (no cloud). */
  protected abstract format(scope: OrgScope | undefined): Promise<ImportFormat<Item>>

  /** Sends one chunk to the batch endpoint. */
  protected abstract send(scope: OrgScope, items: Item[], dryRun: boolean): Promise<BatchItemResult[]>

  async run(): Promise<ImportSummary> {
    // parse() copies a command class's own static properties only: name the inherited ones
    const {args, flags} = await this.parse({
      args: ImportCommand.args,
      baseFlags: BaseCommand.baseFlags,
      enableJsonFlag: true,
      flags: ImportCommand.flags,
    })
    const file = args.file
    let scope: OrgScope | undefined
    if (!flags['validate-only']) {
      const s = await this.session(flags)
      scope = {client: s.client, orgId: await activeOrgId(s)}
    }
    const format = await this.format(scope)
    const progress = new Progress(basename(file))
    if (!flags['dry-run'] && !flags['validate-only'])
      this.interruptHint = `What was sent is in the journal: run the same command with --resume to continue.`
    let summary: ImportSummary
    try {
      summary = await runImport({
        concurrency: flags.concurrency,
        confirmDeletes: (n) =>
          this.confirmDelete(`${n} ${n === 1 ? format.name.replace(/s$/, '') : format.name}`, flags.yes, 'Nothing was imported.'),
        continueOnError: flags['continue-on-error'],
        dryRun: flags['dry-run'],
        file,
        format,
        onProgress: (p) => progress.update(`${p.phase} ${p.done}${p.total ? `/${p.total}` : ''} rows`, p.done, p.total || undefined),
        onWarning: (m) => {
          progress.done()
          this.warning(m)
        },
        resume: flags.resume,
        send: (items, dryRun) => this.send(scope!, items, dryRun),
        orgId: scope?.orgId ?? '',
        validateOnly: flags['validate-only'],
      })
    } catch (error) {
      progress.done()
      // counts are worth showing when something was planned or done; a file with errors has none
      const done = error instanceof LcsError && error.result ? (error.result as unknown as ImportSummary) : undefined
      if (done && !this.jsonEnabled() && (done.dryRun || done.created + done.updated + done.deleted + done.unchanged > 0))
        this.summarize(done, flags['validate-only'])
      throw error
    }
    progress.done()
    if (!this.jsonEnabled()) this.summarize(summary, flags['validate-only'])
    return summary
  }

  private summarize(s: ImportSummary, validateOnly: boolean): void {
    if (s.plan) {
      const changes = s.plan.filter((p) => p.action !== 'unchanged')
      if (changes.length) {
        this.log(
          renderTable(changes.slice(0, SHOWN_PLAN_ROWS), [
            {get: (p) => p.line, header: 'Line'},
            {get: (p) => p.label, header: 'Row'},
            {get: (p) => p.action, header: 'Action'},
            {get: (p) => p.reason, header: 'Reason'},
          ]),
        )
        if (changes.length > SHOWN_PLAN_ROWS) this.log(`… and ${changes.length - SHOWN_PLAN_ROWS} more (--json lists every row).`)
      }
    }
    const counts = `${s.created} created, ${s.updated} updated, ${s.deleted} deleted, ${s.unchanged} unchanged, ${s.rejected} rejected`
    const rows = `${s.rows} row${s.rows === 1 ? '' : 's'}`
    if (s.dryRun) this.log(`Dry run of ${s.file} (${rows}): would be ${counts}. Nothing was changed.`)
    else if (validateOnly && !s.rejected) this.log(`${s.file}: ${rows}, no errors.`)
    else this.log(`${s.file} (${rows}${s.resumed ? ', resumed' : ''}): ${counts}.`)
    if (s.reportFile) this.log(`Rejected rows and why: ${s.reportFile}`)
  }
}
