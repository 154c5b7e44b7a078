// Regenerates the command reference in README.md from oclif.manifest.json (run `npm run build` first).
//   node scripts/readme.mjs          rewrite README.md
//   node scripts/readme.mjs --check  exit 1 if README.md is out of date (used by the tests)
import {readFileSync, writeFileSync} from 'node:fs'

const START = '<!-- commands -->'
const END = '<!-- commandsstop -->'
const manifest = JSON.parse(readFileSync('oclif.manifest.json', 'utf8'))
const bin = 'lcs'

function usage(cmd) {
  const args = Object.values(cmd.args ?? {}).map((a) => (a.required ? a.name.toUpperCase() : `[${a.name.toUpperCase()}]`))
  return [`${bin} ${cmd.id.replaceAll(':', ' ')}`, ...args, '[FLAGS]'].join(' ')
}

function flagLines(flags) {
  // command flags first, then the global ones; descriptions aligned in one column
  const entries = Object.entries(flags)
    .filter(([, f]) => !f.hidden)
    .sort(([, a], [, b]) => Number(Boolean(a.helpGroup)) - Number(Boolean(b.helpGroup)))
  const left = entries.map(
    ([name, f]) =>
      `${f.char ? `-${f.char}, ` : ''}--${name}${f.type === 'option' ? `=${f.helpValue ?? `<${f.options ? f.options.join('|') : 'value'}>`}` : ''}`,
  )
  const width = Math.max(0, ...left.map((l) => l.length))
  return entries.map(([, f], i) => {
    const def = f.default === undefined || f.type === 'boolean' ? '' : ` (default: ${f.default})`
    return `  ${left[i].padEnd(width)}  ${(f.description ?? f.summary ?? '').split('\n')[0]}${def}`
  })
}

const cmds = Object.values(manifest.commands)
  .filter((c) => !c.hidden)
  .sort((a, b) => a.id.localeCompare(b.id))
const sections = cmds.map((c) => {
  const flags = flagLines(c.flags)
  const examples = (c.examples ?? []).map(
    (e) => `  $ ${e.replaceAll('<%= config.bin %>', bin).replaceAll('<%= command.id %>', c.id.replaceAll(':', ' '))}`,
  )
  return [
    `### \`${bin} ${c.id.replaceAll(':', ' ')}\``,
    '',
    c.description ?? c.summary ?? '',
    '',
    '```',
    `USAGE`,
    `  $ ${usage(c)}`,
    '',
    'FLAGS',
    ...flags,
    ...(examples.length ? ['', 'EXAMPLES', ...examples] : []),
    '```',
    '',
  ].join('\n')
})
const body = `${START}\n${cmds.map((c) => `- [\`${bin} ${c.id.replaceAll(':', ' ')}\`](#${`${bin} ${c.id.replaceAll(':', ' ')}`.replaceAll(' ', '-').replace(/[^\w-]/g, '')})`).join('\n')}\n\n${sections.join('\n')}${END}`

const readme = readFileSync('README.md', 'utf8')
const i = readme.indexOf(START)
const j = readme.indexOf(END)
if (i < 0 || j < 0) throw new Error('README.md lacks the command reference markers')
const next = readme.slice(0, i) + body + readme.slice(j + END.length)
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md command reference is out of date: run `npm run build && npm run readme`.')
    process.exit(1)
  }
} else {
  writeFileSync('README.md', next)
}
