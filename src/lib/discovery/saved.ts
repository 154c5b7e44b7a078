// The saved discovery (`lcs printers discover --save FILE`, read by `lcs printers enroll --from FILE`):
// one owner for its shape, version 1: {discoveredAt, printers, version} and what the sweep also learned
// (silent count, unreadable addresses, warnings, why it stopped early). A bare array of printers is read too.
import {readFile} from 'node:fs/promises'

import {writePrivateFile} from '../config/index.js'
import {LcsError} from '../errors.js'
import type {DiscoveredPrinter, DiscoverResult} from './discover.js'

type Extra = Partial<Pick<DiscoverResult, 'silent' | 'stopped' | 'unreadable' | 'warnings'>>

/** Written 0600 (also over an older, wider file): a site survey names addresses, locations and serials. */
export async function saveDiscovery(file: string, printers: DiscoveredPrinter[], extra: Extra = {}, now = new Date()): Promise<void> {
  await writePrivateFile(file, JSON.stringify({discoveredAt: now.toISOString(), printers, ...extra, version: 1}, null, 2) + '\n')
}

/** The printers of a saved discovery; anything else is bad data naming the file. */
export async function readDiscovery(file: string): Promise<DiscoveredPrinter[]> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as {printers?: DiscoveredPrinter[]} | DiscoveredPrinter[]
    const rows = Array.isArray(data) ? data : data.printers
    if (!Array.isArray(rows) || rows.some((r) => typeof r?.address !== 'string')) throw new Error('no printers array')
    return rows
  } catch (error) {
    throw new LcsError('badData', `${file} is not a saved discovery (${(error as Error).message}).`, {
      hint: 'Write one with `lcs printers discover … --save FILE`.',
    })
  }
}
