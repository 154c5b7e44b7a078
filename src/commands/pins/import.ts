import type {BadgeItem} from '../../lib/cloud/index.js'
import {badgeFormat} from '../../lib/csv/index.js'
import {ImportCommand, type OrgScope, pinPolicyOf} from '../../lib/ui/index.js'

export default class PinsImport extends ImportCommand<BadgeItem> {
  static summary = 'Set user PINs from a CSV or TXT file'

  static description = `Set user PINs from a CSV or TXT file: Lexmark's badge and PIN format (BADGE,OPERATION,EMAIL,TEMPORARY,PIN in any order) in its "PIN only" layout: OPERATION CREATE, the user's EMAIL and the PIN, BADGE and TEMPORARY empty. Follows the organization's PIN generation setting (see lcs login-config get): "Administrator sets" uses the PINs of the file (4–12 digits, or the organization's length); "Automatically generate and e-mail" ignores them (with a warning) and has the cloud generate and e-mail a PIN to each user who has none; "User sets" refuses the file.

Checked, planned, chunked, resumable and idempotent like lcs badges import; PINs never appear in output, reports or the journal.`

  static examples = ['<%= config.bin %> <%= command.id %> pins.csv', '<%= config.bin %> <%= command.id %> pins.csv --dry-run --json']

  protected async format(scope: OrgScope | undefined) {
    return badgeFormat({pinsOnly: true, policy: await pinPolicyOf(scope)})
  }

  protected send(scope: OrgScope, items: BadgeItem[], dryRun: boolean) {
    return scope.client.badges.apply(scope.orgId, items, {dryRun})
  }
}
