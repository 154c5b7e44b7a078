import {BaseCommand} from '../lib/ui/index.js'

interface VersionInfo {
  version: string
  node: string
  platform: string
  arch: string
}

export default class Version extends BaseCommand<VersionInfo> {
  static summary = 'Print the version of lcs, Node.js and the platform'

  static description = 'The same as `lcs --version`; with --json, the fields one by one.'

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']

  async run(): Promise<VersionInfo> {
    await this.parse(Version)
    this.log(this.config.userAgent)
    return {arch: this.config.arch, node: process.versions.node, platform: this.config.platform, version: this.config.version}
  }
}
