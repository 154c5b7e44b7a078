// The API contract (docs/api/openapi.yaml) is the one source of truth: the sandbox serves exactly its
// routes, the SDK calls only its routes, and the sandbox's answers carry the required fields.
import assert from 'node:assert/strict'
import {readFileSync, rmSync} from 'node:fs'
import {after, before, test} from 'node:test'
import {parse} from 'yaml'

import {newDefinition} from '../../src/lib/agents/index.js'
import {CloudClient, type RouteName, ROUTES} from '../../src/lib/cloud/index.js'
import type {LcsError} from '../../src/lib/errors.js'
import {runSandbox} from '../../src/lib/sandbox/daemon.js'
import {SANDBOX_ROUTES} from '../../src/lib/sandbox/server.js'
import {makeCerts} from '../helpers/certs.js'
import {tempDir} from '../helpers/cli.js'

interface Spec {
  paths: Record<string, Record<string, unknown>>
  components: {schemas: Record<string, {required?: string[]}>}
}
const spec = parse(readFileSync(new URL('../../docs/api/openapi.yaml', import.meta.url), 'utf8')) as Spec
const specRoutes = new Set(Object.entries(spec.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)))

test('the sandbox serves exactly the routes of the contract', () => {
  const served = new Set(SANDBOX_ROUTES.map((r) => `${r.method} ${r.path}`))
  assert.deepEqual([...served].sort(), [...specRoutes].sort())
})

test('every route the SDK calls is in the contract', () => {
  for (const [name, r] of Object.entries(ROUTES))
    assert.ok(specRoutes.has(`${r.method} ${r.path}`), `SDK route ${name} (${r.method} ${r.path}) is not in openapi.yaml`)
})

let sandbox: Awaited<ReturnType<typeof runSandbox>>
before(async () => {
  sandbox = await runSandbox({dataDir: tempDir(), port: 0})
})
after(() => sandbox.stop())

test('sandbox answers carry the fields the contract requires', async () => {
  const {info} = sandbox
  const client = new CloudClient({
    credentials: {clientId: info.clientId, clientSecret: info.clientSecret, kind: 'client'},
    endpoints: {apis: info.apiUrl, idp: info.apiUrl},
  })
  const required = (schema: string) => spec.components.schemas[schema].required ?? []
  const hasAll = (obj: object, schema: string) => {
    for (const k of required(schema)) assert.ok(k in obj, `${schema} lacks ${k}: ${JSON.stringify(obj)}`)
  }
  const page = await client.call<{content: object[]}>('listOrganizations', {query: {page: 0, size: 2}})
  hasAll(page, 'Page')
  assert.equal(page.content.length, 2)
  for (const o of page.content) hasAll(o, 'Organization')
  const assets = await client.call<{content: object[]}>('assets', {query: {size: 200}})
  hasAll(assets, 'Page')
  assert.ok(assets.content.length > 0)
  for (const a of assets.content) hasAll(a, 'Asset')
  for (const view of ['assetSupplies', 'assetAlerts', 'assetCounters', 'assetDiagnostics'] as const) {
    const p = await client.call<{content: Array<{serialNumber: string}>}>(view)
    hasAll(p, 'Page')
    assert.ok(p.content.every((a) => typeof a.serialNumber === 'string'))
  }
  const users = await client.call<{content: object[]}>('listUsers', {params: {orgId: info.orgId}})
  for (const u of users.content) hasAll(u, 'User')
  const roles = await client.roles.catalog()
  for (const r of roles) hasAll(r, 'RoleInfo')
  const email = info.technicianEmail!
  hasAll(await client.roles.ofUser(info.orgId, email), 'UserRoles')
  hasAll(await client.roles.changeUser(info.orgId, email, {assign: ['Fleet Management Reporting Analyst']}), 'UserRoles')
  hasAll(await client.roles.changeOrganization(info.orgId, {assign: ['Print Release Management User']}), 'RoleAssignment')
  assert.deepEqual((await client.roles.ofOrganization(info.orgId)).roles, ['Print Release Management User'])
  const group = await client.call<{id: string}>('createGroup', {body: {name: 'Contract roles'}, params: {orgId: info.orgId}})
  hasAll(await client.roles.changeGroup(info.orgId, group.id, {assign: ['Hybrid Print Management User']}), 'RoleAssignment')
  assert.deepEqual((await client.roles.ofGroup(info.orgId, group.id)).roles, ['Hybrid Print Management User'])
  hasAll(await client.groups.get(info.orgId, group.id), 'GroupDetails')
  hasAll(await client.groups.rename(info.orgId, group.id, 'Contract group'), 'GroupDetails')
  const [added] = await client.groups.changeMembers(info.orgId, group.id, [{email, operation: 'ADD'}])
  assert.equal(added.outcome, 'created')
  for await (const m of client.groups.members(info.orgId, group.id)) hasAll(m, 'GroupMember')
  await client.groups.delete(info.orgId, group.id)
  const ag = await client.accessGroups.create(info.orgId, 'Contract access', ['Fleet Management Administrator'])
  hasAll(ag, 'AccessGroup')
  assert.deepEqual(ag.roles, ['Fleet Management Administrator', 'Partner Administrator'])
  for (const g of await client.accessGroups.list(info.orgId)) hasAll(g, 'AccessGroup')
  assert.equal((await client.accessGroups.changeMembers(info.orgId, ag.id, [{email, operation: 'ADD'}]))[0].outcome, 'created')
  hasAll(await client.accessGroups.changeRoles(info.orgId, ag.id, {assign: ['File Service Administrator']}), 'RoleAssignment')
  await assert.rejects(client.accessGroups.changeRoles(info.orgId, ag.id, {remove: ['Partner Administrator']}), /cannot be removed/)
  await client.accessGroups.delete(info.orgId, ag.id)
})

