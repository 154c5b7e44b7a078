import type {PreenrollItem} from '../../lib/cloud/index.js'
import {preenrollFormat} from '../../lib/csv/index.js'
import {ImportCommand, type OrgScope} from '../../lib/ui/index.js'

export default class PreenrollImport extends ImportCommand<PreenrollItem> {
  static summary = 'Pre-enroll printers from a file of serial numbers'

  static description = `Pre-enroll printers from a file of serial numbers (cloud-based pre-enrollment): a TXT file with one serial number per line, or a CSV with a serial-number column (SERIAL_NUMBER, "Serial Number", Serial… — the output of lcs printers discover --csv works as it is). Serial numbers are 7–20 letters and digits, stored in upper case; a serial number already pre-enrolled here is unchanged, one pre-enrolled in another organization or already enrolled is rejected. On site, the printers then enroll with the organization's enrollment code.

Checked, planned, chunked (1,000 per request), resumable and idempotent like every import.`

  static examples = [
    '<%= config.bin %> <%= command.id %> serials.txt',
    '<%= config.bin %> <%= command.id %> discovered.csv --dry-run --json',
  ]

  protected async format() {
    return preenrollFormat
  }

  protected send(scope: OrgScope, items: PreenrollItem[], dryRun: boolean) {
    return scope.client.preenrollments.apply(scope.orgId, items, {dryRun})
  }
}
