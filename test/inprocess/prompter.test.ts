// Every question a command asks goes through the factory's prompter: login, printers enroll and delete
// confirmations answered in-process by a scripted prompter (no terminal, no tmux), against an in-process
// sandbox. Each case also checks the questions asked and the choices offered.
import assert from 'node:assert/strict'
import {existsSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, test} from 'node:test'

import Login from '../../src/commands/login.js'
import PrintersEnroll from '../../src/commands/printers/enroll.js'
import UsersDelete from '../../src/commands/users/delete.js'
import {runSandbox} from '../../src/lib/sandbox/daemon.js'
import {isolatedEnv, tempDir} from '../helpers/cli.js'
import {runInProcess} from '../helpers/inprocess.js'
import {answering, nobody, type Choice} from '../helpers/prompter.js'

let sandbox: Awaited<ReturnType<typeof runSandbox>>
before(async () => {
  sandbox = await runSandbox({dataDir: tempDir('lcs-sbx-'), port: 0})
})
after(() => sandbox.stop())

const clientEnv = () =>
  isolatedEnv({LCS_API_URL: sandbox.info.apiUrl, LCS_CLIENT_ID: sandbox.info.clientId, LCS_CLIENT_SECRET: sandbox.info.clientSecret})

test('login asks e-mail, password and organization through the prompter, and stores the profile where env says', async () => {
  const {adminEmail, adminPassword, children} = sandbox.info
  const prompter = answering(
    adminEmail.toUpperCase(),
    adminPassword,
    (choices: Choice[]) => choices.find((c) => c.name === children[0].name)?.value,
  )
  const env = isolatedEnv()
  const r = await runInProcess(Login, ['--api-url', sandbox.info.apiUrl, '--insecure-storage'], {env, factory: {prompter}})
  assert.equal(r.code, 0, r.stderr)
  assert.deepEqual(
    prompter.asked.map((q) => q.message),
    ['E-mail', 'Password', 'Organization'],
  )
  assert.equal(r.result?.organization.id, children[0].id)
  assert.equal(r.result?.principal, adminEmail.toLowerCase())
  assert.ok(prompter.asked[2].choices!.length > 1, 'every organization the account reaches is offered')
  assert.ok(existsSync(join(env.LCS_CONFIG_DIR!, 'config.json')), 'the profile lands in LCS_CONFIG_DIR of the factory env')
  assert.ok(!r.stdout.includes(adminPassword) && !r.stderr.includes(adminPassword), 'the typed password is never printed')
})

test('login where nobody can answer names the flags instead of asking', async () => {
  const r = await runInProcess(Login, ['--api-url', sandbox.info.apiUrl], {env: isolatedEnv(), factory: {prompter: nobody}})
  assert.equal(r.code, 2)
  assert.match(r.stderr, /Missing credentials: pass --client-id with --client-secret-stdin, or --email with --password-stdin/)
})

test('a delete asks "Delete …?"; a no deletes nothing (exit 0, no error); without a terminal it needs --yes (2)', async () => {
  const no = answering(false)
  const r = await runInProcess(UsersDelete, ['jdoe@company.com'], {env: clientEnv(), factory: {prompter: no}})
  assert.equal(r.code, 0)
  assert.deepEqual(
    no.asked.map((q) => q.message),
    ['Delete user jdoe@company.com?'],
  )
  assert.equal(r.stderr, 'Nothing was deleted.\n')
  const unattended = await runInProcess(UsersDelete, ['jdoe@company.com'], {env: clientEnv(), factory: {prompter: nobody}})
  assert.equal(unattended.code, 2)
  assert.match(unattended.stderr, /Missing confirmation to delete user jdoe@company\.com: pass --yes/)
})

test('printers enroll offers only the eligible printers of a saved discovery, and an empty pick enrolls nothing (3)', async () => {
  const row = (address: string, serialNumber: string, status: 'eligible' | 'unsupported') => ({
    address,
    agentType: status === 'eligible' ? 'native' : 'fleet',
    model: 'MX622',
    reason: status,
    serialNumber,
    source: 'snmp',
    status,
    vendor: 'Lexmark',
  })
  const file = join(tempDir(), 'discovery.json')
  writeFileSync(file, JSON.stringify({printers: [row('127.0.0.1', 'A1', 'eligible'), row('127.0.0.2', 'B2', 'unsupported')], version: 1}))
  const prompter = answering([])
  const r = await runInProcess(PrintersEnroll, ['--from', file], {env: clientEnv(), factory: {prompter}})
  assert.equal(r.code, 3, r.stderr)
  assert.match(r.stderr, /No printer selected\./)
  assert.deepEqual(
    prompter.asked.map((q) => q.message),
    ['Printers to enroll (space toggles, enter confirms)'],
  )
  assert.deepEqual(
    prompter.asked[0].choices!.map((c) => (c.value as {serialNumber: string}).serialNumber),
    ['A1'],
  )
})