test('errors use the contract envelope with a request id, and bad paging is a 400 naming the field', async () => {
  const res = await fetch(`${sandbox.info.apiUrl}/ciam/identity-authorization-service/oauth/token/info`, {
    headers: {'X-Request-Id': 'rid-1'},
  })
  assert.equal(res.status, 401)
  const body = (await res.json()) as {error: {code: string; requestId: string}}
  assert.equal(body.error.requestId, 'rid-1')
  const client = new CloudClient({
    credentials: {clientId: sandbox.info.clientId, clientSecret: sandbox.info.clientSecret, kind: 'client'},
    endpoints: {apis: sandbox.info.apiUrl, idp: sandbox.info.apiUrl},
  })
  await assert.rejects(
    client.call('assets', {query: {size: 500}}),
    (e: Error & {kind?: string; details?: Array<{field: string}>}) => e.kind === 'badData' && e.details?.[0].field === 'size',
  )
})

test('the import and group endpoints answer with the fields the contract requires', async () => {
  const {info} = sandbox
  const client = new CloudClient({
    credentials: {clientId: info.clientId, clientSecret: info.clientSecret, kind: 'client'},
    endpoints: {apis: info.apiUrl, idp: info.apiUrl},
  })
  const required = (schema: string) => spec.components.schemas[schema].required ?? []
  const hasAll = (obj: object, schema: string) => {
    for (const k of required(schema)) assert.ok(k in obj, `${schema} lacks ${k}: ${JSON.stringify(obj)}`)
  }
  const params = {orgId: info.orgId}
  const batches: Array<[RouteName, object]> = [
    ['usersBatch', {email: 'contract@company.com', groups: ['Printing'], operation: 'CREATE'}],
    ['badgesBatch', {badgeId: 'contract-1', email: 'contract@company.com', operation: 'CREATE', temporary: true}],
    ['preenrollmentsBatch', {serialNumber: 'CONTRACT01'}],
    [
      'mpsContactsBatch',
      {
        addressLine1: '1 Main St',
        businessName: 'Contract',
        city: 'Lexington',
        country: 'US',
        countryCode: '1',
        email: 'c@company.com',
        firstName: 'C',
        lastName: 'T',
        phone: '555 0100',
        postalCode: '40550',
      },
    ],
  ]
  for (const [route, item] of batches) {
    const res = await client.call<{results: Array<{status: number}>}>(route, {body: {items: [item]}, params})
    hasAll(res, 'BatchResponse')
    assert.equal(res.results[0].status, 201, `${route}: ${JSON.stringify(res)}`)
  }
  hasAll(await client.call('createGroup', {body: {name: 'Empty group'}, params}), 'Group')
  await assert.rejects(
    client.call('createGroup', {body: {name: 'empty GROUP'}, params}),
    (e: Error & {kind?: string}) => e.kind === 'conflict',
  )
  const lists: Array<[RouteName, string]> = [
    ['listUsers', 'User'],
    ['listGroups', 'Group'],
    ['listBadges', 'Badge'],
    ['listPreenrollments', 'Preenrollment'],
    ['listMpsContacts', 'MpsContactItem'],
  ]
  for (const [route, schema] of lists) {
    const page = await client.call<{content: object[]}>(route, {params})
    hasAll(page, 'Page')
    assert.ok(page.content.length > 0, route)
    for (const o of page.content) hasAll(o, schema)
  }
  hasAll(await client.call('getLoginConfig', {params}), 'PrinterLoginConfig')
})

