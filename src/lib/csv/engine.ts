// The import engine. Three streaming passes over the file, so memory stays flat whatever its size:
//   1. validate: every row against the format's rules (all errors, with line and column; duplicates);
//      any error stops here, before anything reaches the cloud;
//   2. plan: the rows in chunks to the batch endpoint as a dry run: the cloud says, per row, create /
//      update / delete / unchanged or why it would reject it (unknown user, badge of someone else…);
//      rejections stop here too (nothing changed) unless --continue-on-error;
//   3. apply: only the rows that change something, in chunks that fit the endpoint (items per request and
//      the 1 MB body limit), a few chunks in flight, each chunk's outcomes appended to the journal.
// A finished file run again plans "unchanged" everywhere and sends nothing; an interrupted run resumes
// from its journal (--resume), and anything applied but not journaled plans as unchanged.
// Rows held in memory (a rollout file's inline entries) go through the same passes, without a journal
// or a rejected-rows report: there is no file to put them next to, and a re-run plans them again. They
// are numbered 1…n where a file's rows have lines, and their errors say where each value is written.
import type {BatchItemResult, Outcome} from '../cloud/index.js'
import {LcsError, type ErrorDetail} from '../errors.js'
import type {Header, ImportFormat} from './format.js'
import {checkResumable, Journal} from './journal.js'
import {readCsv} from './read.js'
import {RejectReport} from './report.js'
import {changedDuringImport, scanFile, scanRows, type LocatedError, type MemoryRow, type Row} from './scan.js'

/** The portal's limit per upload (1 MiB of request body). */
const MAX_BODY_BYTES = 1024 * 1024
const ENVELOPE_BYTES = '{"items":[]}'.length
const MAX_DETAILS = 100

type Phase = 'validating' | 'planning' | 'applying'
/** What a row does to the cloud (a rollout file's plan items use the same words). */
export type Change = 'create' | 'update' | 'delete' | 'unchanged'

interface ImportProgress {
  phase: Phase
  done: number
  /** 0 while unknown (validation). */
  total: number
}

export interface PlanRow {
  /** The row's line (a row held in memory: its number, 1…n). */
  line: number
  label: string
  /** `reject` only in a dry run's plan, with the reason. */
  action: Change | 'reject'
  reason?: string
}

export interface ImportSummary {
  file: string
  rows: number
  created: number
  updated: number
  deleted: number
  unchanged: number
  rejected: number
  reportFile: string | null
  dryRun: boolean
  resumed: boolean
  warnings: string[]
  /** --dry-run: what each row would do. */
  plan?: PlanRow[]
}

export interface ImportOptions<Item> {
  /** The file to import; with `rows`, only the name they go by in messages. */
  file: string
  /** Rows held in memory instead of the file's. */
  rows?: readonly MemoryRow[]
  format: ImportFormat<Item>
  /** Sends one chunk to the batch endpoint (a dry run only answers what would happen). */
  send(items: Item[], dryRun: boolean): Promise<BatchItemResult[]>
  /** The organization the rows go to: a journal only resumes against the same one. */
  orgId: string
  validateOnly?: boolean
  dryRun?: boolean
  resume?: boolean
  continueOnError?: boolean
  /** Chunks in flight at once. */
  concurrency?: number
  maxBodyBytes?: number
  onProgress?(p: ImportProgress): void
  onWarning?(message: string): void
  /** Called before anything is deleted, with how many rows delete; throws to refuse. */
  confirmDeletes?(count: number): Promise<void>
}

const ACTIONS: Record<Outcome, Change> = {created: 'create', deleted: 'delete', unchanged: 'unchanged', updated: 'update'}

const plural = (n: number, what: string) => `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`

function counts(s: ImportSummary): Record<string, unknown> {
  const {plan: _plan, ...rest} = s
  return rest
}

interface Validation {
  rows: number
  /** The line of every row (a journal resumed may record only these). */
  lines: Set<number>
  sha256: string
  header?: Header
  errorRows: number
  errorCount: number
  details: ErrorDetail[]
}

