// The real printers' recordings (third-party data, never copied into the repository): LCS_RECORDINGS_DIR,
// else ../shared/oracle-public beside the repository when it exists. Tests that need them pass
// `{skip: needsRecordings}`: false when the folder is there, else the one line saying why they are skipped.
import {existsSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

const configured = process.env.LCS_RECORDINGS_DIR
const dir = resolve(configured ?? fileURLToPath(new URL('../../../shared/oracle-public', import.meta.url)))

export const needsRecordings: string | false = existsSync(dir)
  ? false
  : `no printer recordings at ${dir} (set LCS_RECORDINGS_DIR to a copy of oracle-public to run this test)`

/** A path inside the recordings folder (only meaningful when needsRecordings is false). */
export function recording(path: string): string {
  return join(dir, path)
}
