// The people sections of a rollout file, in application order: printer-login (PIN) settings, groups,
// users, badges, PINs and pre-enrolled serials. Users, badges, PINs and serials go through the CSV import
// engine (src/lib/csv): a `file:` entry is imported as `lcs users import FILE` would import it (rows
// checked with their line and column, planned with the cloud's dry run, applied in chunks) and is one
// plan item with its row counts; inline entries go to the engine as rows held in memory, each value with
// its place in the rollout file, so the same rules check them (problems at their own line and column) and
// the same dry run plans them, and each is one plan item. Inline entries are declarative (the
// user exists with these details); a file's OPERATION column says what to do, as in `… import`.
import {stat} from 'node:fs/promises'
import {basename} from 'node:path'

import {
  DEFAULT_METHODS,
  formatPinExpiry,
  loginConfigProblems,
  parsePinExpiry,
  type Badge,
  type BadgeItem,
  type BatchItemResult,
  type CloudClient,
  type PinPolicy,
  type PreenrollItem,
  type PrinterLoginConfig,
  type User,
  type UserItem,
} from '../cloud/index.js'
import {
  badgeFormat,
  type Change,
  DEFAULT_PIN_POLICY,
  GROUP_SEPARATOR,
  groupRule,
  type ImportFormat,
  type MemoryRow,
  PIN_MAX,
  PIN_MIN,
  type PlanRow,
  preenrollFormat,
  Journal,
  runImport,
  USER_TEXT_FIELDS,
  userFormat,
} from '../csv/index.js'
import {LcsError, type ErrorDetail} from '../errors.js'
import type {Path} from '../deploy/index.js'
import {
  itemKey,
  listedTwice,
  PHASE,
  updateOrUnchanged,
  type BadgeDoc,
  type CsvRef,
  type PinDoc,
  type PlanItem,
  type RolloutContext,
  type RolloutDoc,
  type Section,
  type UserDoc,
} from './types.js'
import {answerForNewOrganization} from './new-organization.js'

/** Facts left for later sections: the PIN settings as the file leaves them, the users it creates, where inline users' PINs are. */
const PIN_SETTINGS = 'pinSettings'
const NEW_USERS = 'newUsers'
const USER_PINS = 'userPins'

interface PinSettings {
  policy: PrinterLoginConfig
  /** The file changes them: the cloud's dry run still sees the old ones. */
  changed: boolean
}

const DEFAULT_LOGIN_CONFIG: PrinterLoginConfig = {...DEFAULT_PIN_POLICY, methods: DEFAULT_METHODS, pinExpiry: null}

const pinSettings = (ctx: RolloutContext) =>
  (ctx.facts.get(PIN_SETTINGS) as PinSettings | undefined) ?? {changed: false, policy: DEFAULT_LOGIN_CONFIG}
/** The users this run creates (by lower-case e-mail), as the users section planned them. */
export const newUsers = (ctx: RolloutContext) => (ctx.facts.get(NEW_USERS) as Set<string> | undefined) ?? new Set<string>()

/** The printer-login configuration as the file leaves it (the organization's when the file does not change it). */
export async function plannedLoginConfig(ctx: RolloutContext): Promise<PrinterLoginConfig> {
  const planned = ctx.facts.get(PIN_SETTINGS) as PinSettings | undefined
  if (planned) return planned.policy
  return ctx.orgId ? ctx.client.loginConfig.get(ctx.orgId) : DEFAULT_LOGIN_CONFIG
}

// ---- printer-login settings ----

const GENERATION: Record<PinPolicy['pinGeneration'], string> = {
  admin: 'administrators set PINs',
  auto: 'PINs generated and e-mailed',
  user: 'users set their own PINs',
}

const sameList = (a: string[], b: string[]) => [...a].sort().join() === [...b].sort().join()

/** The change the file's loginSettings ask for against `current`; its problems reported at their keys. */
function loginChange(ctx: RolloutContext, want: NonNullable<RolloutDoc['loginSettings']>, current: PrinterLoginConfig) {
  const change: Partial<PrinterLoginConfig> = {}
  if (want.methods !== undefined && !sameList(want.methods, current.methods)) change.methods = want.methods
  if (want.pinGeneration !== undefined && want.pinGeneration !== current.pinGeneration) change.pinGeneration = want.pinGeneration
  const length = want.pinLength === 'any' ? null : want.pinLength
  if (length !== undefined && length !== current.pinLength) change.pinLength = length
  if (want.pinExpiry !== undefined) {
    const expiry = parsePinExpiry(String(want.pinExpiry))
    if (typeof expiry === 'string') ctx.problem(['loginSettings', 'pinExpiry'], expiry)
    else if (formatPinExpiry(expiry) !== formatPinExpiry(current.pinExpiry)) change.pinExpiry = expiry
  }
  return change
}

