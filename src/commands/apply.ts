import {Flags} from '@oclif/core'

import {activeOrgId} from '../lib/auth/index.js'
import {
  applyPlan,
  applySummary,
  counts,
  createContext,
  deletions,
  failureKind,
  irreversibleSteps,
  type FailedItem,
  type PlanItem,
  itemLine,
  loadRollout,
  planRollout,
  renderPlan,
} from '../lib/rollout/index.js'
import type {Change} from '../lib/csv/index.js'
import {TaskReporter} from '../lib/deploy/index.js'
import {BaseCommand, cloudFlags} from '../lib/ui/index.js'

interface ApplyResult {
  plan: Array<Pick<PlanItem, 'kind' | 'name' | 'action' | 'changes' | 'detail' | 'rows' | 'irreversible'>>
  applied: boolean
  failed: FailedItem[]
}

const PAST: Record<Change, string> = {create: 'created', delete: 'deleted', unchanged: 'unchanged', update: 'updated'}

export default class Apply extends BaseCommand {
  static summary = 'Apply a rollout file: plan, then create, update and delete to match it'

  static description = `Apply a rollout file: one declarative YAML file for a customer's rollout — the organization (or a child organization to create), Child Organization Access Groups, printer-login (PIN) settings, groups, users, badges and PINs (inline, or CSV files through the import engine), pre-enrolled serials, roles of the organization, groups and users, resources, configurations and deployments (targets by serial, tag or all), and MPS Express (entitlement, supplies delivery contacts and their printers, printers to add — steps that cannot be undone are marked and need --yes). The file is checked against docs/rollout.schema.json and against the cloud first; every problem is reported with its line (a CSV file's with the file's line and column) and nothing changes (exit 7). Then the plan is printed (create / update / delete / unchanged per item, like terraform plan) and applied. Applying it again reports everything unchanged. A partial failure exits 9; the last line says whether running the file again can finish the job (when the cloud was unavailable) or what failed must be fixed first (the cloud refused it). --dry-run prints the plan only. Passwords and PINs never appear in the output. The files it names must be under its own folder (or the folder its root: names, or an --allow-outside folder), symlinks resolved.`

  static examples = [
    '<%= config.bin %> <%= command.id %> -f rollout.yaml --dry-run',
    '<%= config.bin %> <%= command.id %> -f rollout.yaml',
    '<%= config.bin %> <%= command.id %> -f rollout.yaml --yes --json',
    '<%= config.bin %> <%= command.id %> -f rollout.yaml --allow-outside ../shared-apps',
  ]

  static flags = {
    ...cloudFlags,
    'allow-outside': Flags.directory({
      description:
        "A folder outside the rollout file's own (or its root:) that the files it names may be in too; repeatable. Symlinks are resolved before the check.",
      multiple: true,
    }),
    'dry-run': Flags.boolean({description: 'Print the plan and change nothing.'}),
    file: Flags.file({char: 'f', description: 'The rollout file (YAML; schema: docs/rollout.schema.json).', exists: true, required: true}),
    'poll-interval': Flags.integer({
      default: 1000,
      description: 'Milliseconds between progress polls of deployments.',
      hidden: true,
      min: 100,
    }),
    wait: Flags.boolean({
      allowNo: true,
      default: true,
      description: 'Wait for deployments to finish (failures then count). --no-wait starts them and returns.',
    }),
    yes: Flags.boolean({char: 'y', description: 'Apply deletions and steps that cannot be undone (MPS Express) without asking.'}),
  }

  async run(): Promise<ApplyResult> {
    const {flags} = await this.parse(Apply)
    const loaded = await loadRollout(flags.file)
    const s = await this.session(flags)
    const reporter = new TaskReporter(this.verbose)
    const ctx = createContext(loaded, {
      activeOrgId: await activeOrgId(s),
      allowOutside: flags['allow-outside'],
      client: s.client,
      onTaskUpdate: reporter.update,
      pollMs: flags['poll-interval'],
      wait: flags.wait,
    })
    const items = await planRollout(ctx)
    const plan = items.map((i) => ({
      action: i.action,
      kind: i.kind,
      name: i.name,
      ...(i.changes ? {changes: i.changes} : {}),
      ...(i.detail ? {detail: i.detail} : {}),
      ...(i.rows ? {rows: i.rows} : {}),
      ...(i.irreversible ? {irreversible: true} : {}),
    }))
    this.log(renderPlan(items, `Plan for ${ctx.orgName} (${flags.file}):`))
    for (const w of ctx.warnings) this.warning(w)
    const c = counts(items)
    const deleting = deletions(items)
    const undoable = irreversibleSteps(items)
    if (flags['dry-run']) return {applied: false, failed: [], plan}
    if (c.create + c.update + c.delete === 0) {
      await applyPlan(items, ctx)
      this.log('Nothing to do: everything is unchanged.')
      return {applied: true, failed: [], plan}
    }
    const asks = [
      ...(deleting ? [`${deleting} deletion${deleting === 1 ? '' : 's'}`] : []),
      ...(undoable ? [`${undoable} step${undoable === 1 ? '' : 's'} that cannot be undone`] : []),
    ].join(' and ')
    if (asks && !(await this.confirmed(flags.yes, `Apply the plan, with ${asks}?`, `confirmation of ${asks}`))) {
      this.log('Nothing was changed.')
      return {applied: false, failed: [], plan}
    }
    let failed: FailedItem[]
    try {
      failed = await applyPlan(items, ctx, {
        done: (i) => this.note(`  ✓ ${PAST[i.action]} ${itemLine(i)}`),
        failed: (i, e) => this.note(`  ✗ ${itemLine(i)}: ${e.message}`),
        start: (i) =>
          this.note(
            `  … ${i.action === 'create' && i.kind === 'deployment' ? 'deploying' : i.action.replace(/e$/, '') + 'ing'} ${itemLine(i)}${i.detail && i.kind === 'deployment' ? ` (${i.detail})` : ''}`,
          ),
      })
    } finally {
      reporter.finish()
    }
    const changed = c.create + c.update + c.delete
    this.log(applySummary(failed, changed))
    if (failed.length) this.exitAs(failureKind(failed, changed))
    return {applied: true, failed, plan}
  }
}
