// Certificates for identity-federation tests, made at test time with openssl in a temporary directory
// (private keys never leave it): a valid self-signed one, an expired one, and the key itself.
import {execFileSync} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {tempDir} from './cli.js'

export interface TestCerts {
  dir: string
  /** Valid for 30 days from now. */
  valid: string
  /** Another valid one (a rotated signing certificate). */
  rotated: string
  /** Valid in 2020 only. */
  expired: string
  /** The private key of `valid` (a file that is not a certificate). */
  key: string
}

const openssl = (dir: string, args: string[]) =>
  execFileSync('openssl', args, {cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000})

export function makeCerts(): TestCerts {
  const dir = tempDir('lcs-certs-')
  for (const [name, cn] of [
    ['valid', 'idp.contoso.example'],
    ['rotated', 'idp2.contoso.example'],
  ])
    openssl(dir, [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.pem`,
      '-subj',
      `/CN=${cn}`,
      '-days',
      '30',
    ])
  // OpenSSL 3.0's req has no -not_before: a self-signed `openssl ca` sets past dates
  writeFileSync(join(dir, 'index.txt'), '')
  writeFileSync(join(dir, 'serial'), '01\n')
  writeFileSync(
    join(dir, 'ca.cnf'),
    '[ca]\ndefault_ca = d\n[d]\ndatabase = index.txt\nserial = serial\nnew_certs_dir = .\ndefault_md = sha256\npolicy = p\nunique_subject = no\n[p]\ncommonName = supplied\n',
  )
  openssl(dir, [
    'req',
    '-new',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'expired.key',
    '-out',
    'expired.csr',
    '-subj',
    '/CN=expired-idp.example',
  ])
  openssl(
    dir,
    ['ca', '-batch', '-config', 'ca.cnf', '-selfsign', '-keyfile', 'expired.key', '-in', 'expired.csr', '-out', 'expired.pem'].concat([
      '-startdate',
      '20200101000000Z',
      '-enddate',
      '20210101000000Z',
      '-notext',
    ]),
  )
  return {
    dir,
    expired: join(dir, 'expired.pem'),
    key: join(dir, 'valid.key'),
    rotated: join(dir, 'rotated.pem'),
    valid: join(dir, 'valid.pem'),
  }
}