export const loginSettingsSection: Section = {
  key: 'loginSettings',
  async plan(ctx) {
    const want = ctx.doc.loginSettings
    // the PIN settings decide how PIN cells are checked; without PINs in the file they are not needed
    if (!want && !ctx.doc.users && !ctx.doc.badges && !ctx.doc.pins) return []
    const current = ctx.orgId ? await ctx.client.loginConfig.get(ctx.orgId) : DEFAULT_LOGIN_CONFIG
    const change = want ? loginChange(ctx, want, current) : {}
    const policy = {...current, ...change}
    const changes = Object.keys(change)
    ctx.facts.set(PIN_SETTINGS, {changed: changes.length > 0, policy} satisfies PinSettings)
    if (!want) return []
    // the rules the cloud checks, but the identity-federation one (the federation section knows both end states)
    for (const p of loginConfigProblems(policy, false)) ctx.problem(['loginSettings', p.field], p.rule)
    const detail = `${policy.methods.join(', ')}; ${GENERATION[policy.pinGeneration]}, ${policy.pinLength ?? `${PIN_MIN}–${PIN_MAX}`} digits, expiry ${formatPinExpiry(policy.pinExpiry)}`
    const base = {detail, kind: 'login settings', name: 'printer login', path: ['loginSettings'], phase: PHASE.loginSettings}
    return [updateOrUnchanged(base, changes, async (c) => void (await c.client.loginConfig.set(c.orgId!, change)))]
  },
}

// ---- groups ----

export const groupsSection: Section = {
  key: 'groups',
  async plan(ctx) {
    const list = ctx.doc.groups ?? []
    listedTwice(ctx, 'groups', list)
    const existing = new Set<string>()
    if (ctx.orgId && list.length) for await (const g of ctx.client.groups.list(ctx.orgId)) existing.add(g.name.toLowerCase())
    return list.map((name, i): PlanItem => {
      const broken = groupRule(name)
      if (broken) ctx.problem(['groups', i], broken)
      const base = {kind: 'group', name, path: ['groups', i], phase: PHASE.groups}
      if (existing.has(name.toLowerCase())) return {...base, action: 'unchanged'}
      return {
        ...base,
        action: 'create',
        async run(c) {
          try {
            await c.client.groups.create(c.orgId!, name)
          } catch (error) {
            // made by an earlier run whose answer was lost, or by a user's membership meanwhile
            if (!(error instanceof LcsError) || error.kind !== 'conflict') throw error
          }
        },
      }
    })
  },
}

// ---- users, badges, PINs and serials through the import engine ----

interface ImportSpec<Item> {
  key: 'users' | 'badges' | 'pins' | 'preenroll'
  /** Kind of an inline entry's item. */
  kind: string
  phase: number
  format(policy: PinPolicy): ImportFormat<Item>
  send(client: CloudClient, orgId: string, items: Item[], dryRun: boolean): Promise<BatchItemResult[]>
  /** The inline entry's key for each column: where a value is written. */
  keys: Readonly<Record<string, string>>
  /** An answer the cloud need not be asked for (a serial already enrolled here). */
  answer?(ctx: RolloutContext, item: Item): BatchItemResult | undefined
}

/** An inline entry as a row of the section's format. */
interface InlineRow {
  index: number
  name: string
  /** By column; a column left out is empty. */
  values: Record<string, string>
  detail?: string
  /** For an update: the fields that differ (the dry run says whether, this says what). */
  changes?: string[]
  dependsOn?: string[]
}

const isFile = (e: unknown): e is CsvRef => typeof e === 'object' && e !== null && 'file' in e
const created: BatchItemResult = {outcome: 'created', status: 201}
/** A dry-run row that changes the cloud or leaves it (a dry run with rejected rows throws instead). */
type ChangeRow = PlanRow & {action: Change}
const isChange = (p: PlanRow): p is ChangeRow => p.action !== 'reject'

