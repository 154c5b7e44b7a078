import {Flags} from '@oclif/core'

import {defaultSandboxDir} from '../../../lib/config/index.js'
import {LcsError} from '../../../lib/errors.js'
import {
  FLEET_AGENT_VERSION,
  readState,
  runFleetAgent,
  runLocalAgent,
  type AgentRunResult,
  type LocalAgentRunResult,
} from '../../../lib/sandbox/index.js'
import {BaseCommand} from '../../../lib/ui/index.js'

export default class SandboxAgentRun extends BaseCommand {
  static summary = 'Run a simulated Fleet Agent (or Local Agent) against the sandbox'

  static description = `Run a simulated Fleet Agent against the sandbox: it activates with the code, pulls its definition, discovers the simulated printers (one SNMP sweep per profile of its criteria), and enrolls those it reads as Fleet Agent printers, then refreshes their counters and supplies on the definition's refresh interval.

It reports its version (--agent-version, default the sandbox's current Fleet Agent version); an older one is down-level: \`agents fleet list\` shows the update, MPS Express refuses its printers ("Associated with down-level fleet agent") until \`lcs agents fleet upgrade\` updates it on its next cycle.

--local runs a simulated Local Agent instead, with the organization's Local Agent activation code (\`lcs agents local activation-code generate\`): it activates as the computer --hostname and enrolls its --usb-printers USB-attached Lexmark printers (the same ones for the same host name), then reports their page counts every polling interval.

--time-scale compresses time (60: an hour's refresh runs every minute). --once runs one discovery-and-enroll cycle and exits. An expired or used-up code changes nothing (exit 6; unknown code: exit 3).`

  static examples = [
    '<%= config.bin %> <%= command.id %> --code Ab3dEf7hJk9m --once --json',
    '<%= config.bin %> <%= command.id %> --code Ab3dEf7hJk9m --time-scale 3600',
    '<%= config.bin %> <%= command.id %> --code Ab3dEf7hJk9m --agent-version 3.2.1',
    '<%= config.bin %> <%= command.id %> --local --code 0c9f4c1e-… --hostname FRONTDESK-PC --usb-printers 2 --once',
  ]

  static flags = {
    'agent-version': Flags.string({
      description: `The version the Fleet Agent reports (default: the current one, ${FLEET_AGENT_VERSION}).`,
      exclusive: ['local'],
    }),
    code: Flags.string({
      description: 'The activation code (`lcs agents fleet activation-code`; with --local, `lcs agents local activation-code show`).',
      required: true,
    }),
    data: Flags.directory({
      description: 'Data directory of the running sandbox. Default: LCS_SANDBOX_DIR, else $XDG_DATA_HOME/lcs/sandbox.',
    }),
    hostname: Flags.string({description: 'With --local: the computer the Local Agent runs on. Default: WORKSTATION-01.'}),
    local: Flags.boolean({description: 'Run a simulated Local Agent (USB-attached printers) instead of a Fleet Agent.'}),
    'max-runtime': Flags.integer({description: 'Stop after this many seconds.', default: 3600, min: 1}),
    once: Flags.boolean({description: 'One discovery-and-enroll cycle, then exit.'}),
    'time-scale': Flags.integer({description: 'Sandbox seconds per real second.', default: 60, min: 1, max: 86_400}),
    'usb-printers': Flags.integer({
      description: 'With --local: USB-attached printers on the computer. Default: 2.',
      min: 0,
      max: 20,
    }),
  }

  async run(): Promise<AgentRunResult | LocalAgentRunResult> {
    const {flags} = await this.parse(SandboxAgentRun)
    if (!flags.local && (flags.hostname !== undefined || flags['usb-printers'] !== undefined))
      throw new LcsError('usage', '--hostname and --usb-printers are for a Local Agent: add --local.')
    const dataDir = flags.data ?? defaultSandboxDir()
    const sandbox = await readState(dataDir)
    if (!sandbox)
      throw new LcsError('unavailable', `No sandbox is running for ${dataDir}.`, {
        hint: 'Start one with `lcs sandbox start --detach --printers 60`.',
      })
    const stop = new AbortController()
    this.onInterrupt = async () => stop.abort()
    if (flags.local) {
      const r = await runLocalAgent({
        code: flags.code,
        hostname: flags.hostname ?? 'WORKSTATION-01',
        log: (line) => this.note(line),
        maxRunMs: flags['max-runtime'] * 1000,
        once: flags.once,
        printers: flags['usb-printers'] ?? 2,
        sandbox,
        signal: stop.signal,
        timeScale: flags['time-scale'],
      })
      this.log(
        `Local Agent on ${r.hostname}: ${r.cycles} report(s); ${r.enrolled.length} printer(s) enrolled, ${r.skipped.length} skipped.`,
      )
      return r
    }
    const result = await runFleetAgent({
      code: flags.code,
      log: (line) => this.note(line),
      maxRunMs: flags['max-runtime'] * 1000,
      once: flags.once,
      sandbox,
      signal: stop.signal,
      timeScale: flags['time-scale'],
      version: flags['agent-version'],
    })
    const last = result.cycles.at(-1)
    this.log(
      `Fleet Agent "${result.name}" ${result.version}: ${result.cycles.length} cycle(s); last: ${last?.discovered ?? 0} discovered, ${last?.enrolled.length ?? 0} enrolled, ${last?.refreshed.length ?? 0} refreshed, ${last?.skipped.length ?? 0} skipped.`,
    )
    return result
  }
}
