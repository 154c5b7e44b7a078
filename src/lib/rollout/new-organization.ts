// The plan for an organization that does not exist yet. No dry run can be asked of it, so what the cloud
// would answer is answered here, from what can be known before anything is created: an e-mail address
// that already belongs to a user (of any organization: addresses are unique across the cloud) is
// rejected as the users batch would reject it, asked of the parent through the users lookup; a badge or
// PIN is for a user this file creates, or for nobody; a serial pre-enrolled or enrolled elsewhere is
// rejected (the parent's dry run); there is nothing to update or delete. Rows rejected
// here are problems like any dry run's, so a file with one creates nothing.
import type {BatchItemResult, Organization, PreenrollItem} from '../cloud/index.js'
import {LcsError} from '../errors.js'
import type {RolloutContext} from './types.js'

/** Facts: the parent of the organization to create, and the addresses the file's users rows create. */
const PARENT = 'parentOrganization'
const CREATING = 'creatingUsers'

export const setParent = (ctx: RolloutContext, parent: Organization | undefined) => ctx.facts.set(PARENT, parent)
export const parentOf = (ctx: RolloutContext) => ctx.facts.get(PARENT) as Organization | undefined

function creating(ctx: RolloutContext): Set<string> {
  let s = ctx.facts.get(CREATING) as Set<string> | undefined
  if (!s) ctx.facts.set(CREATING, (s = new Set()))
  return s
}

const created: BatchItemResult = {outcome: 'created', status: 201}
const rejection = (status: number, code: string, message: string, field?: string, rule?: string): BatchItemResult => ({
  error: {code, details: field ? [{field, rule}] : undefined, message},
  status,
})

/** What a batch of `section` rows would do in the organization still to be created, one answer per item. */
export async function answerForNewOrganization(
  ctx: RolloutContext,
  section: string,
  items: Array<Record<string, unknown>>,
): Promise<BatchItemResult[]> {
  const nothing = (op: string) =>
    rejection(404, 'not_found', `the organization ${ctx.orgName} does not exist yet: there is nothing to ${op.toLowerCase()}`)
  if (section === 'users') {
    const asked = items.filter((i) => i.operation === 'CREATE').map((i) => String(i.email).toLowerCase())
    const parent = parentOf(ctx)
    const taken = new Set(
      asked.length && parent ? (await ctx.client.users.lookup(parent.id, asked)).filter((r) => r.taken).map((r) => r.email) : [],
    )
    return items.map((i) => {
      if (i.operation !== 'CREATE') return nothing(String(i.operation))
      const email = String(i.email).toLowerCase()
      creating(ctx).add(email)
      return taken.has(email)
        ? rejection(
            409,
            'conflict',
            `${email} is already the e-mail address of a user in another organization`,
            'email',
            'e-mail addresses are unique',
          )
        : created
    })
  }
  if (section === 'preenroll') return serials(ctx, items, nothing)
  return items.map((i) => {
    if (i.operation === 'DELETE') return nothing('delete')
    // badges and PINs need their user
    if (typeof i.email !== 'string' || creating(ctx).has(i.email.toLowerCase())) return created
    return rejection(
      404,
      'not_found',
      `No user ${i.email}: the organization ${ctx.orgName} does not exist yet and this file does not create that user`,
      'email',
      'the user must exist',
    )
  })
}

/**
 * Serials to pre-enroll: a serial is pre-enrolled once across the cloud, so the parent's dry run answers
 * for the new organization (one pre-enrolled in the parent itself is taken too). Without Fleet
 * Management Administrator in the parent the serials cannot be checked before the organization exists:
 * a warning says so, and they plan as creations.
 */
async function serials(
  ctx: RolloutContext,
  items: Array<Record<string, unknown>>,
  nothing: (op: string) => BatchItemResult,
): Promise<BatchItemResult[]> {
  const parent = parentOf(ctx)
  const asked = items.filter((i) => i.operation !== 'DELETE') as unknown as PreenrollItem[]
  let answers: BatchItemResult[] = asked.map(() => created)
  if (parent && asked.length) {
    try {
      answers = await ctx.client.preenrollments.apply(parent.id, asked, {dryRun: true})
    } catch (error) {
      if (!(error instanceof LcsError) || error.kind !== 'forbidden') throw error
      ctx.warnings.push(
        `preenroll: serials pre-enrolled in other organizations cannot be checked before ${ctx.orgName} exists (${error.message})`,
      )
    }
  }
  let k = 0
  return items.map((i) => {
    if (i.operation === 'DELETE') return nothing('delete')
    const a = answers[k++]
    if (a.outcome !== 'unchanged') return a.outcome ? created : a
    const serial = String(i.serialNumber).toUpperCase()
    return rejection(409, 'conflict', `${serial} is pre-enrolled in another organization`, 'serialNumber', 'a printer is pre-enrolled once')
  })
}
