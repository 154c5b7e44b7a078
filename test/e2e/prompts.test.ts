// Prompts in a real terminal (tmux): "did you mean" keeps the arguments and never asks when nobody can
// answer; Ctrl-C at any prompt is exit 130 and ends the whole run; a No is "nothing done", exit 0; the
// enroll checklist shows enrolled printers as such, not selectable, and echoes the selection as a count.
import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'

import {BIN, run, sandboxEnv, startFleetSandbox, stopSandbox, tempDir} from '../helpers/cli.js'
import {hasTmux, q, Terminal} from '../helpers/tmux.js'

const SNMP = 21_000 + (process.pid % 6000)
const skip = !hasTmux && 'tmux is not installed'
let sb: Awaited<ReturnType<typeof startFleetSandbox>> | undefined

before(async () => {
  if (hasTmux) sb = await startFleetSandbox(30, '127.29.0.0/24', SNMP)
})
after(async () => {
  if (sb) await stopSandbox(sb)
})

/** `lcs ARGS` in a terminal, logged in to the sandbox by environment unless `loggedIn` is false; `env`
 * adds or unsets variables. */
function lcs(args: string, env = 'env -u CI', loggedIn = true): Terminal {
  const s = sb!
  const creds = loggedIn ? `LCS_API_URL=${q(s.apiUrl)} LCS_CLIENT_ID=${q(s.clientId)} LCS_CLIENT_SECRET=${q(s.clientSecret)}` : ''
  return new Terminal(
    `${env} LCS_CONFIG_DIR=${q(tempDir('lcs-cfg-'))} LCS_NO_KEYCHAIN=1 NO_COLOR=1 ${creds} ${q(process.execPath)} ${q(BIN)} ${args}`,
  )
}

const re = (s: string) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))

async function within(term: Terminal, fn: () => Promise<void>): Promise<void> {
  try {
    await fn()
  } finally {
    term.close()
  }
}

test('did you mean: Yes runs the suggested command with the arguments and flags typed', {skip}, async () => {
  const printer = sb!.printers.find((p) => p.ews)!
  const term = lcs(`prnters discover ${printer.address} --snmp-port ${SNMP} --timeout 1`)
  await within(term, async () => {
    const asked = await term.waitFor(/Did you mean/)
    assert.match(asked, re(`lcs printers discover ${printer.address} --snmp-port ${SNMP} --timeout 1?`))
    term.send('Enter') // default Yes
    const done = await term.waitFor(/EXIT=\d+/, 30_000)
    assert.match(done, /EXIT=0/)
    assert.match(done, re(printer.serialNumber), 'the printer typed was discovered, not the local network')
  })
})

test('did you mean: never asked under CI on a terminal; the suggestion on stderr, exit 127', {skip}, async () => {
  const term = lcs('orgs us Contoso', 'env CI=1')
  await within(term, async () => {
    const done = await term.waitFor(/EXIT=\d+/)
    assert.match(done, /EXIT=127/)
    assert.match(done, /"lcs orgs us" is not a command\. Did you mean: lcs orgs use Contoso/)
    assert.doesNotMatch(done, /\?\s*\(Y\/n\)/)
  })
})

test('did you mean: Ctrl-C at the question is exit 130', {skip}, async () => {
  const term = lcs('orgs lst')
  await within(term, async () => {
    await term.waitFor(/Did you mean lcs orgs list\?/)
    term.send('C-c')
    assert.match(await term.waitFor(/EXIT=\d+/), /EXIT=130/)
  })
})

test('Ctrl-C at the login password prompt is exit 130, nothing stored', {skip}, async () => {
  const term = lcs(`login --api-url ${q(sb!.apiUrl)}`, 'env -u CI', false)
  await within(term, async () => {
    await term.waitFor(/E-mail/)
    term.type(sb!.adminEmail)
    term.send('Enter')
    await term.waitFor(/Password/)
    term.send('C-c')
    const done = await term.waitFor(/EXIT=\d+/)
    assert.match(done, /EXIT=130/)
    assert.match(done, /Interrupted at the prompt/)
  })
})

test('answering No at a confirmation is "nothing done", exit 0', {skip}, async () => {
  const term = lcs('users delete nobody@contoso.example')
  await within(term, async () => {
    await term.waitFor(/Delete user nobody@contoso\.example\?/)
    term.type('n')
    term.send('Enter')
    const done = await term.waitFor(/EXIT=\d+/)
    assert.match(done, /EXIT=0/)
    assert.match(done, /Nothing was deleted\./)
  })
})

test(
  'enroll: enrolled printers are shown, not selectable; the selection is a count; Ctrl-C at a credentials prompt ends the run (130)',
  {skip},
  async () => {
    const s = sb!
    const secured = s.printers.filter((p) => p.ews?.secured && p.ews.capability !== 'none')
    assert.ok(secured.length >= 2, 'the seed gives two secured eligible printers')
    const lastOctet = (a: string) => Number(a.split('.')[3])
    const open = s.printers.find(
      (p) => p.ews && !p.ews.secured && p.ews.capability !== 'none' && lastOctet(p.address) < lastOctet(secured[0].address),
    )
    assert.ok(open, 'an open eligible printer comes before the first secured one')
    const net = `--snmp-port ${SNMP} --ews-port ${SNMP + 1} --snmp-timeout 1 --timeout 60`
    const first = await run(['printers', 'enroll', open.address, '--all-eligible', ...net.split(' '), '--json'], {
      env: sandboxEnv(s),
      timeoutMs: 90_000,
    })
    assert.equal(first.code, 0, first.stderr)

    const term = lcs(`printers enroll 127.29.0.1-${secured[1].address} ${net} --concurrency 1`)
    await within(term, async () => {
      const picker = await term.waitFor(/Printers to enroll/, 30_000)
      assert.match(picker, re(`${open.address}`))
      assert.match(picker, new RegExp(`${re(open.address).source}.*\\(enrolled\\)`), 'the enrolled printer is marked, not offered')
      term.send('Enter')
      const echoed = await term.waitFor(/\d+ of \d+ printers selected/)
      const [, picked, offered] = /(\d+) of (\d+) printers selected/.exec(echoed)!
      assert.equal(picked, offered, 'every selectable printer was pre-selected')
      await term.waitFor(new RegExp(`${re(secured[0].address).source} .* is secured`), 60_000)
      term.send('C-c')
      const done = await term.waitFor(/EXIT=\d+/, 30_000)
      assert.match(done, /EXIT=130/)
      assert.match(done, /Interrupted: of \d+ printers, enrolled \d+/)
      assert.doesNotMatch(done, new RegExp(`${re(secured[1].address).source} .* is secured`), 'no further prompt after Ctrl-C')
    })
  },
)
