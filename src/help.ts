// oclif's help with lcs's own help topics: `lcs help exit-codes` (as `gh help exit-codes`).
import {Help} from '@oclif/core'

import {EXIT_CODE_MEANINGS, ExitCode, type ErrorKind} from './lib/errors.js'

const TOPICS: Record<string, {summary: string; body: () => string}> = {
  'exit-codes': {
    summary: 'What each exit code of lcs means',
    body: () =>
      [
        'Exit codes of lcs, the same for every command (scripts can rely on them):',
        '',
        ...Object.entries(ExitCode).map(([kind, code]) => `  ${String(code).padStart(3)}  ${EXIT_CODE_MEANINGS[kind as ErrorKind]}`),
      ].join('\n'),
  },
}

export default class LcsHelp extends Help {
  async showHelp(argv: string[]): Promise<void> {
    const topic = TOPICS[argv.find((a) => !a.startsWith('-')) ?? '']
    if (topic) return this.log(topic.body())
    return super.showHelp(argv)
  }

  protected async showRootHelp(): Promise<void> {
    await super.showRootHelp()
    this.log('')
    this.log(
      this.section(
        'HELP TOPICS',
        this.renderList(
          Object.entries(TOPICS).map(([name, t]) => [name, t.summary]),
          {indentation: 2, spacer: '\n', stripAnsi: this.opts.stripAnsi},
        ),
      ),
    )
    this.log(`  See a topic with: ${this.config.bin} help TOPIC`)
  }
}