/** Asks the cloud about the items `local` does not answer; the answers keep the items' order. */
async function sendSplit<Item>(
  items: Item[],
  local: (item: Item) => BatchItemResult | undefined,
  remote: (items: Item[]) => Promise<BatchItemResult[]>,
): Promise<BatchItemResult[]> {
  const results = items.map(local)
  const ask = items.filter((_, i) => !results[i])
  const answers = ask.length ? await remote(ask) : []
  let j = 0
  return results.map((r) => r ?? answers[j++])
}

/**
 * The dry run of the plan. What the cloud cannot know yet is answered here: everything in an
 * organization still to be created (./new-organization.ts), badges and PINs of users this run creates. When the
 * file changes the PIN settings, PINs are left out of the dry run (the cloud would judge them by the old
 * settings) and a row with one plans at least as an update.
 */
function planSend<Item>(ctx: RolloutContext, spec: ImportSpec<Item>): (items: Item[], dryRun: boolean) => Promise<BatchItemResult[]> {
  const {changed} = pinSettings(ctx)
  const fresh = newUsers(ctx)
  const hasPin = (i: Record<string, unknown>) => Boolean(i.pin || i.generatePin)
  if (!ctx.orgId) return (items) => answerForNewOrganization(ctx, spec.key, items as Array<Record<string, unknown>>)
  const local = (item: Item): BatchItemResult | undefined => {
    const i = item as Record<string, unknown>
    if (spec.key !== 'users' && typeof i.email === 'string' && fresh.has(i.email)) return created
    if (changed && hasPin(i) && !i.badgeId && spec.key !== 'users') return {outcome: 'updated', status: 200}
    return spec.answer?.(ctx, item)
  }
  return (items) =>
    sendSplit(items, local, async (ask) => {
      if (!changed) return spec.send(ctx.client, ctx.orgId!, ask, true)
      const bare = ask.map((item) => ({...item, generatePin: undefined, pin: undefined}))
      const answers = await spec.send(ctx.client, ctx.orgId!, bare, true)
      return answers.map((a, k) =>
        a.outcome === 'unchanged' && hasPin(ask[k] as Record<string, unknown>) ? {...a, outcome: 'updated'} : a,
      )
    })
}

/** A file, or a section's inline rows (row n of the engine is rows[n - 1]). */
type InlineSource = {file: string; rows: MemoryRow[]}
type Source = {file: string} | InlineSource

/** Imports for real (at apply time: the organization exists, earlier phases are done). */
async function importNow<Item>(c: RolloutContext, spec: ImportSpec<Item>, source: Source): Promise<void> {
  const format = spec.format(await c.client.loginConfig.get(c.orgId!))
  try {
    await runImport({
      ...source,
      continueOnError: true,
      format,
      orgId: c.orgId!,
      send: (items, dryRun) =>
        sendSplit(
          items,
          (i) => spec.answer?.(c, i),
          (ask) => spec.send(c.client, c.orgId!, ask, dryRun),
        ),
    })
  } catch (error) {
    if (!(error instanceof LcsError) || !error.details?.length) throw error
    // the rows' reasons belong in the one line a failed item gets
    const rows = error.details
      .slice(0, 3)
      .map((d) => (d.row === undefined ? `on line ${d.line}${d.field ? ` (${d.field})` : ''}: ${d.rule}` : `${d.field}: ${d.rule}`))
      .join('; ')
    throw new LcsError(error.kind, `${error.message.replace(/\.$/, '')} — ${rows}${error.details.length > 3 ? '; …' : ''}`, {
      cause: error,
      details: error.details,
    })
  }
}

/** Why the rows of an inline import that the cloud rejected were rejected, by row number. */
async function importInline<Item>(c: RolloutContext, spec: ImportSpec<Item>, source: InlineSource): Promise<Map<number, string>> {
  try {
    await importNow(c, spec, source)
    return new Map()
  } catch (error) {
    if (!(error instanceof LcsError) || error.kind !== 'partial') throw error
    return new Map((error.details ?? []).map((d) => [d.row!, d.rule!]))
  }
}