/** Every field the contract's schema requires is in obj. */
function hasFields(obj: object, schema: string): void {
  for (const k of spec.components.schemas[schema].required ?? []) assert.ok(k in obj, `${schema} lacks ${k}: ${JSON.stringify(obj)}`)
}

test('printer-login configuration, authentication provider and password reset answer as the contract says', async () => {
  const {info} = sandbox
  const client = new CloudClient({
    credentials: {clientId: info.clientId, clientSecret: info.clientSecret, kind: 'client'},
    endpoints: {apis: info.apiUrl, idp: info.apiUrl},
  })
  const hasAll = hasFields
  const orgId = info.children[0].id
  const set = await client.loginConfig.set(orgId, {methods: ['badge+pin'], pinExpiry: {unit: 'hours', value: 48}})
  hasAll(set, 'PrinterLoginConfig')
  assert.deepEqual(set.pinExpiry, {unit: 'hours', value: 48})
  // the sandbox refuses out of range itself, whatever a client sends
  await assert.rejects(
    client.loginConfig.set(orgId, {pinExpiry: {unit: 'days', value: 181}}),
    (e: LcsError) => e.kind === 'badData' && /1–180 days/.test(e.message),
  )
  assert.deepEqual((await client.loginConfig.get(orgId)).pinExpiry, {unit: 'hours', value: 48})
  await client.loginConfig.set(orgId, {pinExpiry: null})

  assert.equal(await client.federation.get(orgId), null)
  const certs = makeCerts()
  try {
    const input = {
      certificate: readFileSync(certs.valid, 'utf8'),
      domains: ['contract.example'],
      entityId: 'https://idp.contract.example/',
      logoutUrl: 'https://idp.contract.example/logout',
      nameIdFormat: 'email',
      ssoUrl: 'https://idp.contract.example/sso',
    }
    const created = await client.federation.set(orgId, input)
    assert.equal(created.outcome, 'created')
    hasAll(created.provider, 'IdentityProvider')
    hasAll(created.provider.certificate, 'CertificateInfo')
    hasAll((await client.federation.get(orgId))!, 'IdentityProvider')
    assert.equal((await client.federation.set(orgId, input)).outcome, 'unchanged')
    await assert.rejects(client.federation.set(orgId, {...input, ssoUrl: 'http://idp.contract.example/sso'}), /https/)
    await assert.rejects(client.federation.set(orgId, {...input, certificate: readFileSync(certs.expired, 'utf8')}), /expired/)
    await assert.rejects(
      client.federation.set(orgId, {...input, entityId: 'https://other.example/'}),
      (e: LcsError) => e.kind === 'conflict',
    )
    assert.deepEqual(await client.federation.remove(orgId), {outcome: 'deleted'})
    assert.deepEqual(await client.federation.remove(orgId), {outcome: 'unchanged'})
  } finally {
    rmSync(certs.dir, {force: true, recursive: true})
  }

  await client.users.create(orgId, {email: 'reset@contract.example', password: 'Contract#2026'})
  assert.deepEqual(await client.users.resetPassword(orgId, 'reset@contract.example'), {sentTo: 'reset@contract.example'})
  await assert.rejects(client.users.resetPassword(orgId, 'nobody@contract.example'), (e: LcsError) => e.kind === 'notFound')
  const [badge] = await client.badges.apply(orgId, [
    {badgeId: 'contract-2', description: 'Lanyard', email: 'reset@contract.example', operation: 'CREATE'},
  ])
  assert.equal(badge.outcome, 'created')
  for await (const b of client.badges.list(orgId)) {
    hasAll(b, 'Badge')
    assert.equal(b.description, 'Lanyard')
  }
})