const toDetail = (e: LocatedError): ErrorDetail => ({column: e.column, field: e.field, line: e.line, row: e.row, rule: e.rule})

const scan = <Item>(o: ImportOptions<Item>, on: Parameters<typeof scanFile<Item>>[2]) =>
  o.rows ? scanRows(o.rows, o.format, on) : scanFile((onRecord) => readCsv(o.file, onRecord), o.format, on)

/** Where the value of `column` of row `line` is: a file's line and header position, or where a row held in memory has it. */
function locate<Item>(o: ImportOptions<Item>, header: Header | undefined, line: number, column?: string): ErrorDetail {
  if (o.rows) return {...o.rows[line - 1].at(column), row: line}
  return {column: column === undefined ? undefined : (header?.index.get(column) ?? 0) + 1, field: column, line}
}

/** How a message names row `line`. */
const rowName = <Item>(o: ImportOptions<Item>, line: number) => (o.rows ? `in ${o.rows[line - 1].name}` : `on line ${line}`)

async function validate<Item>(o: ImportOptions<Item>, report: RejectReport, summary: ImportSummary): Promise<Validation> {
  const v: Validation = {details: [], errorCount: 0, errorRows: 0, lines: new Set(), rows: 0, sha256: ''}
  const seen = new Map<string, number>()
  const warnings = new Map<string, number>()
  const invalid = (line: number, cells: string[] | undefined, errors: LocatedError[]) => {
    v.errorRows++
    v.errorCount += errors.length
    for (const e of errors) if (v.details.length < MAX_DETAILS) v.details.push(toDetail(e))
    report.add(line, cells, errors.map((e) => `${e.field ?? `column ${e.column}`}: ${e.rule}`).join('; '))
  }
  let rows = 0
  const scanned = await scan(o, {
    header(h) {
      v.header = h
      report.columns(h.isHeader ? h.names : [...o.format.columns])
    },
    invalid,
    row(r, decoded) {
      v.lines.add(r.line)
      const dups: LocatedError[] = []
      for (const k of decoded.keys) {
        const first = seen.get(k.key)
        if (first === undefined) seen.set(k.key, r.line)
        else
          dups.push({
            ...(locate(o, v.header, r.line, k.column) as LocatedError),
            rule: `${k.label} is already ${rowName(o, first)}: a file names it once`,
          })
      }
      if (dups.length) invalid(r.line, r.cells, dups)
      else if (decoded.warning) warnings.set(decoded.warning, (warnings.get(decoded.warning) ?? 0) + 1)
      if (++rows % 1000 === 0) o.onProgress?.({done: rows, phase: 'validating', total: 0})
    },
  })
  v.rows = scanned.rows
  v.sha256 = scanned.sha256
  for (const [w, n] of warnings) {
    const message = `${w} (${plural(n, 'row')})`
    summary.warnings.push(message)
    o.onWarning?.(message)
  }
  return v
}

/** Streams the wanted rows in chunks to the batch endpoint, a few chunks in flight; onBatch sees each answer. */
async function sendAll<Item>(
  o: ImportOptions<Item>,
  sha256: string,
  want: (line: number) => boolean,
  dryRun: boolean,
  onBatch: (batch: Array<[Row<Item>, BatchItemResult]>) => void,
  stop: () => boolean = () => false,
): Promise<void> {
  const limit = Math.max(1, o.concurrency ?? 4)
  const maxBytes = o.maxBodyBytes ?? MAX_BODY_BYTES
  const inflight = new Set<Promise<void>>()
  let failure: unknown
  let chunk: Array<Row<Item>> = []
  let bytes = ENVELOPE_BYTES
  const dispatch = async () => {
    const batch = chunk
    chunk = []
    bytes = ENVELOPE_BYTES
    while (inflight.size >= limit) await Promise.race(inflight)
    const p: Promise<void> = o
      .send(
        batch.map((r) => r.item),
        dryRun,
      )
      .then((results) => {
        if (results?.length !== batch.length)
          throw new LcsError('unavailable', `The cloud answered ${results?.length ?? 0} results for ${batch.length} items.`)
        onBatch(batch.map((r, i) => [r, results[i]]))
      })
      .catch((error: unknown) => {
        failure ??= error
      })
      .finally(() => inflight.delete(p))
    inflight.add(p)
  }
  try {
    const scanned = await scan(o, {
      invalid() {
        throw changedDuringImport(o.file)
      },
      async row(r) {
        if (failure) throw failure
        if (stop() || !want(r.line)) return
        const size = Buffer.byteLength(JSON.stringify(r.item)) + 1
        if (chunk.length && (chunk.length >= o.format.maxItems || bytes + size > maxBytes)) await dispatch()
        chunk.push(r)
        bytes += size
      },
    })
    if (scanned.sha256 !== sha256) throw changedDuringImport(o.file)
    if (chunk.length && !stop() && !failure) await dispatch()
  } finally {
    while (inflight.size) await Promise.race(inflight)
  }
  if (failure) throw failure
}