/** Runs the engine's validation and dry run; its problems are reported with `place`. */
async function dryRun<Item>(
  ctx: RolloutContext,
  spec: ImportSpec<Item>,
  source: Source,
  warn: string,
  place: (d: ErrorDetail) => void,
): Promise<ChangeRow[] | undefined> {
  try {
    const s = await runImport({
      ...source,
      dryRun: true,
      format: spec.format(pinSettings(ctx).policy),
      send: planSend(ctx, spec),
      orgId: ctx.orgId ?? 'new',
      onWarning: (m) => ctx.warnings.push(`${warn}: ${m}`),
    })
    return (s.plan ?? []).filter(isChange)
  } catch (error) {
    // the file's own faults and the cloud's rejections are problems; a failing cloud is not
    if (!(error instanceof LcsError) || (error.kind !== 'badData' && error.kind !== 'usage')) throw error
    for (const d of error.details ?? []) place(d)
    if (!error.details?.length) place({rule: error.message})
    else {
      // the engine lists the first problems only: say so, with how many rows were rejected in all
      const rejected = Number(error.result?.rejected ?? 0)
      const total = rejected > error.details.length ? `${error.message.slice(error.message.indexOf(': ') + 2).replace(/\.$/, '')}; ` : ''
      const hint = error.hint && !('rows' in source) ? error.hint.replace(/^\w/, (c) => c.toLowerCase()) : ''
      if (total || hint) place({rule: `${total}${hint}`.replace(/; $/, '')})
    }
    // users the cloud would create once the rejected rows are fixed: later sections do not report them missing
    if (spec.key === 'users') for (const p of (error.result?.plan ?? []) as PlanRow[]) if (p.action === 'create') newUsers(ctx).add(p.label)
    return undefined
  }
}

/**
 * Plans a section's inline rows (one item each, `settled` ones decided without the cloud) and its
 * files (one item each), through the engine; `created` hears the label of every row that creates.
 */
async function planImports<Item>(
  ctx: RolloutContext,
  spec: ImportSpec<Item>,
  rows: InlineRow[],
  settled: PlanItem[],
  created?: (label: string) => void,
): Promise<PlanItem[]> {
  const entries: unknown[] = ctx.doc[spec.key] ?? []
  const items: Array<PlanItem & {index: number}> = settled.map((s) => ({...s, index: s.path[1] as number}))
  const seen = new Map<string, string>()
  // each source is checked for duplicates by the engine; across sources, here
  const claim = (p: PlanRow, where: string, path: Path) => {
    if (p.action === 'create') created?.(p.label)
    const first = seen.get(p.label.toLowerCase())
    if (first) ctx.problem(path, `${p.label} is also in ${first}: name it once`)
    else seen.set(p.label.toLowerCase(), where)
  }
  if (rows.length) {
    // each value's place: the entry's key for the column, else the entry itself
    const source: InlineSource = {
      file: `${spec.key} of ${basename(ctx.source.file)}`,
      rows: rows.map((r) => ({
        at: (column) => ctx.source.place([spec.key, r.index, ...(column && spec.keys[column] ? [spec.keys[column]] : [])]),
        name: `${spec.key}[${r.index}]`,
        values: r.values,
      })),
    }
    const plan = await dryRun(ctx, spec, source, spec.key, (d) =>
      d.row === undefined
        ? ctx.problem([spec.key], d.rule!)
        : ctx.problems.push({at: {column: d.column!, field: d.field!, line: d.line!}, message: d.rule!}),
    )
    let applied: Promise<Map<number, string>> | undefined
    for (const p of plan ?? []) {
      const r = rows[p.line - 1]
      claim(p, `${spec.key}[${r.index}]`, [spec.key, r.index])
      const action = p.action
      items.push({
        action,
        changes: action === 'update' ? r.changes : undefined,
        dependsOn: r.dependsOn,
        detail: r.detail,
        index: r.index,
        kind: spec.kind,
        name: r.name,
        path: [spec.key, r.index],
        phase: spec.phase,
        async run(c) {
          // one import for every inline row of the section; each item reports its own row
          applied ??= importInline(c, spec, source)
          const why = (await applied).get(p.line)
          if (why) throw new LcsError('badData', why)
        },
      })
    }
  }
  for (const [i, e] of entries.entries()) {
    if (!isFile(e)) continue
    const at = [spec.key, i, 'file']
    let path: string
    try {
      path = ctx.resolveFile(e.file)
    } catch (error) {
      ctx.problem(at, (error as Error).message)
      continue
    }
    if (
      !(await stat(path).then(
        (s) => s.isFile(),
        () => false,
      ))
    ) {
      ctx.problem(at, `file not found: ${e.file} (looked for ${path})`)
      continue
    }
    const plan = await dryRun(ctx, spec, {file: path}, e.file, (d) => {
      ctx.problem(
        at,
        d.line === undefined ? `${e.file}: ${d.rule}` : `${e.file}:${d.line}:${d.column ?? 1}${d.field ? ` (${d.field})` : ''}: ${d.rule}`,
      )
    })
    if (!plan) continue
    const counts: Record<Change, number> = {create: 0, delete: 0, unchanged: 0, update: 0}
    for (const p of plan) {
      counts[p.action]++
      claim(p, `${e.file} line ${p.line}`, at)
    }
    const changing = (['create', 'update', 'delete'] as const).filter((a) => counts[a])
    const action: Change = changing.length === 0 ? 'unchanged' : changing.length === 1 ? changing[0] : 'update'
    const detail = [...changing.map((a) => `${counts[a]} to ${a}`), ...(counts.unchanged ? [`${counts.unchanged} unchanged`] : [])].join(
      ', ',
    )
    items.push({
      action,
      detail,
      index: i,
      phase: spec.phase,
      kind: `${spec.key} file`,
      name: e.file,
      path: [spec.key, i],
      rows: counts,
      run: (c) => importNow(c, spec, {file: path}),
      // every row planned unchanged: the journal of an interrupted run has nothing left to resume
      settle: () => Journal.discard(path),
    })
  }
  return items.sort((a, b) => a.index - b.index).map(({index: _index, ...item}) => item)
}

