import {deleteSecrets, profileName} from '../lib/auth/index.js'
import {readConfig, updateProfile} from '../lib/config/index.js'
import {BaseCommand, cloudFlags} from '../lib/ui/index.js'

export default class Logout extends BaseCommand {
  static summary = 'Log out: forget the stored credentials of a profile'

  static description = 'Log out: remove the stored secrets (keychain and file) and the profile.'

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --profile customer-a']

  static flags = {profile: cloudFlags.profile}

  async run(): Promise<{profile: string; removed: boolean}> {
    const {flags} = await this.parse(Logout)
    const name = profileName(flags)
    const hadSecrets = await deleteSecrets(name)
    const hadProfile = name in (await readConfig()).profiles
    if (hadProfile) await updateProfile(name, null)
    const removed = hadSecrets || hadProfile
    this.log(removed ? `Logged out of profile "${name}"; its stored secrets are removed.` : `Profile "${name}" was not logged in.`)
    if (process.env.LCS_TOKEN || process.env.LCS_CLIENT_SECRET)
      this.warning('Credentials in LCS_TOKEN / LCS_CLIENT_SECRET are still set in this environment.')
    return {profile: name, removed}
  }
}
