// Rough edges of the CLI against a sandbox: deleting twice is "unchanged" (exit 0) for every kind of
// delete; partner wording by name (create-child, Parent and Organization columns); the SNMP community
// off the command line (LCS_SNMP_COMMUNITY, --community-stdin; --community warns).
import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'

import {run, runJson, sandboxEnv, startFleetSandbox, stopSandbox} from '../helpers/cli.js'

const SNMP = 33_000 + (process.pid % 6000)
let sb: Awaited<ReturnType<typeof startFleetSandbox>>
let env: NodeJS.ProcessEnv

before(async () => {
  sb = await startFleetSandbox(6, '127.30.0.0/24', SNMP)
  env = sandboxEnv(sb)
})
after(async () => {
  if (sb) await stopSandbox(sb)
})

test('printers unenroll X --yes twice: unenrolled, then unchanged (exit 0 both times)', async () => {
  const p = sb.printers.find((x) => x.ews && !x.ews.secured && x.ews.capability !== 'none')!
  const net = ['--snmp-port', String(SNMP), '--ews-port', String(SNMP + 1), '--snmp-timeout', '1', '--timeout', '60']
  const enrolled = await runJson(['printers', 'enroll', p.address, '--all-eligible', ...net], env)
  assert.equal(enrolled.code, 0, enrolled.stderr)
  const first = await runJson(['printers', 'unenroll', p.serialNumber, '--yes'], env)
  assert.equal(first.code, 0, first.stderr)
  assert.equal(first.body[0].result, 'unenrolled')
  const again = await runJson(['printers', 'unenroll', p.serialNumber, '--yes'], env)
  assert.equal(again.code, 0, again.stderr)
  assert.equal(again.body[0].result, 'unchanged')
  assert.match(again.body[0].reason, /not enrolled in this organization/)
})

test('groups, access groups, pre-enrollments and configurations: the second delete is unchanged', async () => {
  assert.equal((await runJson(['groups', 'create', 'Temporary'], env)).code, 0)
  assert.equal((await runJson(['groups', 'delete', 'Temporary', '--yes'], env)).body.outcome, 'deleted')
  const group = await runJson(['groups', 'delete', 'Temporary', '--yes'], env)
  assert.equal(group.code, 0, group.stderr)
  assert.equal(group.body.outcome, 'unchanged')

  assert.equal((await runJson(['access-groups', 'create', 'Temporary access'], env)).code, 0)
  assert.equal((await runJson(['access-groups', 'delete', 'Temporary access', '--yes'], env)).body.outcome, 'deleted')
  const access = await runJson(['access-groups', 'delete', 'Temporary access', '--yes'], env)
  assert.equal(access.code, 0, access.stderr)
  assert.equal(access.body.outcome, 'unchanged')

  assert.equal((await runJson(['preenroll', 'add', '7559040000075'], env)).code, 0)
  assert.equal((await runJson(['preenroll', 'remove', '7559040000075', '--yes'], env)).body.results[0].outcome, 'deleted')
  const pre = await runJson(['preenroll', 'remove', '7559040000075', '--yes'], env)
  assert.equal(pre.code, 0, pre.stderr)
  assert.equal(pre.body.results[0].outcome, 'unchanged')

  const config = await runJson(['configs', 'delete', 'No such configuration', '--yes'], env)
  assert.equal(config.code, 0, config.stderr)
  assert.equal(config.body[0].result, 'unchanged')
})

test('orgs create-child from a customer organization says --parent or orgs use; names, not ids, in the text', async () => {
  const fromCustomer = await run(['orgs', 'create-child', 'Tailspin Toys', '--org', 'Contoso Retail'], {env})
  assert.equal(fromCustomer.code, 7)
  assert.match(fromCustomer.stderr, /Contoso Retail is a customer organization/)
  assert.match(fromCustomer.stderr, /--parent "Northwind Partners", or select the partner first: `lcs orgs use "Northwind Partners"`/)
  const created = await run(['orgs', 'create-child', 'Tailspin Toys'], {env})
  assert.equal(created.code, 0, created.stderr)
  assert.match(created.stdout, /^Created Tailspin Toys \([0-9a-f-]{36}\) under Northwind Partners\.\n$/)
  const list = await run(['orgs', 'list'], {env})
  assert.match(list.stdout, /Tailspin Toys\t[0-9a-f-]{36}\tcustomer\tNorthwind Partners\t/)
  const json = await runJson(['orgs', 'list'], env)
  assert.match(json.body.find((o: {name: string}) => o.name === 'Tailspin Toys').parentId, /^[0-9a-f-]{36}$/)
  const typo = await run(['orgs', 'use', 'Contso'], {env})
  assert.equal(typo.code, 3)
  assert.match(typo.stderr, /Did you mean "Contoso Retail"\?/)
})

test('the SNMP community: --community-stdin and LCS_SNMP_COMMUNITY quietly, --community with a warning', async () => {
  const p = sb.printers.find((x) => x.ews)!
  const args = ['printers', 'discover', p.address, '--snmp-port', String(SNMP), '--timeout', '1']
  const piped = await run([...args, '--community-stdin'], {env, input: 'public\n'})
  assert.equal(piped.code, 0, piped.stderr)
  assert.match(piped.stdout, new RegExp(p.serialNumber))
  assert.doesNotMatch(piped.stderr, /--community puts/)
  const fromEnv = await run(args, {env: {...env, LCS_SNMP_COMMUNITY: 'public'}})
  assert.match(fromEnv.stdout, new RegExp(p.serialNumber))
  const flag = await run([...args, '--community', 'not-the-community'], {env})
  assert.match(flag.stderr, /--community puts the SNMP community where other users see it/)
  assert.doesNotMatch(flag.stdout + flag.stderr, /not-the-community/, 'the community itself is redacted')
})