/** The inline entries of a section (not `file:` ones), with their index in it. */
const inlineOf = <T>(ctx: RolloutContext, key: ImportSpec<unknown>['key']) =>
  (ctx.doc[key] ?? []).map((e, index) => ({e: e as T, index})).filter(({e}) => !isFile(e))

const userKeys = {EMAIL: 'email', GROUPS: 'groups', OPERATION: 'state', PASSWORD: 'password', PIN: 'pin', ...USER_TEXT_FIELDS}

const usersSpec: ImportSpec<UserItem> = {
  format: userFormat,
  keys: userKeys,
  key: 'users',
  kind: 'user',
  phase: PHASE.users,
  send: (client, orgId, items, dryRun) => client.users.apply(orgId, items, {dryRun}),
}

export const usersSection: Section = {
  key: 'users',
  async plan(ctx) {
    const inline = inlineOf<UserDoc>(ctx, 'users')
    const existing = new Map<string, User>()
    if (ctx.orgId && inline.length) for await (const u of ctx.client.users.list(ctx.orgId)) existing.set(u.email.toLowerCase(), u)
    const rows: InlineRow[] = []
    const settled: PlanItem[] = []
    const pins = new Map<string, string>()
    ctx.facts.set(USER_PINS, pins)
    for (const {e, index} of inline) {
      const email = e.email.toLowerCase()
      const cur = existing.get(email)
      if (e.pin) pins.set(email, `users[${index}]`)
      if (e.state === 'absent') {
        if (cur) rows.push({values: {EMAIL: email, OPERATION: 'DELETE'}, index, name: email})
        else settled.push({action: 'unchanged', detail: 'absent', kind: 'user', name: email, path: ['users', index], phase: PHASE.users})
        continue
      }
      const values: Record<string, string> = {
        EMAIL: email,
        GROUPS: e.groups?.join(GROUP_SEPARATOR) ?? '',
        OPERATION: cur ? 'UPDATE' : 'CREATE',
        PASSWORD: e.password ?? '',
        PIN: e.pin ?? '',
      }
      for (const [column, field] of Object.entries(USER_TEXT_FIELDS)) values[column] = e[field] ?? ''
      rows.push({values, changes: cur && userChanges(cur, e), index, name: email})
    }
    // badges and PINs of the users this run creates cannot be asked about yet: the users do not exist
    const fresh = new Set<string>()
    ctx.facts.set(NEW_USERS, fresh)
    return planImports(ctx, usersSpec, rows, settled, (email) => fresh.add(email))
  },
}

/** What an inline user changes on an existing one; PINs and passwords cannot be compared here, so they are named only when nothing else differs. */
function userChanges(cur: User, e: UserDoc): string[] {
  const changes: string[] = Object.values(USER_TEXT_FIELDS).filter((f) => e[f] !== undefined && e[f] !== (cur[f] ?? undefined))
  const norm = (g: string[]) => [...new Set(g.map((x) => x.toLowerCase()))].sort().join('\n')
  if (e.groups && norm(e.groups) !== norm(cur.groups ?? [])) changes.push('groups')
  return changes.length ? changes : [...(e.password ? ['password'] : []), ...(e.pin ? ['pin'] : [])]
}

const badgeKeys = {BADGE: 'badge', EMAIL: 'email', OPERATION: 'state', PIN: 'pin', TEMPORARY: 'temporary'}
const dependsOnUser = (ctx: RolloutContext, email: string) => (newUsers(ctx).has(email) ? [itemKey('user', email)] : undefined)

