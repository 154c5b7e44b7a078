// Help as gh users expect it: one-line summaries, -h everywhere, `lcs version`, `lcs help exit-codes`,
// completion-ready options; and one-line errors for a missing file.
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {test} from 'node:test'

import {EXIT_CODE_MEANINGS, ExitCode, type ErrorKind} from '../../src/lib/errors.js'
import {isolatedEnv, run} from '../helpers/cli.js'

const manifest = JSON.parse(readFileSync(new URL('../../oclif.manifest.json', import.meta.url), 'utf8')) as {
  commands: Record<string, {summary?: string; description?: string; flags: Record<string, {options?: string[]}>}>
}

test('every command has a one-line summary of at most 80 characters', () => {
  for (const [id, c] of Object.entries(manifest.commands)) {
    assert.ok(c.summary, `${id} has a summary`)
    assert.ok(!c.summary.includes('\n') && c.summary.length <= 80, `${id}: "${c.summary}"`)
  }
})

test('topic help lists summaries, not paragraphs; -h works on every level', async () => {
  const topic = await run(['orgs', '-h'])
  assert.equal(topic.code, 0)
  assert.match(topic.stdout, /orgs list\s+List the organizations your credentials reach\n/)
  assert.doesNotMatch(topic.stdout, /your own and, for partners/)
  const cmd = await run(['orgs', 'list', '-h'])
  assert.equal(cmd.code, 0, cmd.stderr)
  assert.match(cmd.stdout, /USAGE\n\s+\$ lcs orgs list/)
  assert.match(cmd.stdout, /\nDESCRIPTION\n[\s\S]*for partners,\s+the\s+child/, 'the description stays for --help')
  const login = await run(['login', '-h'])
  assert.doesNotMatch(login.stdout, /\| \|/)
  assert.match(login.stdout, /\$ lcs login --client-id ID \[--client-secret-stdin\]/)
})

test('`lcs help exit-codes` and the README list the same codes and meanings', async () => {
  const r = await run(['help', 'exit-codes'])
  assert.equal(r.code, 0)
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  for (const [kind, code] of Object.entries(ExitCode)) {
    const meaning = EXIT_CODE_MEANINGS[kind as ErrorKind]
    assert.ok(r.stdout.includes(`${String(code).padStart(3)}  ${meaning}`), `${code} in lcs help exit-codes`)
    assert.ok(readme.includes(`| ${code} | ${meaning} |`), `${code} in the README`)
  }
  const root = await run(['--help'])
  assert.match(root.stdout, /HELP TOPICS\n\s+exit-codes/)
})

test('`lcs version` (and --json) and --region options for completion', async () => {
  const r = await run(['version'])
  assert.equal(r.code, 0)
  assert.match(r.stdout, /^lcs\/\d+\.\d+\.\d+ \S+ node-v\d+/)
  const j = await run(['version', '--json'])
  assert.equal(JSON.parse(j.stdout).node, process.versions.node)
  assert.deepEqual(manifest.commands['orgs:list'].flags.region.options, ['us', 'eu'])
})

test('a missing file is one line and exit 2, from a flag or an argument', async () => {
  const env = isolatedEnv()
  for (const args of [
    ['apply', '-f', 'nope.yaml'],
    ['users', 'import', 'nope.csv', '--validate-only'],
    ['printers', 'enroll', '--from', 'nope.json', '--all-eligible'],
  ]) {
    const r = await run(args, {env})
    assert.equal(r.code, 2, args.join(' '))
    assert.match(r.stderr, /^Error: File not found: nope\.\w+( \(--\w+\))?\.\n$/, args.join(' '))
  }
})
