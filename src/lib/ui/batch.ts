// Commands that send a few items at once (lcs preenroll add SERIAL…): one line per item, and one exit code.
import {type BatchItemResult, errorKindOf, type MemberItem, type Outcome} from '../cloud/index.js'
import {LcsError} from '../errors.js'

export interface ItemRow {
  item: string
  outcome?: Outcome
  error?: string
}

/** Every item's answer; when some were rejected, the error to exit with: their own kind if all were, else partial (9). */
export function settle(labels: string[], results: BatchItemResult[]): {rows: ItemRow[]; failure?: LcsError} {
  const rows = labels.map(
    (item, i): ItemRow =>
      results[i]?.outcome ? {item, outcome: results[i].outcome} : {error: results[i]?.error?.message ?? `HTTP ${results[i]?.status}`, item},
  )
  const failed = results.filter((r) => !r.outcome)
  if (!failed.length) return {rows}
  const message =
    failed.length === 1 && labels.length === 1
      ? rows[0].error!
      : `${failed.length} of ${labels.length} rejected: ${rows
          .filter((r) => r.error)
          .map((r) => `${r.item} (${r.error})`)
          .join('; ')}`
  return {
    failure: new LcsError(failed.length === labels.length ? errorKindOf(failed[0].status) : 'partial', message, {result: {results: rows}}),
    rows,
  }
}

/** What happened to one item of a per-item command, keyed by what the item is (`configuration`, `serialNumber`…). */
export type ItemReport<K extends string, D extends string> = Record<K, string> & {
  result: D | 'unchanged' | 'refused' | 'kept'
  reason: string
}

export interface PerItemSpec<T, K extends string, D extends string> {
  key: K
  /** The item a reference names. Not found: an unchanged row (deleting twice is no failure); "several are
   * named": a refused row. */
  find(ref: string): Promise<T> | T
  label(item: T): string
  /** The reason of the row of an item not found, from the error's message (default: the message). */
  notFound?(message: string): string
  /** Why the item must be left alone, if it must (a refused row, nothing asked). */
  refuse?(item: T): string | undefined
  question(item: T): string
  /** Does it; a conflict from the cloud makes a refused row with the cloud's reason. */
  act(item: T): Promise<void>
  /** The result (and reason) of a row that was done: "deleted", "unenrolled". */
  done: D
}

/**
 * "Several items, ask per item, report per item" (configs delete, resources delete, firmware schedule
 * delete, printers unenroll): each reference is found, asked about unless `yes`, and acted on; one row
 * each, in order, handed to `onRow` as soon as it is known. An item already gone is `unchanged` (a repeat
 * succeeds, as badges delete does); `failed` is true when some were refused (the command exits 9). Ctrl-C at a question stops the run: the rows so far go with the error.
 */
export async function perItem<T, K extends string, D extends string>(
  refs: string[],
  yes: boolean,
  spec: PerItemSpec<T, K, D>,
  confirm: (question: string) => Promise<boolean>,
  onRow: (row: ItemReport<K, D>) => void = () => {},
): Promise<{rows: ItemReport<K, D>[]; failed: boolean}> {
  const rows: ItemReport<K, D>[] = []
  const push = (label: string, result: ItemReport<K, D>['result'], reason: string) => {
    rows.push({[spec.key]: label, reason, result} as ItemReport<K, D>)
    onRow(rows.at(-1)!)
  }
  const ask = (question: string) =>
    confirm(question).catch((error: unknown) => {
      if (!(error instanceof LcsError && error.kind === 'interrupted')) throw error
      const done = rows.filter((r) => r.result === spec.done).length
      throw new LcsError('interrupted', `Interrupted: ${done} of ${refs.length} ${spec.done}; the others were left as they were.`, {
        result: {results: rows},
      })
    })
  for (const ref of refs) {
    let item: T
    try {
      item = await spec.find(ref)
    } catch (error) {
      if (!(error instanceof LcsError) || (error.kind !== 'notFound' && error.kind !== 'usage')) throw error
      if (error.kind === 'usage') push(ref, 'refused', error.message)
      else push(ref, 'unchanged', `unchanged: ${spec.notFound?.(error.message) ?? error.message}`)
      continue
    }
    const label = spec.label(item)
    const refused = spec.refuse?.(item)
    if (refused) {
      push(label, 'refused', refused)
      continue
    }
    if (!yes && !(await ask(spec.question(item)))) {
      push(label, 'kept', 'kept at the prompt')
      continue
    }
    try {
      await spec.act(item)
      push(label, spec.done, spec.done)
    } catch (error) {
      if (!(error instanceof LcsError) || (error.kind !== 'conflict' && error.kind !== 'notFound')) throw error
      // gone meanwhile (another run, the portal): nothing left to do
      push(
        label,
        error.kind === 'notFound' ? 'unchanged' : 'refused',
        error.kind === 'notFound' ? 'unchanged: already gone' : error.message,
      )
    }
  }
  return {failed: rows.some((r) => r.result === 'refused'), rows}
}

/**
 * The item to delete, or undefined when it is not there: deleting again is "unchanged", exit 0 (as
 * badges delete and users delete, whose cloud remembers deletions). Other errors pass.
 */
export async function unlessGone<T>(find: Promise<T>): Promise<{item: T} | {gone: string}> {
  try {
    return {item: await find}
  } catch (error) {
    if (error instanceof LcsError && error.kind === 'notFound') return {gone: error.message}
    throw error
  }
}

/** A batch DELETE's answers with "not there" (404) as unchanged: removing twice is no failure. */
export function goneIsUnchanged(results: BatchItemResult[]): BatchItemResult[] {
  return results.map((r) => (r.status === 404 ? {outcome: 'unchanged', status: 200} : r))
}

const MEMBER_WORD = {created: 'added', deleted: 'removed', unchanged: 'unchanged', updated: 'updated'} as const

/**
 * Adds or removes members (groups, access groups) in one batch and prints a line per e-mail
 * ("EMAIL: added|removed|unchanged|rejected: …"); throws the batch's failure after printing every line.
 */
export async function changeMembership(
  emails: string[],
  operation: MemberItem['operation'],
  send: (items: MemberItem[]) => Promise<BatchItemResult[]>,
  log: (line: string) => void,
): Promise<ItemRow[]> {
  const {failure, rows} = settle(emails, await send(emails.map((email) => ({email, operation}))))
  for (const r of rows) log(`${r.item}: ${r.outcome ? MEMBER_WORD[r.outcome] : `rejected: ${r.error}`}`)
  if (failure) throw failure
  return rows
}
