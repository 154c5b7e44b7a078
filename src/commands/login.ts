import {Flags} from '@oclif/core'

import {login, type LoginMethod, type LoginResult, resolveProfile} from '../lib/auth/index.js'
import {defaultSandboxDir} from '../lib/config/index.js'
import {LcsError} from '../lib/errors.js'
import {registerSecret} from '../lib/redact.js'
import {readSeed, readState} from '../lib/sandbox/state.js'
import {BaseCommand, cloudFlags, missing, Progress, readSecretFromStdin} from '../lib/ui/index.js'

export default class Login extends BaseCommand {
  static summary = 'Log in to the printer cloud and store the credentials'

  static description = `Log in to the printer cloud and store the credentials for later commands.

Interactive (a terminal): asks for your e-mail and password (hidden), then offers the organizations your account reaches. Scripts: client credentials (--client-id with --client-secret-stdin) or e-mail with --password-stdin; secrets are never taken on the command line. Secrets go to the OS keychain, else to a 0600 file (with a warning). CI jobs need no login at all: set LCS_CLIENT_ID and LCS_CLIENT_SECRET (and LCS_API_URL or LCS_REGION).`

  // oclif's generated line mixes the exclusive groups into "[--sandbox | |  | --api-url …]": the three ways, spelled out.
  static usage = [
    '<%= command.id %> [--email EMAIL [--password-stdin]] [--org ORG] [--region us|eu | --api-url URL] [--insecure-storage]',
    '<%= command.id %> --client-id ID [--client-secret-stdin] [--org ORG] [--region us|eu | --api-url URL] [--insecure-storage]',
    '<%= command.id %> --sandbox [--sandbox-data DIR] [--org ORG]',
  ]

  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --region eu',
    'printf %s "$SECRET" | <%= config.bin %> <%= command.id %> --api-url http://127.0.0.1:8642 --client-id sandbox-1a2b3c --client-secret-stdin',
    '<%= config.bin %> <%= command.id %> --sandbox',
  ]

  static flags = {
    ...cloudFlags,
    'client-id': Flags.string({description: 'OAuth client ID for client-credentials login. Env: LCS_CLIENT_ID.'}),
    'client-secret-stdin': Flags.boolean({
      description: 'Read the client secret from stdin (else LCS_CLIENT_SECRET, else a prompt).',
      dependsOn: ['client-id'],
    }),
    email: Flags.string({description: 'E-mail address for password login.', exclusive: ['client-id']}),
    'insecure-storage': Flags.boolean({description: 'Store secrets in a 0600 file instead of the OS keychain.'}),
    'password-stdin': Flags.boolean({description: 'Read the password from stdin.', dependsOn: ['email']}),
    sandbox: Flags.boolean({
      description: 'Log in to the local sandbox cloud with the client credentials it seeded.',
      exclusive: ['client-id', 'email', 'api-url', 'region'],
    }),
    'sandbox-data': Flags.directory({
      description: "Data directory of the sandbox (with --sandbox). Default: LCS_SANDBOX_DIR or the sandbox's default.",
      dependsOn: ['sandbox'],
    }),
  }

  async run(): Promise<LoginResult> {
    const {flags} = await this.parse(Login)
    const {env, prompter} = this.factory
    const interactive = prompter.canPrompt({json: this.jsonEnabled()})
    if (env.LCS_TOKEN || env.LCS_CLIENT_SECRET) {
      this.warning('LCS_TOKEN or LCS_CLIENT_ID/LCS_CLIENT_SECRET are set: they take precedence over the stored login until unset.')
    }
    let apiUrl = flags['api-url']
    let method: LoginMethod
    if (flags.sandbox) {
      const dir = flags['sandbox-data'] ?? defaultSandboxDir(env)
      const state = await readState(dir)
      const seedInfo = await readSeed(dir)
      if (!state || !seedInfo)
        throw new LcsError('unavailable', `No sandbox is running for ${dir}.`, {hint: 'Start one: lcs sandbox start --detach'})
      registerSecret(seedInfo.clientSecret)
      apiUrl = state.apiUrl
      method = {clientId: seedInfo.clientId, clientSecret: seedInfo.clientSecret, kind: 'client'}
    } else if (flags['client-id'] ?? (env.LCS_CLIENT_ID && !flags.email)) {
      const clientId = (flags['client-id'] ?? env.LCS_CLIENT_ID)!
      const clientSecret = flags['client-secret-stdin']
        ? await readSecretFromStdin('the client secret')
        : (env.LCS_CLIENT_SECRET ?? (interactive ? await prompter.secret('Client secret') : undefined))
      if (!clientSecret) throw missing('--client-secret-stdin', 'client secret')
      method = {clientId, clientSecret, kind: 'client'}
    } else if (flags.email || interactive) {
      const email = flags.email ?? (await prompter.input('E-mail', (v) => /^[^\s@]+@[^\s@]+$/.test(v) || 'Enter an e-mail address'))
      const password = flags['password-stdin']
        ? await readSecretFromStdin('the password')
        : interactive
          ? await prompter.secret('Password')
          : undefined
      if (!password) throw missing('--password-stdin', 'password')
      method = {email: email.trim().toLowerCase(), kind: 'password', password}
    } else {
      throw missing('--client-id with --client-secret-stdin, or --email with --password-stdin', 'credentials')
    }
    const target = await resolveProfile({...flags, 'api-url': apiUrl}, env)
    this.note(`Logging in to ${target.apiUrl} …`)
    const waiting = new Progress('Logging in', this.factory.stderr, env)
    waiting.update('')
    const result = await login({
      env,
      insecureStorage: flags['insecure-storage'],
      method,
      orgRef: flags.org,
      pickOrg: interactive
        ? (orgs, defaultId) => {
            waiting.done() // the question replaces the spinner
            return prompter.select(
              'Organization',
              [...orgs]
                .sort((a, b) => Number(b.id === defaultId) - Number(a.id === defaultId))
                .map((o) => ({description: `${o.type} · ${o.id}`, name: o.name, value: o.id})),
            )
          }
        : undefined,
      target,
      trace: this.trace,
    }).finally(() => waiting.done())
    if (result.warning) this.warning(result.warning)
    this.log(`Logged in to ${result.apiUrl} as ${result.principal}; organization ${result.organization.name} (${result.organization.id}).`)
    if (result.organizations > 1) this.log(`Your account reaches ${result.organizations} organizations: switch with \`lcs orgs use\`.`)
    return result
  }
}
