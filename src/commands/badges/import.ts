import type {BadgeItem} from '../../lib/cloud/index.js'
import {badgeFormat} from '../../lib/csv/index.js'
import {ImportCommand, type OrgScope, pinPolicyOf} from '../../lib/ui/index.js'

export default class BadgesImport extends ImportCommand<BadgeItem> {
  static summary = 'Register and remove badges, and set PINs, from a CSV or TXT file'

  static description = `Register and remove badges, and set PINs, from a CSV or TXT file in Lexmark's documented format: the columns BADGE,OPERATION,EMAIL,TEMPORARY,PIN in any order (names case-sensitive, every column on every row). OPERATION is CREATE (register BADGE for the existing user in EMAIL, and/or set their PIN) or DELETE (remove BADGE). TEMPORARY is true or false (temporary badges last 24 h). PINs are 4–12 digits, or the organization's PIN length; when the organization generates PINs itself they are ignored with a warning.

The whole file is checked first (every error with its line and column; nothing is sent when there is one), then the cloud is asked what each row would do, then the rows that change something are sent in chunks. Running a finished file again changes nothing. An interrupted import continues with --resume. Rows the cloud rejects are written to FILE.rejected.csv with the reason.`

  static examples = [
    '<%= config.bin %> <%= command.id %> badges.csv',
    '<%= config.bin %> <%= command.id %> badges.csv --dry-run',
    '<%= config.bin %> <%= command.id %> badges.csv --json --continue-on-error',
    '<%= config.bin %> <%= command.id %> badges.csv --resume',
  ]

  protected async format(scope: OrgScope | undefined) {
    return badgeFormat({policy: await pinPolicyOf(scope)})
  }

  protected send(scope: OrgScope, items: BadgeItem[], dryRun: boolean) {
    return scope.client.badges.apply(scope.orgId, items, {dryRun})
  }
}
