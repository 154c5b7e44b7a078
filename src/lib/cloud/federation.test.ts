import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {after, test} from 'node:test'
import {rmSync} from 'node:fs'

import {makeCerts} from '../../../test/helpers/certs.js'
import {LcsError} from '../errors.js'
import {checkCertificate, httpsUrlProblem, loadCertificate, nameIdFormat} from './federation.js'

const certs = makeCerts()
after(() => rmSync(certs.dir, {force: true, recursive: true}))

test('a valid PEM certificate: its block, subject, dates and SHA-256 fingerprint', () => {
  const text = readFileSync(certs.valid, 'utf8')
  const check = checkCertificate(`# exported from the IdP\n${text}`)
  assert.ok(check.ok)
  assert.equal(check.pem, text)
  assert.match(check.info.subject, /CN=idp\.contoso\.example/)
  assert.match(check.info.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
  assert.ok(new Date(check.info.validTo).getTime() > Date.now())
})

test('not PEM, a private key, an expired or not-yet-valid certificate, a broken one: refused with the line', () => {
  const bad = (text: string, now?: Date) => {
    const c = checkCertificate(text, now)
    assert.ok(!c.ok)
    return c
  }
  assert.match(bad('MIIB...binary').rule, /not PEM/)
  const key = bad(readFileSync(certs.key, 'utf8'))
  assert.match(key.rule, /a private key \(PRIVATE KEY\), not a certificate/)
  assert.equal(key.line, 1)
  // a key and a certificate together: refused (never sent), the key's line named
  const both = bad(`${readFileSync(certs.valid, 'utf8')}${readFileSync(certs.key, 'utf8')}`)
  assert.match(both.rule, /private key/)
  assert.ok(both.line! > 1)
  assert.match(bad('-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n').rule, /a PEM "PUBLIC KEY", not a certificate/)
  assert.match(bad(readFileSync(certs.expired, 'utf8')).rule, /expired on 2021-01-01T00:00:00\.000Z/)
  assert.match(bad(readFileSync(certs.valid, 'utf8'), new Date('2000-01-01')).rule, /not valid before/)
  assert.match(
    bad('-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n').rule,
    /not a parseable X\.509 certificate/,
  )
  assert.match(bad('-----BEGIN CERTIFICATE-----\nMIIB\n').rule, /no "-----END CERTIFICATE-----" line/)
  const two = readFileSync(certs.valid, 'utf8') + readFileSync(certs.rotated, 'utf8')
  assert.match(bad(two).rule, /one certificate, the signing one: the file has 2/)
})

test('loadCertificate names the file and line; the key itself is never in the message', async () => {
  await assert.rejects(loadCertificate(certs.key), (e: LcsError) => {
    assert.equal(e.kind, 'badData')
    assert.match(e.message, new RegExp(`^${certs.key} line 1: a private key`))
    assert.doesNotMatch(e.message, /MII/)
    return true
  })
  await assert.rejects(loadCertificate(certs.expired), (e: LcsError) => e.kind === 'badData' && /expired/.test(e.message))
  await assert.rejects(loadCertificate(`${certs.dir}/none.pem`), (e: LcsError) => e.kind === 'usage' && /no such file/.test(e.message))
})

test('federation URLs are https; name-ID formats by short name or URN', () => {
  assert.equal(httpsUrlProblem('https://login.contoso.example/saml2'), undefined)
  assert.match(httpsUrlProblem('http://login.contoso.example/saml2')!, /https:\/\/ URL \(got http:\/\/\)/)
  assert.match(httpsUrlProblem('login.contoso.example')!, /not a URL/)
  assert.match(httpsUrlProblem('https://user:pw@login.contoso.example/')!, /without a user name/)
  assert.equal(nameIdFormat('email'), 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress')
  assert.equal(nameIdFormat('URN:oasis:names:tc:SAML:2.0:nameid-format:persistent'), 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent')
  assert.equal(nameIdFormat('mail'), undefined)
})
