// Printer-login configuration, identity federation and password resets through the CLI against a
// detached sandbox: out-of-range PIN expiry and broken certificates or URLs are one line with their exit
// code and change nothing; a provider needs the PIN settings the guide allows; reset mails land in the
// sandbox's outbox; badges keep their description.
import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, test} from 'node:test'

import {makeCerts} from '../helpers/certs.js'
import {run, runJson, sandboxEnv, startSandbox, stopSandbox, type SandboxJson} from '../helpers/cli.js'

let sb: SandboxJson
let env: NodeJS.ProcessEnv
const certs = makeCerts()

before(async () => {
  sb = await startSandbox(['--no-mdns'])
  env = {...sandboxEnv(sb), LCS_ORG: 'Contoso Retail'}
})
after(async () => {
  await stopSandbox(sb)
  rmSync(certs.dir, {force: true, recursive: true})
})

/** stderr's error lines (the Node version warning of a system node aside). */
const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l && !/Warning|trace-warnings/.test(l))

test('login-config: methods and PIN expiry set and shown; 49h, 181d and combinations the guide forbids change nothing', async () => {
  const set = await runJson(['login-config', 'set', '--methods', 'badge+pin', '--pin-expiry', '48h', '--pin-length', '6'], env)
  assert.equal(set.code, 0, set.stderr)
  assert.deepEqual(set.body, {methods: ['badge+pin'], pinExpiry: {unit: 'hours', value: 48}, pinGeneration: 'admin', pinLength: 6})
  for (const [flag, message] of [
    ['49h', 'Error: --pin-expiry 49h: PINs expire after 1–48 hours (got 49), or never.'],
    ['181d', 'Error: --pin-expiry 181d: PINs expire after 1–180 days (got 181), or never.'],
  ]) {
    const r = await run(['login-config', 'set', '--pin-expiry', flag], {env})
    assert.equal(r.code, 2, r.stderr)
    assert.deepEqual(errorLines(r.stderr), [message])
  }
  const auto = await run(['login-config', 'set', '--pin-generation', 'auto'], {env})
  assert.equal(auto.code, 7, auto.stderr)
  assert.match(errorLines(auto.stderr)[0], /^Error: PINs generated and e-mailed \(PIN generation auto\) cannot expire/)
  const mixed = await run(['login-config', 'set', '--methods', 'badge+pin,secure'], {env})
  assert.equal(mixed.code, 7, mixed.stderr)
  assert.match(errorLines(mixed.stderr)[0], /it goes alone/)
  const get = await run(['login-config', 'get'], {env})
  assert.equal(get.code, 0, get.stderr)
  assert.match(get.stdout, /Login methods: {2}Badge \+ PIN as second factor \(two-factor authentication\)/)
  assert.match(get.stdout, /PIN expiry: {5}after 48 hours/)
  assert.match(get.stdout, /PIN length: {5}6 digits/)
})

