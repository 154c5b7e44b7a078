// The interactive enrollment in a real terminal: the checklist picker, then PET's per-printer
// "Apply Credentials / Skip" prompt for secured printers.
import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'

import {BIN, startFleetSandbox, stopSandbox, tempDir} from '../helpers/cli.js'
import {hasTmux, q, Terminal} from '../helpers/tmux.js'

const SNMP = 27_000 + (process.pid % 8000)
let sb: Awaited<ReturnType<typeof startFleetSandbox>> | undefined

before(async () => {
  if (hasTmux) sb = await startFleetSandbox(30, '127.27.0.0/24', SNMP)
})
after(async () => {
  if (sb) await stopSandbox(sb)
})

test(
  'the picker lists eligible printers; a secured one offers Apply Credentials or Skip',
  {skip: !hasTmux && 'tmux is not installed'},
  async () => {
    const s = sb!
    const securedEligible = s.printers.filter((p) => p.ews?.secured && p.ews.capability !== 'none')
    assert.ok(securedEligible.length >= 2, 'the seed gives two secured eligible printers')
    const cfg = tempDir('lcs-cfg-')
    const env = `env -u CI LCS_CONFIG_DIR=${q(cfg)} LCS_NO_KEYCHAIN=1 NO_COLOR=1 LCS_API_URL=${q(s.apiUrl)} LCS_CLIENT_ID=${q(s.clientId)} LCS_CLIENT_SECRET=${q(s.clientSecret)}`
    const term = new Terminal(
      `${env} ${q(process.execPath)} ${q(BIN)} printers enroll 127.27.0.1-${securedEligible[1].address} --snmp-port ${SNMP} --ews-port ${SNMP + 1} --snmp-timeout 1 --concurrency 1 --timeout 60`,
    )
    try {
      const picker = await term.waitFor(/Printers to enroll/)
      assert.ok(picker.includes(securedEligible[0].address), 'the secured printer is offered')
      term.send('Enter')
      await term.waitFor(new RegExp(`${securedEligible[0].address.replaceAll('.', '\\.')} .* is secured`))
      const prompt = term.screen()
      assert.match(prompt, /Apply Credentials/)
      assert.match(prompt, /Skip/)
      term.send('Down')
      term.send('Enter') // Skip the first secured printer
      await term.waitFor(new RegExp(`${securedEligible[1].address.replaceAll('.', '\\.')} .* is secured`))
      term.send('Enter') // Apply Credentials
      await term.waitFor(/User name/)
      term.type('admin')
      term.send('Enter')
      await term.waitFor(/Password/)
      term.type('sandbox-ews')
      assert.ok(!term.screen().includes('sandbox-ews'), 'the password is not echoed')
      term.send('Enter')
      const done = await term.waitFor(/EXIT=\d+/, 60_000)
      assert.match(done, /EXIT=0/)
      assert.match(done, new RegExp(`${securedEligible[0].address.replaceAll('.', '\\.')}.*skipped`))
      assert.match(done, new RegExp(`${securedEligible[1].address.replaceAll('.', '\\.')}.*enrolled`))
    } finally {
      term.close()
    }
  },
)
