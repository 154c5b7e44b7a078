// The saved discovery (`lcs printers discover --save FILE`, read by `lcs printers enroll --from FILE`):
// one owner for its shape, version 1: {discoveredAt, printers, version}. A bare array of printers is
// read too.
import {readFile, writeFile} from 'node:fs/promises'

import {LcsError} from '../errors.js'
import type {DiscoveredPrinter} from './discover.js'

export async function saveDiscovery(file: string, printers: DiscoveredPrinter[], now = new Date()): Promise<void> {
  await writeFile(file, JSON.stringify({discoveredAt: now.toISOString(), printers, version: 1}, null, 2) + '\n')
}

/** The printers of a saved discovery; anything else is bad data naming the file. */
export async function readDiscovery(file: string): Promise<DiscoveredPrinter[]> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as {printers?: DiscoveredPrinter[]} | DiscoveredPrinter[]
    const rows = Array.isArray(data) ? data : data.printers
    if (!Array.isArray(rows) || rows.some((r) => typeof r?.address !== 'string')) throw new Error('no printers array')
    return rows
  } catch (error) {
    throw new LcsError('badData', `${file} is not a saved discovery (${(error as Error).message}).`, {hint: 'Write one with `lcs printers discover … --save FILE`.'})
  }
}
