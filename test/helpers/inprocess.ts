// Runs a command in this process (no spawn): output, exit code and the typed result come back, and the
// session, prompter and environment come from a factory the test chooses (see src/lib/ui/factory.ts).
import {Config} from '@oclif/core'
import {after, before} from 'node:test'
import {fileURLToPath} from 'node:url'

import {CloudClient} from '../../src/lib/cloud/index.js'
import {runSandbox, type SandboxOptions} from '../../src/lib/sandbox/daemon.js'
import {BaseCommand} from '../../src/lib/ui/base-command.js'
import {defaultFactory, type Factory} from '../../src/lib/ui/factory.js'
import {isolatedEnv, tempDir} from './cli.js'

let config: Promise<Config> | undefined

export interface InProcessResult<T> {
  code: number
  stdout: string
  stderr: string
  result?: T
}

type CommandClass<T> = (abstract new (...args: never[]) => BaseCommand<T>) & {run(argv: string[], opts: Config): Promise<unknown>}

export async function runInProcess<T>(
  Cmd: CommandClass<T>,
  argv: string[],
  opts: {env?: NodeJS.ProcessEnv; factory?: Partial<Factory>} = {},
): Promise<InProcessResult<T>> {
  config ??= Config.load(fileURLToPath(new URL('../..', import.meta.url)))
  let stdout = ''
  let stderr = ''
  let code = 0
  const saved = BaseCommand.factory
  BaseCommand.factory = {
    ...defaultFactory(opts.env),
    setExitCode: (c) => (code = c),
    stderr: {write: (t: string) => (stderr += t)},
    stdout: {write: (t: string) => (stdout += t)},
    ...opts.factory,
  }
  try {
    const result = (await Cmd.run(argv, await config)) as T
    return {code, result, stderr, stdout}
  } catch (error) {
    const exit = (error as {oclif?: {exit?: number}}).oclif?.exit
    if (exit === undefined) throw error
    return {code: exit, stderr, stdout}
  } finally {
    BaseCommand.factory = saved
  }
}

/** A sandbox on a free port for in-process command tests: an SDK client and a CLI environment with its client credentials. */
export async function sandboxForCommands(dataDir = tempDir(), opts: Omit<SandboxOptions, 'dataDir' | 'port'> = {}) {
  const sandbox = await runSandbox({...opts, dataDir, port: 0})
  const {info} = sandbox
  const endpoints = {apis: info.apiUrl, idp: info.apiUrl}
  const client = new CloudClient({credentials: {clientId: info.clientId, clientSecret: info.clientSecret, kind: 'client'}, endpoints})
  const env = isolatedEnv({LCS_API_URL: info.apiUrl, LCS_CLIENT_ID: info.clientId, LCS_CLIENT_SECRET: info.clientSecret})
  /** An SDK client signed in as the seed's technician (no roles until given some). */
  const technician = async () =>
    new CloudClient({
      credentials: {
        accessToken: (await CloudClient.passwordGrant(endpoints, info.technicianEmail!, info.technicianPassword!)).accessToken,
        kind: 'token',
      },
      endpoints,
    })
  return {client, dataDir, env, info, sandbox, technician}
}

/** sandboxForCommands for the whole test file: started before its tests, stopped after them. */
export function fileSandbox(): Awaited<ReturnType<typeof sandboxForCommands>> {
  const ctx = {} as Awaited<ReturnType<typeof sandboxForCommands>>
  before(async () => {
    Object.assign(ctx, await sandboxForCommands())
  })
  after(() => ctx.sandbox?.stop())
  return ctx
}

/** Every item of an SDK listing. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const x of it) out.push(x)
  return out
}
