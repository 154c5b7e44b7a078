// The one progress renderer: a line on stderr (a spinner, the text, elapsed, ETA), redrawn every 250 ms by
// its own timer so the clock moves while nothing finishes — only on a terminal and never under CI, so
// logs, pipes and --json output stay clean. Counted work passes done/total; a single wait passes no count.
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
const TICK_MS = 250

export class Progress {
  private readonly started = Date.now()
  private readonly enabled: boolean
  private last: {text: string; done?: number; total?: number; eta?: number} = {text: ''}
  private frame = 0
  private timer?: NodeJS.Timeout

  constructor(
    private readonly label: string,
    private readonly out: {write(s: string): unknown; isTTY?: boolean} = process.stderr,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.enabled = Boolean(out.isTTY) && !env.CI
  }

  /** `etaSeconds` overrides the estimate from done/total (for work whose rate is measured elsewhere). */
  update(text: string, done?: number, total?: number, etaSeconds?: number): void {
    if (!this.enabled) return
    this.last = {done, eta: etaSeconds, text, total}
    if (!this.timer) {
      this.timer = setInterval(() => this.draw(), TICK_MS)
      this.timer.unref()
      this.draw()
    }
  }

  private draw(): void {
    const elapsed = (Date.now() - this.started) / 1000
    const {done, text, total} = this.last
    const estimate = this.last.eta ?? (done && total && done < total ? (elapsed / done) * (total - done) : undefined)
    const eta = estimate === undefined || !Number.isFinite(estimate) ? '' : ` · ETA ${estimate.toFixed(1)} s`
    const spinner = FRAMES[this.frame++ % FRAMES.length]
    this.out.write(`\r\u001B[2K${spinner} ${this.label}${text ? `: ${text}` : ''} · ${elapsed.toFixed(1)} s${eta}`)
  }

  /** Clears the line (lines printed afterwards start clean; the next update draws it again). */
  done(): void {
    if (!this.timer) return
    clearInterval(this.timer)
    this.timer = undefined
    this.out.write('\r\u001B[2K')
  }
}
