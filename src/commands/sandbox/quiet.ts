import {Args, Flags} from '@oclif/core'

import {defaultSandboxDir} from '../../lib/config/index.js'
import {setPrinterMode, type QuietResult} from '../../lib/sandbox/index.js'
import {BaseCommand} from '../../lib/ui/index.js'

export default class SandboxQuiet extends BaseCommand {
  static args = {serials: Args.string({description: 'Serial numbers of enrolled sandbox printers.', required: true})}

  static summary = 'Make sandbox printers go quiet (to see printer information policies fire)'

  static description = `Make sandbox printers go quiet, to see printer information policies fire: they stop communicating with the cloud (--stale: they still communicate but send no data, so only "Last data refresh" goes old). --resume brings them back.`

  static examples = [
    '<%= config.bin %> <%= command.id %> 50007919B',
    '<%= config.bin %> <%= command.id %> 50007919B 50015838C --stale',
    '<%= config.bin %> <%= command.id %> 50007919B --resume --json',
  ]

  static flags = {
    data: Flags.directory({description: 'Data directory of the sandbox. Default: LCS_SANDBOX_DIR, else $XDG_DATA_HOME/lcs/sandbox.'}),
    resume: Flags.boolean({description: 'Communicate and report again.', exclusive: ['stale']}),
    stale: Flags.boolean({description: 'Keep communicating, but send no printer data.'}),
  }

  static strict = false

  async run(): Promise<QuietResult[]> {
    const {argv, flags} = await this.parse(SandboxQuiet)
    const mode = flags.resume ? 'normal' : flags.stale ? 'stale' : 'silent'
    const rows = setPrinterMode(flags.data ?? defaultSandboxDir(), argv as string[], mode)
    const what = {normal: 'communicates and reports again', silent: 'no longer communicates', stale: 'communicates without sending data'}[
      mode
    ]
    for (const r of rows) this.log(`${r.serialNumber}: ${what}`)
    return rows
  }
}
