import type {UserItem} from '../../lib/cloud/index.js'
import {userFormat} from '../../lib/csv/index.js'
import {ImportCommand, type OrgScope, pinPolicyOf} from '../../lib/ui/index.js'

export default class UsersImport extends ImportCommand<UserItem> {
  static summary = 'Create, update and delete users from a CSV or TXT file'

  static description = `Create, update and delete users from a CSV or TXT file: the columns EMAIL,OPERATION,PASSWORD,FIRST_NAME,LAST_NAME,DISPLAY_NAME,DEPARTMENT,COST_CENTER,GROUPS,PIN in any order (names case-sensitive, every column on every row). OPERATION is CREATE, UPDATE or DELETE; an empty cell leaves a field as it is; GROUPS lists the user's groups separated by ";" (missing groups are created, memberships set to exactly the list); PIN follows the organization's PIN settings (lcs login-config get). Deleting users asks first (--yes in scripts).

No size limit: the file is checked first (every error with its line and column), planned against the cloud, then sent in chunks that fit the service's limits (500 users and 1 MB per request). Running a finished file again changes nothing; an interrupted import continues with --resume. Passwords and PINs never appear in output, reports or the journal.`

  static examples = [
    '<%= config.bin %> <%= command.id %> users.csv',
    '<%= config.bin %> <%= command.id %> users.csv --dry-run',
    '<%= config.bin %> <%= command.id %> users.csv --validate-only',
    '<%= config.bin %> <%= command.id %> users.csv --json --yes --continue-on-error',
  ]

  protected async format(scope: OrgScope | undefined) {
    return userFormat(await pinPolicyOf(scope))
  }

  protected send(scope: OrgScope, items: UserItem[], dryRun: boolean) {
    return scope.client.users.apply(scope.orgId, items, {dryRun})
  }
}
