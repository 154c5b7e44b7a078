// Commands that send a few items at once (lcs preenroll add SERIAL…): one line per item, and one exit code.
import {type BatchItemResult, errorKindOf, type Outcome} from '../cloud/index.js'
import {LcsError} from '../errors.js'

export interface ItemRow {
  item: string
  outcome?: Outcome
  error?: string
}

/** Every item's answer; when some were rejected, the error to exit with: their own kind if all were, else partial (9). */
export function settle(labels: string[], results: BatchItemResult[]): {rows: ItemRow[]; failure?: LcsError} {
  const rows = labels.map((item, i): ItemRow => (results[i]?.outcome ? {item, outcome: results[i].outcome} : {error: results[i]?.error?.message ?? `HTTP ${results[i]?.status}`, item}))
  const failed = results.filter((r) => !r.outcome)
  if (!failed.length) return {rows}
  const message = failed.length === 1 && labels.length === 1 ? rows[0].error! : `${failed.length} of ${labels.length} rejected: ${rows.filter((r) => r.error).map((r) => `${r.item} (${r.error})`).join('; ')}`
  return {failure: new LcsError(failed.length === labels.length ? errorKindOf(failed[0].status) : 'partial', message, {result: {results: rows}}), rows}
}
