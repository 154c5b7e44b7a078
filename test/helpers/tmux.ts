// Drives a program in a real terminal (tmux): type with send-keys, read the screen with capture-pane.
import {execFileSync, spawnSync} from 'node:child_process'

export const hasTmux = spawnSync('tmux', ['-V']).status === 0

export class Terminal {
  private readonly name = `lcs-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`

  constructor(command: string) {
    // `; sleep` keeps the pane readable after the program exits.
    execFileSync('tmux', ['new-session', '-d', '-s', this.name, '-x', '160', '-y', '40', `${command}; echo "EXIT=$?"; sleep 60`])
  }

  screen(): string {
    return execFileSync('tmux', ['capture-pane', '-p', '-t', this.name], {encoding: 'utf8'})
  }

  send(...keys: string[]): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, ...keys])
  }

  type(text: string): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, '-l', '--', text])
  }

  async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const s = this.screen()
      if (pattern.test(s)) return s
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; screen:\n${s}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  close(): void {
    spawnSync('tmux', ['kill-session', '-t', this.name])
  }
}

/** Shell-quotes one argument. */
export const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`
