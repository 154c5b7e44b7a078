import {Flags} from '@oclif/core'

import {defaultSandboxDir} from '../../lib/config/index.js'
import {readState} from '../../lib/sandbox/state.js'
import {BaseCommand} from '../../lib/ui/index.js'

export default class SandboxStatus extends BaseCommand {
  static summary = 'Show whether a sandbox cloud is running, and where'

  static description = 'Show whether a sandbox cloud is running for a data directory, and where.'

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --data ./sandbox --json']

  static flags = {
    data: Flags.directory({description: 'Data directory of the sandbox. Default: LCS_SANDBOX_DIR, else $XDG_DATA_HOME/lcs/sandbox.'}),
  }

  async run(): Promise<{
    running: boolean
    dataDir: string
    apiUrl?: string
    pid?: number
    startedAt?: string
    activity?: {rate: number; timeScale: number}
  }> {
    const {flags: parsed} = await this.parse(SandboxStatus)
    const flags = {...parsed, data: parsed.data ?? defaultSandboxDir()}
    const state = await readState(flags.data)
    if (!state) {
      this.log(`No sandbox is running for ${flags.data}. Start one with: lcs sandbox start --detach`)
      return {dataDir: flags.data, running: false}
    }
    const activity = state.activity
      ? ` Printers print ${state.activity.rate} pages a sandbox minute; the sandbox clock runs ×${state.activity.timeScale}.`
      : ''
    this.log(`Sandbox running at ${state.apiUrl} (pid ${state.pid}, since ${state.startedAt}, data ${state.dataDir}).${activity}`)
    return {
      activity: state.activity,
      apiUrl: state.apiUrl,
      dataDir: state.dataDir,
      pid: state.pid,
      running: true,
      startedAt: state.startedAt,
    }
  }
}
