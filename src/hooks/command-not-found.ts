// An unknown command ("lcs prnters show X"): the closest command, with every argument and flag the user
// typed. In a terminal it asks and runs it; unattended (no TTY, CI, --json, LCS_NO_PROMPT) it never asks:
// the suggestion goes to stderr (and a JSON error to stdout under --json) and lcs exits 127.
import type {Hook} from '@oclif/core'

import {ExitCode, LcsError, toLcsError} from '../lib/errors.js'
import {nearest} from '../lib/suggest.js'
import {BaseCommand, reportError} from '../lib/ui/index.js'

const hook: Hook.CommandNotFound = async function (opts) {
  const words = [...opts.id.split(':'), ...(opts.argv ?? [])]
  const json = words.includes('--json')
  const typed = words.findIndex((w) => w.startsWith('-'))
  const named = typed === -1 ? words.length : typed
  const ids = opts.config.commands.filter((c) => !c.hidden).flatMap((c) => [c.id, ...c.aliases])
  // The command whose words best match the first words typed (the longest on a tie); the rest are its
  // arguments and flags.
  let best: {id: string; n: number; d: number} | undefined
  for (let n = Math.min(named, 3); n >= 1; n--) {
    const said = words.slice(0, n).join(' ')
    const match = nearest(
      said,
      ids.filter((id) => id.split(':').length === n).map((id) => id.replaceAll(':', ' ')),
    )
    if (match && (!best || match.d < best.d)) best = {d: match.d, id: match.name.replaceAll(' ', ':'), n}
  }
  const bin = opts.config.bin
  const out = {json, stderr: process.stderr, stdout: process.stdout}
  // the first words are a command ("lcs policies list extra"): oclif asks here when a command that takes no
  // arguments gets one, which is a usage error of that command, not an unknown command
  if (best?.d === 0 && best.n < named) {
    const command = [bin, ...best.id.split(':')].join(' ')
    reportError(
      new LcsError('usage', `Unexpected argument: ${words.slice(best.n, named).map(shellWord).join(' ')}`, {
        hint: `${command} takes no arguments: see \`${command} --help\`.`,
      }),
      out,
    )
    return this.exit(ExitCode.usage)
  }
  const wrong = `${bin} ${words.slice(0, best?.n ?? named).join(' ')}`
  const rest = words.slice(best?.n ?? named)
  const suggestion = best && [bin, ...best.id.split(':'), ...rest.map(shellWord)].join(' ')
  // the topic typed, or the one meant ("lcs printrs" → lcs help printers)
  const topic = opts.config.findTopic(words[0])
    ? words[0]
    : nearest(
        words[0],
        opts.config.topics.filter((t) => !t.name.includes(':')).map((t) => t.name),
      )?.name
  const {prompter} = BaseCommand.factory
  if (best && prompter.canPrompt({json})) {
    process.stderr.write(`"${wrong}" is not a command.\n`)
    try {
      if (await prompter.confirm(`Did you mean ${suggestion}?`, true)) return opts.config.runCommand(best.id, rest)
    } catch (error) {
      const e = toLcsError(error)
      reportError(e, out)
      return this.exit(e.exitCode)
    }
  }
  reportError(
    new LcsError('unknownCommand', `"${wrong}" is not a command.${suggestion ? ` Did you mean: ${suggestion}` : ''}`, {
      hint: `See \`${[bin, 'help', ...(topic ? [topic] : [])].join(' ')}\` for the commands.`,
      result: suggestion ? {suggestion} : undefined,
    }),
    out,
  )
  return this.exit(ExitCode.unknownCommand)
}

/** Quotes an argument for display when the shell would split it. */
function shellWord(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`
}

export default hook
