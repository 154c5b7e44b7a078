// Interactive login in a real terminal: PET's steps (e-mail, hidden password, organization picker).
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, test} from 'node:test'

import {BIN, isolatedEnv, startSandbox, stopSandbox, tempDir, type SandboxJson} from '../helpers/cli.js'
import {hasTmux, q, Terminal} from '../helpers/tmux.js'

let sb: SandboxJson
before(async () => {
  if (hasTmux) sb = await startSandbox()
})
after(async () => {
  if (sb) await stopSandbox(sb)
})

test(
  'interactive login asks for the e-mail, hides the password and offers the organization picker',
  {skip: !hasTmux && 'tmux is not installed'},
  async () => {
    const cfg = tempDir('lcs-cfg-')
    const term = new Terminal(
      `env -u CI LCS_CONFIG_DIR=${q(cfg)} LCS_NO_KEYCHAIN=1 NO_COLOR=1 ${q(process.execPath)} ${q(BIN)} login --api-url ${q(sb.apiUrl)}`,
    )
    try {
      await term.waitFor(/E-mail/)
      term.type(sb.adminEmail)
      term.send('Enter')
      await term.waitFor(/Password/)
      term.type(sb.adminPassword)
      // one * per character typed, once the prompt has drawn them all
      const typed = await term.waitFor(new RegExp(`Password \\*{${sb.adminPassword.length}}\\s`))
      assert.ok(!typed.includes(sb.adminPassword), 'the password is not echoed')
      term.send('Enter')
      const picker = await term.waitFor(/Organization/)
      assert.match(picker, /Northwind Partners/)
      assert.match(picker, /Contoso Retail/)
      term.send('Down')
      term.send('Enter')
      const done = await term.waitFor(/EXIT=\d+/)
      assert.match(done, /EXIT=0/)
      assert.match(done, /Logged in to .* as admin@northwind\.example; organization Contoso Retail/)
      assert.ok(!done.includes(sb.adminPassword))
      const profile = JSON.parse(readFileSync(join(cfg, 'config.json'), 'utf8')).profiles.default
      assert.equal(profile.orgName, 'Contoso Retail')
      assert.equal(profile.authMethod, 'password')
    } finally {
      term.close()
    }
  },
)

test('a mistyped command in a terminal offers "did you mean"', {skip: !hasTmux && 'tmux is not installed'}, async () => {
  const env = isolatedEnv()
  const term = new Terminal(`env -u CI LCS_CONFIG_DIR=${q(env.LCS_CONFIG_DIR!)} NO_COLOR=1 ${q(process.execPath)} ${q(BIN)} orgs lst`)
  try {
    const s = await term.waitFor(/Did you mean/i)
    assert.match(s, /orgs list/)
    term.send('n')
    term.send('Enter')
    await term.waitFor(/EXIT=127/)
  } finally {
    term.close()
  }
})
