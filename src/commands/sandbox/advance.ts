import {Args, Flags} from '@oclif/core'

import {defaultSandboxDir} from '../../lib/config/index.js'
import {advanceSandbox, parseDuration, type AdvanceResult} from '../../lib/sandbox/index.js'
import {BaseCommand} from '../../lib/ui/index.js'

export default class SandboxAdvance extends BaseCommand {
  static args = {duration: Args.string({description: 'How far: 90m, 12h, 3d, 1d12h (at most 30d).', required: true})}

  static summary = 'Make time pass in a sandbox started with --activity'

  static description = `Make time pass in a sandbox started with --activity: its clock jumps forward and the printers print, drain their supplies and report through the time in between (in 15-minute steps), so notification policies fire as they would have, and activation codes expire (72 hours on this clock). Prints how many notifications that made.`

  static examples = ['<%= config.bin %> <%= command.id %> 3d', '<%= config.bin %> <%= command.id %> 12h --data ./sandbox --json']

  static flags = {
    data: Flags.directory({
      description: 'Data directory of the running sandbox. Default: LCS_SANDBOX_DIR, else $XDG_DATA_HOME/lcs/sandbox.',
    }),
  }

  async run(): Promise<AdvanceResult> {
    const {args, flags} = await this.parse(SandboxAdvance)
    const ms = parseDuration(args.duration)
    const r = await advanceSandbox(flags.data ?? defaultSandboxDir(), ms)
    this.log(
      `Sandbox clock ${r.from} → ${r.to}: ${r.notifications} notification(s). See \`lcs policies history\` and \`lcs sandbox outbox\`.`,
    )
    return r
  }
}
