import {Flags} from '@oclif/core'

import {defaultSandboxDir} from '../../../lib/config/index.js'
import {LcsError} from '../../../lib/errors.js'
import {FLEET_AGENT_VERSION, readState, runFleetAgent, type AgentRunResult} from '../../../lib/sandbox/index.js'
import {BaseCommand} from '../../../lib/ui/index.js'

export default class SandboxAgentRun extends BaseCommand {
  static summary = 'Run a simulated Fleet Agent against the sandbox'

  static description = `Run a simulated Fleet Agent against the sandbox: it activates with the code, pulls its definition, discovers the simulated printers (one SNMP sweep per profile of its criteria), and enrolls those it reads as Fleet Agent printers, then refreshes their counters and supplies on the definition's refresh interval.

It reports its version (--agent-version, default the sandbox's current Fleet Agent version); an older one is down-level: \`agents fleet list\` shows the update, MPS Express refuses its printers ("Associated with down-level fleet agent") until \`lcs agents fleet upgrade\` updates it on its next cycle.

--time-scale compresses time (60: an hour's refresh runs every minute). --once runs one discovery-and-enroll cycle and exits. An expired or used-up code changes nothing (exit 6; unknown code: exit 3).`

  static examples = [
    '<%= config.bin %> <%= command.id %> --code Ab3dEf7hJk9m --once --json',
    '<%= config.bin %> <%= command.id %> --code Ab3dEf7hJk9m --time-scale 3600',
    '<%= config.bin %> <%= command.id %> --code Ab3dEf7hJk9m --agent-version 3.2.1',
  ]

  static flags = {
    'agent-version': Flags.string({description: `The version the agent reports (default: the current one, ${FLEET_AGENT_VERSION}).`}),
    code: Flags.string({description: 'The activation code (`lcs agents fleet activation-code`).', required: true}),
    data: Flags.directory({
      description: 'Data directory of the running sandbox. Default: LCS_SANDBOX_DIR, else $XDG_DATA_HOME/lcs/sandbox.',
    }),
    'max-runtime': Flags.integer({description: 'Stop after this many seconds.', default: 3600, min: 1}),
    once: Flags.boolean({description: 'One discovery-and-enroll cycle, then exit.'}),
    'time-scale': Flags.integer({description: 'Sandbox seconds per real second.', default: 60, min: 1, max: 86_400}),
  }

  async run(): Promise<AgentRunResult> {
    const {flags} = await this.parse(SandboxAgentRun)
    const dataDir = flags.data ?? defaultSandboxDir()
    const sandbox = await readState(dataDir)
    if (!sandbox)
      throw new LcsError('unavailable', `No sandbox is running for ${dataDir}.`, {
        hint: 'Start one with `lcs sandbox start --detach --printers 60`.',
      })
    const stop = new AbortController()
    this.onInterrupt = async () => stop.abort()
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
