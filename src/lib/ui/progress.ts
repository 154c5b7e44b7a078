// A one-line progress display on stderr (probed/total, elapsed, ETA) — only on a terminal and never
// under CI, so logs and --json output stay clean.
export class Progress {
  private readonly started = Date.now()
  private readonly enabled = Boolean(process.stderr.isTTY) && !process.env.CI
  private last = 0
  private shown = false

  constructor(private readonly label: string) {}

  /** `etaSeconds` overrides the estimate from done/total (for work whose rate is measured elsewhere). */
  update(text: string, done?: number, total?: number, etaSeconds?: number): void {
    if (!this.enabled) return
    const now = Date.now()
    if (now - this.last < 100 && done !== total) return
    this.last = now
    const elapsed = (now - this.started) / 1000
    const estimate = etaSeconds ?? (done && total && done < total ? (elapsed / done) * (total - done) : undefined)
    const eta = estimate === undefined || !Number.isFinite(estimate) ? '' : ` · ETA ${estimate.toFixed(1)} s`
    process.stderr.write(`\r\u001B[2K${this.label}: ${text} · ${elapsed.toFixed(1)} s${eta}`)
    this.shown = true
  }

  done(): void {
    if (this.shown) process.stderr.write('\r\u001B[2K')
  }
}
