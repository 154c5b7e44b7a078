import {Flags} from '@oclif/core'
import {join} from 'node:path'

import {defaultSandboxDir} from '../../lib/config/paths.js'
import {runSandbox, startDetached, type SandboxInfo} from '../../lib/sandbox/daemon.js'
import {BaseCommand} from '../../lib/ui/base-command.js'

export default class SandboxStart extends BaseCommand {
  static description = `Start the sandbox cloud: a local printer-cloud emulator on 127.0.0.1 (OAuth2, organizations, users, the integration API) with its state in SQLite under --data.

The first start seeds a partner organization with two customer organizations, an administrator and client credentials, and prints them. Later starts reuse the data. --faults injects errors, 429s, latency and dropped connections; --seed makes them reproducible.`

  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --detach --port 8642 --data ./sandbox --json',
    '<%= config.bin %> <%= command.id %> --detach --faults error=0.3,429=0.2 --seed 42',
  ]

  static flags = {
    data: Flags.directory({description: 'Directory for the sandbox state (SQLite). Default: LCS_SANDBOX_DIR, else $XDG_DATA_HOME/lcs/sandbox.'}),
    detach: Flags.boolean({description: 'Run in the background; stop it with `lcs sandbox stop`.'}),
    faults: Flags.string({description: 'Inject faults: error=P,429=P,drop=P,latency=MS|MIN-MAX,retry-after=S (P in 0–1).'}),
    port: Flags.integer({description: 'TCP port on 127.0.0.1 (0 picks a free one).', default: 8642, min: 0, max: 65535}),
    seed: Flags.integer({description: 'Seed for generated data and injected faults.'}),
    'token-ttl': Flags.integer({description: 'Access-token lifetime in seconds.', default: 3600, hidden: true, min: 1}),
  }

  async run(): Promise<SandboxInfo | undefined> {
    const {flags: parsed} = await this.parse(SandboxStart)
    const flags = {...parsed, data: parsed.data ?? defaultSandboxDir()}
    const opts = {dataDir: flags.data, faults: flags.faults, port: flags.port, seed: flags.seed, tokenTtl: flags['token-ttl']}
    if (flags.detach) {
      const extra = [...(flags.faults ? ['--faults', flags.faults] : []), ...(flags.seed === undefined ? [] : ['--seed', String(flags.seed)]), '--token-ttl', String(flags['token-ttl'])]
      const info = await startDetached(opts, join(this.config.root, 'bin', 'run.js'), extra)
      this.show(info, true)
      return info
    }
    const child = process.env.LCS_SANDBOX_CHILD === '1'
    const sandbox = await runSandbox(opts, child || this.verbose ? (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`) : undefined)
    this.onInterrupt = () => sandbox.stop()
    process.once('SIGTERM', () => void sandbox.stop().finally(() => process.exit(0)))
    if (child) {
      process.stderr.write(`${new Date().toISOString()} sandbox listening on ${sandbox.info.apiUrl} (pid ${process.pid})\n`)
    } else if (this.jsonEnabled()) {
      this.logJson(sandbox.info)
    } else {
      this.show(sandbox.info, false)
      this.note('Press Ctrl-C to stop.')
    }
    await new Promise(() => {}) // serve until a signal arrives
    return undefined
  }

  private show(info: SandboxInfo, detached: boolean): void {
    this.log(`Sandbox cloud running at ${info.apiUrl} (pid ${info.pid}${detached ? ', in the background' : ''})
  Data          ${info.dataDir}
  Organization  ${info.orgName} (${info.orgId})
  Children      ${info.children.map((c) => c.name).join(', ')}
  Administrator ${info.adminEmail}  password: ${info.adminPassword}
  Client ID     ${info.clientId}
  Client secret ${info.clientSecret}

Log in with:  lcs login --sandbox${info.dataDir === defaultSandboxDir() ? '' : ` --data ${info.dataDir}`}
         or:  lcs login --api-url ${info.apiUrl} --client-id ${info.clientId} --client-secret-stdin${detached ? `\nStop with:   lcs sandbox stop${info.dataDir === defaultSandboxDir() ? '' : ` --data ${info.dataDir}`}` : ''}`)
  }
}