test('the Fleet Agent and printer-upkeep routes answer with the fields the contract requires', async () => {
  const {info} = sandbox
  const client = new CloudClient({
    credentials: {clientId: info.clientId, clientSecret: info.clientSecret, kind: 'client'},
    endpoints: {apis: info.apiUrl, idp: info.apiUrl},
  })
  const hasAll = (obj: object, schema: string) => {
    for (const k of spec.components.schemas[schema].required ?? []) assert.ok(k in obj, `${schema} lacks ${k}: ${JSON.stringify(obj)}`)
  }
  const agent = await client.fleetAgents.create(info.orgId, newDefinition('Contract agent'))
  hasAll(agent, 'FleetAgent')
  hasAll(await client.fleetAgents.update(info.orgId, agent.id, {...agent.definition, description: 'x'}), 'FleetAgent')
  const task = await client.fleetAgents.queueTask(info.orgId, agent.id, 'mib-walk', '127.0.0.1')
  hasAll(task, 'FleetAgentTask')
  hasAll(await client.fleetAgents.task(info.orgId, agent.id, task.id), 'FleetAgentTask')
  for await (const t of client.fleetAgents.tasks(info.orgId, agent.id)) hasAll(t, 'FleetAgentTask')
  hasAll(await client.fleetAgents.deactivate(info.orgId, agent.id), 'FleetAgent')
  const [printer] = await (async () => {
    const rows = []
    for await (const p of client.printers.list(info.orgId)) rows.push(p)
    return rows
  })()
  hasAll(printer, 'EnrolledPrinter')
  const refreshed = await client.printers.refresh(info.orgId, printer.serialNumber)
  assert.ok(['succeeded', 'failed', 'queued'].includes(refreshed.status))
  const [result] = await client.printers.applyCredentials(info.orgId, [printer.serialNumber], {password: 'p', username: 'u'})
  assert.equal(result.serialNumber, printer.serialNumber)
  await client.fleetAgents.delete(info.orgId, agent.id)
})

test('the MPS Express and Local Agent endpoints answer with the fields the contract requires', async () => {
  const {info} = sandbox
  const client = new CloudClient({
    credentials: {clientId: info.clientId, clientSecret: info.clientSecret, kind: 'client'},
    endpoints: {apis: info.apiUrl, idp: info.apiUrl},
  })
  const hasAll = (obj: object, schema: string) => {
    for (const k of spec.components.schemas[schema].required ?? []) assert.ok(k in obj, `${schema} lacks ${k}: ${JSON.stringify(obj)}`)
  }
  const child = info.children[0].id
  hasAll(await client.mps.entitlements(info.orgId, child), 'Entitlements')
  hasAll(await client.mps.entitle(info.orgId, child), 'Entitlements')
  const report = await client.mps.eligibility(child)
  hasAll(report, 'EligibilityReport')
  assert.ok(report.printers.length > 0)
  for (const p of report.printers) hasAll(p, 'PrinterEligibility')
  const contact = {
    addressLine1: '1 Main St',
    businessName: 'Contract',
    city: 'Lexington',
    country: 'US',
    countryCode: '1',
    email: 'mps@company.com',
    firstName: 'M',
    lastName: 'P',
    phone: '555 0100',
    postalCode: '40550',
  }
  const c = await client.mpsContacts.create(child, contact)
  hasAll(c, 'MpsContact')
  hasAll(await client.mpsContacts.update(child, c.id, {...contact, city: 'Paris'}), 'MpsContact')
  await client.mps.assign(child, {contactId: c.id}, [report.printers[0].serialNumber])
  const page = await client.call<{content: object[]}>('listMpsAssignments', {params: {orgId: child}})
  hasAll(page, 'Page')
  for (const a of page.content) hasAll(a, 'ContactAssignment')
  const code = await client.localAgents.generateCode(info.orgId, 2)
  hasAll(code, 'LocalAgentCode')
  hasAll(await client.localAgents.code(info.orgId), 'LocalAgentCode')
  hasAll(await client.localAgents.activate(code.code, 'CONTRACT-PC'), 'LocalAgent')
  for await (const a of client.localAgents.list(info.orgId)) hasAll(a, 'LocalAgent')
})