export async function runImport<Item>(o: ImportOptions<Item>): Promise<ImportSummary> {
  const report = new RejectReport(o.rows ? undefined : `${o.file}.rejected.csv`, o.format.secretColumns)
  const s: ImportSummary = {
    created: 0,
    deleted: 0,
    // nothing is changed under --validate-only either: a dry run, as scripts reading --json expect
    dryRun: Boolean(o.dryRun || o.validateOnly),
    file: o.file,
    rejected: 0,
    reportFile: null,
    resumed: false,
    rows: 0,
    unchanged: 0,
    updated: 0,
    warnings: [],
  }
  const v = await validate(o, report, s)
  s.rows = v.rows
  if (v.errorRows) {
    s.rejected = v.errorRows
    s.reportFile = report.close() ?? null
    const listed = v.errorCount > v.details.length ? `The first ${v.details.length} errors are listed; every` : 'Every'
    throw new LcsError(
      'badData',
      `${o.file}: ${plural(v.errorCount, 'error')} in ${plural(v.errorRows, 'row')}; nothing was sent to the cloud.`,
      {
        details: v.details,
        hint: `${listed} rejected row and its reason: ${s.reportFile}`,
        result: counts(s),
      },
    )
  }
  if (o.validateOnly) {
    report.close()
    return s
  }

  // ---- journal of an interrupted run ----
  const identity = {format: o.format.name, sha256: v.sha256, target: o.orgId}
  let prior: ReturnType<typeof Journal.read>
  try {
    prior = o.rows ? undefined : Journal.read(o.file)
  } catch (error) {
    // a damaged journal only matters to --resume; a new import replaces it
    if (o.resume) throw error
  }
  let done = new Map<number, Outcome>()
  if (o.resume && prior) {
    checkResumable(prior.identity, identity, `${o.file}.journal`, prior.done, v.lines)
    done = prior.done
    s.resumed = true
    for (const outcome of done.values()) s[outcome]++
  } else if (o.resume) {
    o.onWarning?.(`No interrupted import of ${o.file} to resume: starting from the first row.`)
  } else if (prior && !o.dryRun) {
    o.onWarning?.(
      `An interrupted import of ${o.file} was found (${plural(prior.done.size, 'row')} applied); starting over (pass --resume to continue it instead). Rows the cloud already holds show as unchanged.`,
    )
  }

  const rejections: ErrorDetail[] = []
  const reject = (row: Row<Item>, res: BatchItemResult): string => {
    const reason = res.error?.message ?? `HTTP ${res.status}`
    const field = res.error?.details?.[0]?.field
    const column = field === undefined ? undefined : o.format.fields[field]
    s.rejected++
    report.add(row.line, row.cells, column ? `${column}: ${reason}` : reason)
    if (rejections.length < MAX_DETAILS) {
      rejections.push({...locate(o, v.header, row.line, column), rule: reason})
    }
    return reason
  }
  const rejected = (res: BatchItemResult) => res.status >= 300 || !res.outcome

  // ---- plan (dry run against the cloud's current state) ----
  const toApply = new Set<number>()
  const would = {create: 0, delete: 0, update: 0}
  const plan: PlanRow[] = []
  const planTotal = v.rows - done.size
  let planned = 0
  await sendAll(
    o,
    v.sha256,
    (line) => !done.has(line),
    true,
    (batch) => {
      for (const [row, res] of batch) {
        const label = o.format.label(row.item)
        if (rejected(res)) {
          const reason = reject(row, res)
          if (o.dryRun) plan.push({action: 'reject', label, line: row.line, reason})
          continue
        }
        const action = ACTIONS[res.outcome!]
        if (action === 'unchanged') s.unchanged++
        else {
          toApply.add(row.line)
          would[action as keyof typeof would]++
        }
        if (o.dryRun) plan.push({action, label, line: row.line})
      }
      planned += batch.length
      o.onProgress?.({done: planned, phase: 'planning', total: planTotal})
    },
  )
  if (o.dryRun) {
    s.created += would.create
    s.updated += would.update
    s.deleted += would.delete
    s.plan = plan.sort((a, b) => a.line - b.line)
    s.reportFile = report.close() ?? null
    if (s.rejected) {
      throw new LcsError(
        o.continueOnError ? 'partial' : 'badData',
        `${o.file}: the cloud would reject ${plural(s.rejected, 'row')}${o.continueOnError ? ' and import the others' : ''}.`,
        {
          details: rejections,
          hint: `Every rejected row and its reason: ${s.reportFile}`,
          result: s as unknown as Record<string, unknown>,
        },
      )
    }
    return s
  }
  if (s.rejected && !o.continueOnError) {
    s.reportFile = report.close() ?? null
    throw new LcsError('badData', `${o.file}: the cloud would reject ${plural(s.rejected, 'row')}; nothing was changed.`, {
      details: rejections,
      hint: `Fix them (every one is in ${s.reportFile}), or pass --continue-on-error to import the other rows.`,
      result: counts(s),
    })
  }
  if (would.delete) await o.confirmDeletes?.(would.delete)
  // ---- apply ----
  let stopped: {line: number; reason: string} | undefined
  if (toApply.size) {
    const journal = o.rows ? undefined : Journal.open(o.file, identity, s.resumed)
    let applied = 0
    try {
      await sendAll(
        o,
        v.sha256,
        (line) => toApply.has(line),
        false,
        (batch) => {
          const entries: Array<[number, Outcome]> = []
          for (const [row, res] of batch) {
            if (rejected(res)) {
              const reason = reject(row, res)
              if (!o.continueOnError) stopped ??= {line: row.line, reason}
              continue
            }
            s[res.outcome!]++
            entries.push([row.line, res.outcome!])
          }
          journal?.record(entries)
          applied += batch.length
          o.onProgress?.({done: applied, phase: 'applying', total: toApply.size})
        },
        () => stopped !== undefined,
      )
    } catch (error) {
      s.reportFile = report.close() ?? null
      const e = error instanceof LcsError ? error : new LcsError('error', (error as Error).message, {cause: error})
      throw new LcsError(e.kind, e.message, {
        cause: e.cause,
        details: e.details,
        hint: journal
          ? `${e.hint ? `${e.hint} ` : ''}What was applied is in ${journal.path}: run the same command with --resume to continue.`
          : e.hint,
        requestId: e.requestId,
        result: counts(s),
      })
    } finally {
      journal?.close()
    }
  }
  // the import ran to its end (a journal of an earlier run included): nothing to resume
  if (!o.rows) Journal.discard(o.file)
  s.reportFile = report.close() ?? null
  if (stopped) {
    throw new LcsError(
      'badData',
      `Line ${stopped.line} of ${o.file} was rejected by the cloud: ${stopped.reason}. Stopped there (${plural(s.created + s.updated + s.deleted, 'row')} changed before).`,
      {
        details: rejections,
        hint: 'Fix the row and run the import again (rows already applied show as unchanged), or pass --continue-on-error.',
        result: counts(s),
      },
    )
  }
  if (s.rejected) {
    throw new LcsError('partial', `${plural(s.rejected, 'row')} of ${o.file} rejected by the cloud; the other rows were imported.`, {
      details: rejections,
      hint: `Every rejected row and its reason: ${s.reportFile}`,
      result: counts(s),
    })
  }
  return s
}
