// The `federation` section of a rollout file: the organization's one authentication provider (SAML 2.0),
// as `lcs orgs federation set` configures it, with the signing certificate as a PEM file next to the
// rollout file. The file declares the end state, so a provider with another entity ID is replaced;
// `state: absent` removes it. With a provider at the end, the PIN settings at the end must be the ones the
// guide allows (administrators set PINs, which never expire): both are known here, so it is checked here.
import {
  domainProblem,
  httpsUrlProblem,
  loadCertificate,
  loginConfigProblems,
  NAME_ID_RULE,
  nameIdFormat,
  type IdentityProvider,
  type ProviderInput,
} from '../cloud/index.js'
import {plannedLoginConfig} from './people-sections.js'
import {PHASE, type FederationDoc, type PlanItem, type Section} from './types.js'

type Present = Exclude<FederationDoc, {state: 'absent'}>

const KIND = 'authentication provider'

/** What differs between the provider and the input (the certificate by fingerprint). */
function differences(current: IdentityProvider, input: ProviderInput, fingerprint: string): string[] {
  const out: string[] = []
  for (const k of ['entityId', 'ssoUrl', 'logoutUrl', 'nameIdFormat'] as const) if (current[k] !== input[k]) out.push(k)
  if ([...current.domains].sort().join() !== [...(input.domains ?? [])].sort().join()) out.push('domains')
  if (current.certificate.fingerprint256 !== fingerprint) out.push('certificate')
  return out
}

export const federationSection: Section = {
  key: 'federation',
  async plan(ctx) {
    const want = ctx.doc.federation
    const current = ctx.orgId ? await ctx.client.federation.get(ctx.orgId) : null
    const federatedAtEnd = want ? want.state !== 'absent' : Boolean(current)
    if (federatedAtEnd && (want || ctx.doc.loginSettings)) {
      const rule = loginConfigProblems(await plannedLoginConfig(ctx), true).find((p) => p.field !== 'methods')
      if (rule)
        ctx.problem(want ? ['federation'] : ['loginSettings'], `${rule.rule}: set loginSettings pinGeneration: admin, pinExpiry: never`)
    }
    if (!want) return []
    if (want.state === 'absent') {
      const base = {kind: KIND, name: current?.entityId ?? 'none', path: ['federation'], phase: PHASE.removeFederation}
      return [
        current
          ? {...base, action: 'delete', run: async (c) => void (await c.client.federation.remove(c.orgId!))}
          : {...base, action: 'unchanged'},
      ]
    }
    const input = await checkedInput(ctx, want)
    if (!input) return []
    const base = {
      detail: `certificate SHA-256 ${input.fingerprint}`,
      kind: KIND,
      name: want.entityId,
      path: ['federation'],
      phase: PHASE.federation,
    }
    const run: PlanItem['run'] = async (c) => void (await c.client.federation.set(c.orgId!, input.provider, {replace: true}))
    if (!current) return [{...base, action: 'create', run}]
    const changes = differences(current, input.provider, input.fingerprint)
    if (!changes.length) return [{...base, action: 'unchanged'}]
    const replaces = current.entityId !== want.entityId ? `; replaces ${current.entityId} (one provider per organization)` : ''
    return [{...base, action: 'update', changes, detail: base.detail + replaces, run}]
  },
}

/** The provider the section describes, every field checked (problems at their keys); undefined when one is broken. */
async function checkedInput(
  ctx: Parameters<Section['plan']>[0],
  want: Present,
): Promise<{provider: ProviderInput; fingerprint: string} | undefined> {
  const before = ctx.problems.length
  for (const key of ['entityId', 'ssoUrl', 'logoutUrl'] as const) {
    const broken = httpsUrlProblem(want[key])
    if (broken) ctx.problem(['federation', key], broken)
  }
  const format = nameIdFormat(want.nameIdFormat)
  if (!format) ctx.problem(['federation', 'nameIdFormat'], NAME_ID_RULE)
  const domains = (want.domains ?? []).map((d) => d.trim().toLowerCase())
  domains.forEach((d, i) => {
    const broken = domainProblem(d)
    if (broken) ctx.problem(['federation', 'domains', i], broken)
  })
  let certificate: Awaited<ReturnType<typeof loadCertificate>> | undefined
  try {
    certificate = await loadCertificate(ctx.resolveFile(want.certificate))
  } catch (error) {
    ctx.problem(['federation', 'certificate'], (error as Error).message)
  }
  if (ctx.problems.length > before || !certificate || !format) return undefined
  return {
    fingerprint: certificate.info.fingerprint256,
    provider: {
      certificate: certificate.pem,
      domains,
      entityId: want.entityId,
      logoutUrl: want.logoutUrl,
      nameIdFormat: format,
      ssoUrl: want.ssoUrl,
    },
  }
}
