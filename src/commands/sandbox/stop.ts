import {Flags} from '@oclif/core'

import {defaultSandboxDir} from '../../lib/config/index.js'
import {stopSandbox} from '../../lib/sandbox/index.js'
import {BaseCommand} from '../../lib/ui/index.js'

export default class SandboxStop extends BaseCommand {
  static summary = 'Stop the sandbox cloud running in the background'

  static description = 'Stop the sandbox cloud running in the background for a data directory. Its data is kept.'

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --data ./sandbox']

  static flags = {
    data: Flags.directory({
      description: 'Data directory of the sandbox to stop. Default: LCS_SANDBOX_DIR, else $XDG_DATA_HOME/lcs/sandbox.',
    }),
  }

  async run(): Promise<{stopped: boolean; pid?: number; apiUrl?: string}> {
    const {flags: parsed} = await this.parse(SandboxStop)
    const flags = {...parsed, data: parsed.data ?? defaultSandboxDir()}
    const state = await stopSandbox(flags.data)
    if (!state) {
      this.log(`No sandbox is running for ${flags.data}.`)
      return {stopped: false}
    }
    this.log(`Stopped the sandbox at ${state.apiUrl} (pid ${state.pid}).`)
    return {apiUrl: state.apiUrl, pid: state.pid, stopped: true}
  }
}