const badgesSpec: ImportSpec<BadgeItem> = {
  format: (policy) => badgeFormat({policy}),
  keys: badgeKeys,
  key: 'badges',
  kind: 'badge',
  phase: PHASE.badges,
  send: (client, orgId, items, dryRun) => client.badges.apply(orgId, items, {dryRun}),
}

export const badgesSection: Section = {
  key: 'badges',
  async plan(ctx) {
    const inline = inlineOf<BadgeDoc>(ctx, 'badges')
    const existing = new Map<string, Badge>()
    if (ctx.orgId && inline.length) for await (const b of ctx.client.badges.list(ctx.orgId)) existing.set(b.badgeId, b)
    const rows: InlineRow[] = []
    const settled: PlanItem[] = []
    for (const {e, index} of inline) {
      const cur = existing.get(e.badge)
      const email = e.email?.toLowerCase() ?? ''
      if (e.state === 'absent') {
        if (cur) rows.push({values: {BADGE: e.badge, EMAIL: email, OPERATION: 'DELETE'}, detail: cur.email, index, name: e.badge})
        else
          settled.push({action: 'unchanged', detail: 'absent', kind: 'badge', name: e.badge, path: ['badges', index], phase: PHASE.badges})
        continue
      }
      const temporary = e.temporary === undefined ? '' : String(e.temporary)
      rows.push({
        values: {BADGE: e.badge, EMAIL: email, OPERATION: 'CREATE', TEMPORARY: temporary},
        changes: ['temporary'],
        dependsOn: dependsOnUser(ctx, email),
        detail: email,
        index,
        name: e.badge,
      })
    }
    return planImports(ctx, badgesSpec, rows, settled)
  },
}

const pinsSpec: ImportSpec<BadgeItem> = {
  format: (policy) => badgeFormat({pinsOnly: true, policy}),
  keys: {EMAIL: 'email', PIN: 'pin'},
  key: 'pins',
  kind: 'pin',
  phase: PHASE.pins,
  send: (client, orgId, items, dryRun) => client.badges.apply(orgId, items, {dryRun}),
}

export const pinsSection: Section = {
  key: 'pins',
  plan(ctx) {
    const userPins = (ctx.facts.get(USER_PINS) as Map<string, string> | undefined) ?? new Map<string, string>()
    const rows = inlineOf<PinDoc>(ctx, 'pins').map(({e, index}): InlineRow => {
      const email = e.email.toLowerCase()
      // two PINs for one user would replace each other on every run
      if (userPins.has(email))
        ctx.problem(['pins', index, 'email'], `the PIN of ${email} is also given in ${userPins.get(email)}: give it once`)
      return {
        values: {EMAIL: email, OPERATION: 'CREATE', PIN: e.pin ?? ''},
        changes: ['pin'],
        dependsOn: dependsOnUser(ctx, email),
        index,
        name: email,
      }
    })
    return planImports(ctx, pinsSpec, rows, [])
  },
}

/** A serial enrolled here is what its pre-enrollment was for (the printer consumed it when it enrolled). */
const enrolledHere = (ctx: RolloutContext, serial: string) =>
  ctx.cloud.printers.some((p) => p.serialNumber.toUpperCase() === serial.toUpperCase())

const preenrollSpec: ImportSpec<PreenrollItem> = {
  answer: (ctx, item) => (enrolledHere(ctx, item.serialNumber) ? {outcome: 'unchanged', status: 200} : undefined),
  format: () => preenrollFormat,
  keys: {},
  key: 'preenroll',
  kind: 'preenrollment',
  phase: PHASE.preenroll,
  send: (client, orgId, items, dryRun) => client.preenrollments.apply(orgId, items, {dryRun}),
}

export const preenrollSection: Section = {
  key: 'preenroll',
  plan(ctx) {
    const rows: InlineRow[] = []
    const settled: PlanItem[] = []
    for (const {e, index} of inlineOf<string>(ctx, 'preenroll')) {
      const serial = e.toUpperCase()
      if (enrolledHere(ctx, serial))
        settled.push({
          action: 'unchanged',
          detail: 'enrolled',
          kind: 'preenrollment',
          name: serial,
          path: ['preenroll', index],
          phase: PHASE.preenroll,
        })
      else rows.push({values: {SERIAL_NUMBER: e}, index, name: serial})
    }
    return planImports(ctx, preenrollSpec, rows, settled)
  },
}
