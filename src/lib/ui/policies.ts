// Flags and rendering shared by the `policies` commands.
import {Flags} from '@oclif/core'

import type {NotificationRecord} from '../cloud/index.js'
import {LcsError} from '../errors.js'
import {
  applyChanges,
  DAYS_RANGE,
  notifyAt,
  PRINTER_INFO_TYPES,
  SUPPLY_TYPES,
  THRESHOLD_RANGE,
  type Policy,
  type PolicyCategory,
  type PolicyInput,
} from '../policies/index.js'
import {renderTable, type Column} from './output.js'
import {formatTime, timestamp} from './time.js'

const slug = (t: string) => t.toLowerCase().replace(/ /g, '-')
const FLAG_OF: Record<string, string> = {
  additionalInfo: '--info',
  attachData: '--attach',
  days: '--days',
  name: '--name',
  recipients: '--email',
  tags: '--tag',
  threshold: '--threshold',
  type: '--type',
}

/** The fields of the Create Notification Policy form, as flags (none required: create checks what it needs). */
export const policyFlags = {
  attach: Flags.boolean({
    allowNo: true,
    description: 'Include notification data as an attachment (.json for supplies, .csv for printer information).',
  }),
  days: Flags.integer({description: `Printer information policies: notify after this many days (${DAYS_RANGE.join('–')}).`}),
  email: Flags.string({description: 'E-mail address to notify (repeat, up to 10; outside the organization is fine).', multiple: true}),
  info: Flags.string({description: 'Additional information to include in the e-mail notification.'}),
  name: Flags.string({description: 'Policy name (not allowed: < > & # ? ` ~ ! % ^ * | + = ; : " { } [ ] \\ /).'}),
  tag: Flags.string({
    description: 'Only printers with this tag (repeat, up to 10). Default: all printers in this organization.',
    multiple: true,
  }),
  threshold: Flags.integer({
    description: `Supplies policies: notify when the remaining level is at or below this percentage (${THRESHOLD_RANGE.join('–')}).`,
  }),
  type: Flags.string({description: `Policy type: ${[...SUPPLY_TYPES, ...PRINTER_INFO_TYPES].map(slug).join(', ')}.`}),
}

/** `--category supplies|printer-information`: one tab of the Notification Policies and History pages. */
export const categoryFlag = Flags.custom<PolicyCategory>({
  description: 'Only one tab: supplies or printer-information.',
  options: ['supplies', 'printer-information'],
  parse: async (v) => (v === 'supplies' ? 'supplies' : 'printerInformation'),
})

export interface PolicyFlagValues {
  attach?: boolean
  days?: number
  email?: string[]
  info?: string
  name?: string
  tag?: string[]
  threshold?: number
  type?: string
  'all-printers'?: boolean
}

/** The policy the flags make from a base; a broken rule is a usage error naming its flag, before any call. */
export function policyFromFlags(base: PolicyInput | undefined, f: PolicyFlagValues): PolicyInput {
  const {input, problems} = applyChanges(base, {
    additionalInfo: f.info,
    allPrinters: f['all-printers'],
    attachData: f.attach,
    days: f.days,
    name: f.name,
    recipients: f.email,
    tags: f.tag,
    threshold: f.threshold,
    type: f.type,
  })
  const lines = problems.map((p) => ({field: FLAG_OF[p.field] ?? p.field, rule: p.rule}))
  // one problem is the message; several are listed under it, one a line
  if (lines.length === 1) throw new LcsError('usage', `${lines[0].field}: ${lines[0].rule}`, {})
  if (lines.length) throw new LcsError('usage', `${lines.length} problems with the policy's flags:`, {details: lines})
  return input
}

const condition = (p: Policy) =>
  p.category === 'supplies'
    ? `remaining ≤ ${p.threshold} %`
    : `${p.type === 'Last communicated' ? 'not communicated' : 'no data'} for ${notifyAt(p)}`

export const POLICY_COLUMNS: Column<Policy>[] = [
  {get: (p) => p.name, header: 'Policy name'},
  {get: (p) => (p.category === 'supplies' ? 'Supplies' : 'Printer Information'), header: 'Tab'},
  {get: (p) => p.type, header: 'Policy type'},
  {get: condition, header: 'Notify when'},
  {get: (p) => (p.tags.length ? `tags: ${p.tags.join(', ')}` : 'All printers'), header: 'Applies to'},
  {get: (p) => p.recipients.join(', '), header: 'E-mail'},
  {get: (p) => p.id, header: 'ID'},
]

export function renderPolicy(p: Policy): string {
  return [
    `Policy name  ${p.name}`,
    `ID           ${p.id}`,
    `Policy type  ${p.type} (${p.category === 'supplies' ? 'Supplies' : 'Printer Information'})`,
    `Notify when  ${condition(p)}`,
    `Applies to   ${p.tags.length ? `Only printers with specific tags: ${p.tags.join(', ')}` : 'All printers in this organization'}`,
    `Notify       ${p.recipients.join(', ')}`,
    `Information  ${p.additionalInfo || '(none)'}`,
    `Attachment   ${p.attachData ? (p.category === 'supplies' ? '.json file' : '.csv file') : 'no'}`,
    `Updated      ${formatTime(p.updatedAt)}`,
  ].join('\n')
}

/** The columns both tabs of the history start with. */
const HISTORY_LEAD: Column<NotificationRecord>[] = [
  {get: (n) => timestamp(n.date), header: 'Date'},
  {get: (n) => n.problem, header: 'Policy Type'},
  {get: (n) => n.serialNumber, header: 'Printer Serial Number'},
  {get: (n) => n.model, header: 'Model'},
  {get: (n) => n.assetTag, header: 'Asset Tag'},
]

const SUPPLY_HISTORY: Column<NotificationRecord>[] = [
  ...HISTORY_LEAD,
  {get: (n) => n.supplyName ?? '', header: 'Supply'},
  {get: (n) => n.emails.join(', '), header: 'E-mail'},
  {get: (n) => n.color ?? '', header: 'Color'},
  {get: (n) => (n.supplyLevel === undefined ? '' : `${n.supplyLevel}%`), header: 'Supply Level'},
  {get: (n) => n.notifyAt, header: 'Notify At'},
]

const INFO_HISTORY: Column<NotificationRecord>[] = [
  ...HISTORY_LEAD,
  {get: (n) => n.emails.join(', '), header: 'E-mail'},
  {get: (n) => n.notifyAt, header: 'Notify At'},
  {get: (n) => timestamp(n.lastCommunicated), header: 'Last Communicated'},
  {get: (n) => timestamp(n.lastDataRefresh), header: 'Last Data Refresh'},
]

/** The two tabs of "Notification History (Last 30 Days)", each with its total. */
export function renderHistory(rows: NotificationRecord[], only?: 'supplies' | 'printerInformation'): string {
  const tabs = [
    ['supplies', 'Supplies', SUPPLY_HISTORY],
    ['printerInformation', 'Printer Information', INFO_HISTORY],
  ] as const
  return tabs
    .filter(([key]) => !only || key === only)
    .map(([key, title, cols]) => {
      const mine = rows.filter((r) => r.category === key)
      return `${title}: ${mine.length} total item${mine.length === 1 ? '' : 's'}${mine.length ? `\n${renderTable(mine, cols)}` : ''}`
    })
    .join('\n\n')
}
