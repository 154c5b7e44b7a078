// The printer-login and federation sections against an in-process sandbox: a new customer gets login
// methods with a PIN expiry and an authentication provider from one file, applied twice (the second run
// all unchanged); broken values are refused with their line before anything is created; a rotated
// certificate, another provider and a removal plan as updates and deletions in the right order.
import assert from 'node:assert/strict'
import {copyFileSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, test} from 'node:test'

import {makeCerts} from '../helpers/certs.js'
import {rolloutSandbox} from '../helpers/rollout.js'
import {applyPlan} from '../../src/lib/rollout/rollout.js'
import type {PlanItem} from '../../src/lib/rollout/types.js'

const rs = rolloutSandbox()
const {plan, refused} = rs
const certs = makeCerts()

before(() => {
  copyFileSync(certs.valid, join(rs.dir, 'idp.pem'))
  copyFileSync(certs.rotated, join(rs.dir, 'idp-rotated.pem'))
  copyFileSync(certs.expired, join(rs.dir, 'idp-expired.pem'))
  copyFileSync(certs.key, join(rs.dir, 'idp.key'))
})
after(() => rmSync(certs.dir, {force: true, recursive: true}))

const lines = (items: PlanItem[]) => items.map((i) => `${i.action} ${i.kind} ${i.name}${i.changes ? ` (${i.changes.join(', ')})` : ''}`)

const provider = (certificate: string, entityId = 'https://sts.tailspin.example/') => `federation:
  entityId: ${entityId}
  ssoUrl: https://login.tailspin.example/saml2
  logoutUrl: https://login.tailspin.example/saml2/logout
  nameIdFormat: email
  certificate: ${certificate}
  domains: [tailspin.example]
`

test('a new customer: login methods, PIN expiry and an authentication provider from one file; applied twice, the second run unchanged', async () => {
  const doc = `version: 1
organization: {name: Tailspin Toys, create: true}
loginSettings: {methods: [badge+pin], pinGeneration: admin, pinLength: 6, pinExpiry: never}
${provider('idp.pem')}`
  const {ctx, items} = await plan('tailspin.yaml', doc)
  assert.deepEqual(lines(items), [
    'create organization Tailspin Toys',
    'update login settings printer login (methods, pinLength)',
    'create authentication provider https://sts.tailspin.example/',
  ])
  assert.deepEqual(await applyPlan(items, ctx), [])
  const again = await plan('tailspin.yaml', doc)
  assert.deepEqual(
    lines(again.items).filter((l) => !l.startsWith('unchanged')),
    [],
  )
  const orgId = again.ctx.orgId!
  assert.deepEqual((await rs.client.loginConfig.get(orgId)).methods, ['badge+pin'])
  assert.equal((await rs.client.federation.get(orgId))!.domains[0], 'tailspin.example')
})

test('out-of-range PIN expiry, broken provider fields, PIN settings a provider forbids: refused with their lines, nothing created', async () => {
  assert.deepEqual(
    await refused('bad-expiry.yaml', 'version: 1\norganization: {name: Bad One, create: true}\nloginSettings: {pinExpiry: 49h}\n'),
    ['3:28 loginSettings.pinExpiry: PINs expire after 1–48 hours (got 49), or never'],
  )
  assert.deepEqual(
    await refused(
      'bad-days.yaml',
      'version: 1\norganization: {name: Bad One, create: true}\nloginSettings: {pinExpiry: 181d, methods: [badge+pin, pin]}\n',
    ),
    [
      '3:28 loginSettings.pinExpiry: PINs expire after 1–180 days (got 181), or never',
      '3:43 loginSettings.methods: Badge + PIN as second factor (badge+pin) is two-factor authentication: it goes alone, not with the standard methods badge, pin, secure',
    ],
  )
  const broken = `version: 1
organization: {name: Bad One, create: true}
loginSettings: {pinExpiry: 30d}
federation:
  entityId: https://sts.bad.example/
  ssoUrl: http://login.bad.example/saml2
  logoutUrl: https://login.bad.example/logout
  nameIdFormat: mail
  certificate: idp-expired.pem
`
  const problems = await refused('bad-fed.yaml', broken)
  assert.equal(problems.length, 4, problems.join('\n'))
  assert.match(
    problems[0],
    /^5:3 federation: with an authentication provider .* never expire: set loginSettings pinGeneration: admin, pinExpiry: never$/,
  )
  assert.match(problems[1], /^6:11 federation\.ssoUrl: an https:\/\/ URL \(got http:\/\/\)$/)
  assert.match(problems[2], /^8:17 federation\.nameIdFormat: a SAML name-ID format/)
  assert.match(problems[3], /^9:16 federation\.certificate: .*idp-expired\.pem line 1: the certificate expired on 2021-01-01/)
  const key = await refused('key.yaml', `version: 1\norganization: {name: Bad One, create: true}\n${provider('idp.key')}`)
  assert.match(key[0], /federation\.certificate: .*idp\.key line 1: a private key \(PRIVATE KEY\), not a certificate/)
  assert.doesNotMatch(key.join('\n'), /MII/)
  const orgs: string[] = []
  for await (const o of rs.client.orgs.list()) orgs.push(o.name)
  assert.ok(!orgs.includes('Bad One'))
})

test('a rotated certificate is an update; another provider replaces the one; a removal comes before PIN settings it allows', async () => {
  const head = 'version: 1\norganization: {name: Tailspin Toys}\n'
  const rotated = await plan('rotate.yaml', head + provider('idp-rotated.pem'))
  assert.deepEqual(lines(rotated.items).slice(1), ['update authentication provider https://sts.tailspin.example/ (certificate)'])
  assert.deepEqual(await applyPlan(rotated.items, rotated.ctx), [])
  const other = await plan('other.yaml', head + provider('idp-rotated.pem', 'https://idp.tailspin.example/'))
  const item = other.items.find((i) => i.kind === 'authentication provider')!
  assert.deepEqual(item.changes, ['entityId'])
  assert.match(item.detail!, /replaces https:\/\/sts\.tailspin\.example\/ \(one provider per organization\)/)
  assert.deepEqual(await applyPlan(other.items, other.ctx), [])
  // PIN settings a provider forbids, without a federation section: refused at loginSettings
  assert.deepEqual(await refused('forbidden.yaml', `${head}loginSettings: {pinGeneration: auto}\n`), [
    '3:16 loginSettings: with an authentication provider (identity federation), PINs are set by administrators (PIN generation admin) and never expire: set loginSettings pinGeneration: admin, pinExpiry: never',
  ])
  const removal = await plan(
    'remove.yaml',
    `${head}loginSettings: {methods: [badge, pin, secure], pinExpiry: 90d}\nfederation: {state: absent}\n`,
  )
  // applied phase by phase: the provider goes before the PIN settings it would forbid
  const byPhase = [...removal.items].sort((a, b) => a.phase - b.phase)
  assert.deepEqual(lines(byPhase).slice(1), [
    'delete authentication provider https://idp.tailspin.example/',
    'update login settings printer login (methods, pinExpiry)',
  ])
  assert.deepEqual(await applyPlan(removal.items, removal.ctx), [])
  const orgId = removal.ctx.orgId!
  assert.equal(await rs.client.federation.get(orgId), null)
  assert.deepEqual((await rs.client.loginConfig.get(orgId)).pinExpiry, {unit: 'days', value: 90})
})
