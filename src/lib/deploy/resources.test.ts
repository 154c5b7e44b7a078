import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'node:test'

import {readChecked} from './resources.js'

test('a resource file must be a regular file of at most 128 MiB: devices, FIFOs and directories are refused at once', async () => {
  const started = Date.now()
  await assert.rejects(readChecked('/dev/zero', 'ucf'), /\/dev\/zero is a device: only regular files are uploaded/)
  await assert.rejects(readChecked(tmpdir(), 'ucf'), /is a directory/)
  // a FIFO no one writes to: opening it must not wait for a writer
  const fifo = join(mkdtempSync(join(tmpdir(), 'lcs-res-')), 'pipe.ucf')
  execFileSync('mkfifo', [fifo])
  await assert.rejects(readChecked(fifo, 'ucf'), /is a pipe \(FIFO\): only regular files are uploaded/)
  assert.ok(Date.now() - started < 1000)
  const big = join(mkdtempSync(join(tmpdir(), 'lcs-res-')), 'big.ucf')
  writeFileSync(big, Buffer.alloc(128 * 2 ** 20 + 1))
  await assert.rejects(readChecked(big, 'ucf'), /larger than 128 MiB/)
  await assert.rejects(readChecked('/nonexistent/x.ucf', 'ucf'), /File not found/)
})
