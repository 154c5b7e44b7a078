// Runs every *.test.ts under src/ and test/ with Node's built-in runner (TypeScript through tsx).
// The file list is built here (not a --test glob) so that one walk finds the same files on every Node.
import {spawnSync} from 'node:child_process'
import {readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return find(p)
    return name.endsWith('.test.ts') ? [p] : []
  })
}

const only = process.argv.slice(2)
const files = only.length > 0 ? only : [...find('src'), ...find('test')].sort()
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
  env: {...process.env, NO_COLOR: '1'},
})
process.exit(r.status ?? 1)
