// Runs a command in this process (no spawn): output, exit code and the typed result come back, and the
// session, prompter and environment come from a factory the test chooses (see src/lib/ui/factory.ts).
import {Config} from '@oclif/core'
import {fileURLToPath} from 'node:url'

import {BaseCommand} from '../../src/lib/ui/base-command.js'
import {defaultFactory, type Factory} from '../../src/lib/ui/factory.js'

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
