import {Flags} from '@oclif/core'
import {join, resolve} from 'node:path'

import {defaultSandboxDir} from '../../lib/config/index.js'
import {runSandbox, startDetached, type SandboxInfo} from '../../lib/sandbox/index.js'
import {BaseCommand} from '../../lib/ui/index.js'

export default class SandboxStart extends BaseCommand {
  static summary = 'Start the sandbox cloud (with simulated printers)'

  static description = `Start the sandbox cloud: a local printer-cloud emulator on 127.0.0.1 (OAuth2, organizations, users, the integration API) with its state in SQLite under --data.

The first start seeds a partner organization with two customer organizations, an administrator, a technician without fleet roles (to see a permission denied) and client credentials, and prints them. Later starts reuse the data. --activity makes the enrolled printers print (pages per sandbox minute): counters move, toner and drums drain, and notification policies fire into the notification history and the outbox (\`lcs sandbox outbox\`); --time-scale runs the sandbox clock faster and \`lcs sandbox advance\` jumps it. --faults injects errors, 429s, latency and dropped connections; --seed makes them reproducible.

--fleet-agent NAME runs a simulated Fleet Agent inside the sandbox: the definition of that name or id in the partner organization (created with "Search Local Network" when there is none) is activated with a fresh activation code, and the agent discovers, enrolls and refreshes the simulated printers on its schedule (--agent-time-scale compresses it), running queued tasks on its next cycle, until the sandbox stops.`

  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --detach --port 8642 --data ./sandbox --json',
    '<%= config.bin %> <%= command.id %> --detach --faults error=0.3,429=0.2 --seed 42',
    '<%= config.bin %> <%= command.id %> --detach --printers 60 --fleet-agent "Fleet Agent 1" --agent-time-scale 3600',
    '<%= config.bin %> <%= command.id %> --detach --printers 20 --activity 10 --time-scale 60',
  ]

  static flags = {
    data: Flags.directory({
      description: 'Directory for the sandbox state (SQLite). Default: LCS_SANDBOX_DIR, else $XDG_DATA_HOME/lcs/sandbox.',
    }),
    detach: Flags.boolean({description: 'Run in the background; stop it with `lcs sandbox stop`.'}),
    faults: Flags.string({description: 'Inject faults: error=P,429=P,drop=P,latency=MS|MIN-MAX,retry-after=S (P in 0–1).'}),
    port: Flags.integer({description: 'TCP port on 127.0.0.1 (0 picks a free one).', default: 8642, min: 0, max: 65535}),
    seed: Flags.integer({description: 'Seed for generated data and injected faults.'}),
    'token-ttl': Flags.integer({description: 'Access-token lifetime in seconds.', default: 3600, hidden: true, min: 1}),
    activity: Flags.integer({
      description: 'Pages each enrolled printer prints per sandbox minute (0: idle, still communicating). Off when absent.',
      helpGroup: 'PRINTERS',
      min: 0,
      max: 10_000,
    }),
    'time-scale': Flags.integer({
      description: 'Sandbox seconds per real second, with --activity (60: an hour a minute). Default: 1.',
      dependsOn: ['activity'],
      helpGroup: 'PRINTERS',
      min: 1,
      max: 86_400,
    }),
    mdns: Flags.boolean({
      description: 'Advertise the simulated printers over mDNS on the loopback (needs multicast on lo).',
      allowNo: true,
      default: true,
      helpGroup: 'PRINTERS',
    }),
    printers: Flags.integer({
      description: 'Number of generated simulated printers (SNMP agents on loopback addresses).',
      default: 0,
      helpGroup: 'PRINTERS',
      min: 0,
      max: 65_000,
    }),
    quirks: Flags.boolean({
      description: 'Make some printers use another community, answer SNMPv3 only, never answer, or answer slowly.',
      helpGroup: 'PRINTERS',
    }),
    recordings: Flags.directory({
      description: 'Also simulate one printer per .snmprec recording in this directory.',
      exists: true,
      helpGroup: 'PRINTERS',
    }),
    'ews-port': Flags.integer({
      description: "TCP port of the simulated printers' web service (used by `lcs printers enroll`).",
      default: 16180,
      helpGroup: 'PRINTERS',
      min: 1,
      max: 65_535,
    }),
    'snmp-port': Flags.integer({
      description: "UDP port of the simulated printers' SNMP agents.",
      default: 16161,
      helpGroup: 'PRINTERS',
      min: 1,
      max: 65_535,
    }),
    subnet: Flags.string({
      description: 'Loopback block for the simulated printers (inside 127.0.0.0/8).',
      default: '127.20.0.0/16',
      helpGroup: 'PRINTERS',
    }),
    'fleet-agent': Flags.string({
      description: 'Run a simulated Fleet Agent for this definition (name or id; created when missing).',
      helpGroup: 'FLEET AGENT',
    }),
    'agent-time-scale': Flags.integer({
      description: "Sandbox seconds per real second for the agent's refresh interval.",
      default: 60,
      helpGroup: 'FLEET AGENT',
      min: 1,
      max: 86_400,
    }),
  }

  async run(): Promise<SandboxInfo | undefined> {
    const {flags: parsed} = await this.parse(SandboxStart)
    // absolute paths: the detached process must find them whatever its working directory
    const flags = {
      ...parsed,
      data: resolve(parsed.data ?? defaultSandboxDir()),
      recordings: parsed.recordings && resolve(parsed.recordings),
    }
    const opts = {
      dataDir: flags.data,
      faults: flags.faults,
      fleetAgent: flags['fleet-agent'] ? {name: flags['fleet-agent'], timeScale: flags['agent-time-scale']} : undefined,
      port: flags.port,
      seed: flags.seed,
      tokenTtl: flags['token-ttl'],
      activity: flags.activity === undefined ? undefined : {rate: flags.activity, timeScale: flags['time-scale'] ?? 1},
      printers: {
        count: flags.printers,
        ewsPort: flags['ews-port'],
        mdns: flags.mdns,
        quirks: flags.quirks,
        recordingsDir: flags.recordings,
        snmpPort: flags['snmp-port'],
        subnet: flags.subnet,
      },
    }
    if (flags.detach) {
      // the background process gets the same settings
      const extra = Object.entries({
        'agent-time-scale': flags['fleet-agent'] && flags['agent-time-scale'],
        activity: flags.activity,
        'ews-port': flags['ews-port'],
        faults: flags.faults,
        'fleet-agent': flags['fleet-agent'],
        printers: flags.printers,
        recordings: flags.recordings,
        seed: flags.seed,
        'snmp-port': flags['snmp-port'],
        subnet: flags.subnet,
        'time-scale': flags['time-scale'],
        'token-ttl': flags['token-ttl'],
      }).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [`--${k}`, String(v)]))
      if (flags.quirks) extra.push('--quirks')
      if (!flags.mdns) extra.push('--no-mdns')
      const info = await startDetached(opts, join(this.config.root, 'bin', 'run.js'), extra)
      this.show(info, true)
      return info
    }
    const child = process.env.LCS_SANDBOX_CHILD === '1'
    const sandbox = await runSandbox(
      opts,
      child || this.verbose ? (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`) : undefined,
    )
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
  Administrator ${info.adminEmail}  password: ${info.adminPassword}${
    info.technicianEmail
      ? `
  Technician    ${info.technicianEmail}  password: ${info.technicianPassword} (no fleet roles yet)`
      : ''
  }
  Client ID     ${info.clientId}
  Client secret ${info.clientSecret}${info.fleetAgentId ? `\n  Fleet Agent   ${info.fleetAgentId} (simulated, in this process)` : ''}${
    info.printers.length
      ? `
  Printers      ${info.printers.length} simulated (${info.printers[0].address} … ${info.printers.at(-1)!.address}, SNMP port ${info.printers[0].snmpPort}${info.printers.some((p) => p.mdns) ? ', mDNS on' : ''}); --json lists them`
      : ''
  }

Log in with:  lcs login --sandbox${info.dataDir === defaultSandboxDir() ? '' : ` --sandbox-data ${info.dataDir}`}
         or:  lcs login --api-url ${info.apiUrl} --client-id ${info.clientId} --client-secret-stdin${detached ? `\nStop with:   lcs sandbox stop${info.dataDir === defaultSandboxDir() ? '' : ` --data ${info.dataDir}`}` : ''}`)
  }
}