test('orgs federation: broken certificates and URLs refused with one line; then set, shown with its fingerprint, replaced, removed', async () => {
  const notPem = join(certs.dir, 'notes.txt')
  writeFileSync(notPem, 'the IdP metadata is on the intranet\n')
  const fields = [
    '--entity-id',
    'https://sts.contoso.example/',
    '--sso-url',
    'https://login.contoso.example/saml2',
    '--logout-url',
    'https://login.contoso.example/logout',
    '--name-id-format',
    'email',
  ]
  const refusals: Array<[string[], number, RegExp]> = [
    [['--certificate', notPem], 7, /^Error: .*notes\.txt: not PEM: no "-----BEGIN CERTIFICATE-----" line/],
    [['--certificate', certs.key], 7, /^Error: .*valid\.key line 1: a private key \(PRIVATE KEY\), not a certificate/],
    [['--certificate', certs.expired], 7, /^Error: .*expired\.pem line 1: the certificate expired on 2021-01-01T00:00:00\.000Z\.$/],
  ]
  for (const [extra, code, line] of refusals) {
    const r = await run(['orgs', 'federation', 'set', ...fields, ...extra], {env})
    assert.equal(r.code, code, r.stderr)
    assert.equal(errorLines(r.stderr).length, 1, r.stderr)
    assert.match(errorLines(r.stderr)[0], line)
    assert.doesNotMatch(r.stderr, /MII/)
  }
  const http = await run(
    ['orgs', 'federation', 'set', ...fields.slice(0, 2), '--sso-url', 'http://login.contoso.example/saml2', ...fields.slice(4)],
    {env},
  )
  assert.equal(http.code, 2, http.stderr)
  assert.deepEqual(errorLines(http.stderr), ['Error: --sso-url http://login.contoso.example/saml2: an https:// URL (got http://).'])
  // PINs still expire after 48 hours: a provider is refused until they never expire
  const pins = await run(['orgs', 'federation', 'set', ...fields, '--certificate', certs.valid], {env})
  assert.equal(pins.code, 7, pins.stderr)
  assert.match(
    errorLines(pins.stderr)[0],
    /PINs are set by administrators .* and never expire: change the printer-login configuration first/,
  )
  assert.deepEqual((await runJson(['orgs', 'federation', 'show'], env)).body, {organization: 'Contoso Retail', provider: null})

  assert.equal((await run(['login-config', 'set', '--pin-expiry', 'never'], {env})).code, 0)
  const set = await runJson(['orgs', 'federation', 'set', ...fields, '--certificate', certs.valid, '--domain', 'Contoso.example'], env)
  assert.equal(set.code, 0, set.stderr)
  assert.equal(set.body.outcome, 'created')
  const openssl = execFileSync('openssl', ['x509', '-in', certs.valid, '-noout', '-fingerprint', '-sha256'], {encoding: 'utf8'})
  assert.equal(set.body.provider.certificate.fingerprint256, openssl.trim().split('=')[1])
  assert.deepEqual(set.body.provider.domains, ['contoso.example'])
  const show = await run(['orgs', 'federation', 'show'], {env})
  assert.match(show.stdout, /Name-ID format: {3}urn:oasis:names:tc:SAML:1\.1:nameid-format:emailAddress \(email\)/)
  assert.match(show.stdout, new RegExp(`SHA-256: {10}${set.body.provider.certificate.fingerprint256}`))
  // with a provider, PIN settings stay as the guide says
  const user = await run(['login-config', 'set', '--pin-generation', 'user'], {env})
  assert.equal(user.code, 7, user.stderr)
  // a rotated certificate keeps the other fields; another entity ID needs --replace
  const rotated = await runJson(['orgs', 'federation', 'set', '--certificate', certs.rotated], env)
  assert.equal(rotated.body.outcome, 'updated', rotated.stderr)
  assert.equal(rotated.body.provider.ssoUrl, 'https://login.contoso.example/saml2')
  const other = await run(['orgs', 'federation', 'set', '--entity-id', 'https://idp.contoso.example/'], {env})
  assert.equal(other.code, 6, other.stderr)
  assert.match(other.stderr, /already federates with https:\/\/sts\.contoso\.example\/[\s\S]*--replace/)
  assert.equal(
    (await runJson(['orgs', 'federation', 'set', '--entity-id', 'https://idp.contoso.example/', '--replace'], env)).body.outcome,
    'updated',
  )
  // a federated user resets the password at the identity provider
  assert.equal((await run(['users', 'create', 'kim@contoso.example'], {env})).code, 0)
  const federated = await run(['users', 'reset-password', 'kim@contoso.example'], {env})
  assert.equal(federated.code, 7, federated.stderr)
  assert.match(federated.stdout, /kim@contoso\.example: rejected: .*manages passwords/)
  const noYes = await run(['orgs', 'federation', 'remove'], {env})
  assert.equal(noYes.code, 2, noYes.stderr)
  assert.deepEqual((await runJson(['orgs', 'federation', 'remove', '--yes'], env)).body, {
    entityId: 'https://idp.contoso.example/',
    outcome: 'deleted',
  })
  assert.deepEqual((await runJson(['orgs', 'federation', 'remove', '--yes'], env)).body, {outcome: 'unchanged'})
})

test('users reset-password: the mail is in the sandbox outbox; an unknown user is rejected (exit 9 beside a sent one)', async () => {
  assert.equal((await run(['users', 'create', 'lee@contoso.example', '--first-name', 'Lee'], {env})).code, 0)
  const r = await runJson(['users', 'reset-password', 'lee@contoso.example', 'nobody@contoso.example'], env)
  assert.equal(r.code, 9, r.stderr)
  assert.deepEqual(r.body, [
    {email: 'lee@contoso.example', result: 'sent'},
    {email: 'nobody@contoso.example', reason: 'No user nobody@contoso.example in this organization', result: 'rejected'},
  ])
  const outbox = await runJson(['sandbox', 'outbox', '--data', sb.dataDir, '--to', 'LEE@contoso.example'], env)
  assert.equal(outbox.code, 0, outbox.stderr)
  assert.equal(outbox.body.length, 1)
  assert.equal(outbox.body[0].kind, 'password-reset')
  assert.equal(outbox.body[0].subject, 'Reset your Lexmark Cloud Services password')
  assert.match(outbox.body[0].body, /^Hello Lee,/)
  const text = await run(['sandbox', 'outbox', '--data', sb.dataDir], {env})
  assert.match(text.stdout, /password-reset {2}to lee@contoso\.example\nSubject: Reset your Lexmark Cloud Services password/)
})

test('badges register --description is listed; access-groups members list names the members', async () => {
  const reg = await runJson(['badges', 'register', 'D-100', '--email', 'lee@contoso.example', '--description', 'Blue lanyard'], env)
  assert.equal(reg.code, 0, reg.stderr)
  assert.equal(reg.body.outcome, 'created')
  assert.equal(
    (await runJson(['badges', 'register', 'D-100', '--email', 'lee@contoso.example', '--description', 'Blue lanyard'], env)).body.outcome,
    'unchanged',
  )
  const list = await runJson(['badges', 'list'], env)
  assert.equal(list.body.find((b: {badgeId: string}) => b.badgeId === 'D-100').description, 'Blue lanyard')
  const members = await runJson(['access-groups', 'members', 'list', 'Partner Administrators', '--org', 'Northwind Partners'], env)
  assert.equal(members.code, 0, members.stderr)
  assert.deepEqual(members.body.members, ['admin@northwind.example'])
  assert.ok(members.body.roles.includes('Partner Administrator'))
})
