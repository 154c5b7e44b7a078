// How a rollout plan looks: one line per item, like `terraform plan` (+ create, ~ update, - delete,
// = unchanged), then the counts.
import {escapeControls} from '../text.js'
import {colorEnabled} from '../ui/index.js'
import {counts} from './rollout.js'
import type {PlanItem} from './types.js'

const SYMBOL = {create: '+', delete: '-', unchanged: '=', update: '~'} as const
const COLOR = {create: 32, delete: 31, unchanged: 2, update: 33} as const

export function renderPlan(items: PlanItem[], title: string): string {
  const color = colorEnabled(process.stdout)
  const paint = (a: PlanItem['action'], s: string) => (color ? `\u001B[${COLOR[a]}m${s}\u001B[0m` : s)
  const kw = Math.max(...items.map((i) => i.kind.length), 4)
  const nw = Math.min(48, Math.max(...items.map((i) => i.name.length), 4))
  const lines = items.map((i) => {
    const what = `${i.action}${i.changes?.length ? ` (${i.changes.join(', ')})` : ''}${i.irreversible && i.action !== 'unchanged' ? ' [cannot be undone]' : ''}`
    // names and details come from the file and the cloud: controls in them are shown, not acted on
    const line = `  ${SYMBOL[i.action]} ${i.kind.padEnd(kw)}  ${i.name.padEnd(nw)}  ${what}${i.detail ? `  — ${i.detail}` : ''}`
    return paint(i.action, escapeControls(line))
  })
  return [title, ...(lines.length ? lines : ['  (the file names nothing)']), planSummary(items)].join('\n')
}

function planSummary(items: PlanItem[]): string {
  const c = counts(items)
  return `Plan: ${c.create} to create, ${c.update} to update, ${c.delete} to delete, ${c.unchanged} unchanged.`
}

export function itemLine(i: PlanItem): string {
  return escapeControls(`${i.kind} "${i.name}"`)
}
