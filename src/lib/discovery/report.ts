// The site-survey report: one self-contained HTML page (inline CSS, no script, no fetch) a partner can hand
// to a customer. Every value comes from printers, so every value is escaped.
import {compareFirmwareLevel, NATIVE_AGENT_MIN_FIRMWARE, NATIVE_AGENT_MIN_LEVEL, parseFirmwareLevel} from './classify.js'
import type {DiscoveredPrinter, DiscoverResult} from './discover.js'

const esc = (v: unknown): string =>
  String(v ?? '').replace(/[&<>"']/g, (c) => ({'"': '&quot;', '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;'})[c]!)

const STATUS: Record<DiscoveredPrinter['status'], string> = {
  eligible: 'Eligible to Enroll',
  enrolled: 'Enrolled',
  unsupported: 'Unsupported',
}

function counts(rows: DiscoveredPrinter[], key: (p: DiscoveredPrinter) => string | null): [string, number][] {
  const m = new Map<string, number>()
  for (const r of rows) {
    const k = key(r) ?? 'unknown'
    m.set(k, (m.get(k) ?? 0) + 1)
  }
  return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
}

function countTable(title: string, id: string, rows: [string, number][]): string {
  const body = rows.map(([k, n]) => `<tr><td>${esc(k)}</td><td class="n">${n}</td></tr>`).join('')
  return `<section><h2>${esc(title)}</h2><table id="${id}"><thead><tr><th>${esc(title.replace(/^By /, ''))}</th><th class="n">Printers</th></tr></thead><tbody>${body}</tbody></table></section>`
}

/** Native Agent threshold check of a Lexmark firmware level; other makes have none. */
function firmwareCheck(p: DiscoveredPrinter): string {
  if (p.vendor !== 'Lexmark') return '—'
  const level = parseFirmwareLevel(p.firmware ?? undefined)
  if (!level) return 'not comparable'
  return compareFirmwareLevel(level, NATIVE_AGENT_MIN_LEVEL) >= 0 ? `≥ ${NATIVE_AGENT_MIN_FIRMWARE}` : `below ${NATIVE_AGENT_MIN_FIRMWARE}`
}

function supplies(p: DiscoveredPrinter): string {
  return p.supplies
    .filter((s) => s.percent !== undefined)
    .map((s) => {
      const pct = Math.max(0, Math.min(100, s.percent!))
      const label = s.description ?? s.color ?? s.type
      return `<div class="supply" title="${esc(label)} ${pct}%"><span class="label">${esc(label)}</span><span class="bar"><span class="fill ${esc(s.color ?? '')}" style="width:${pct}%"></span></span><span class="pct">${pct}%</span></div>`
    })
    .join('')
}

export function surveyHtml(r: DiscoverResult, opts: {generatedAt?: Date; targets?: string[]} = {}): string {
  const rows = r.printers
  const at = (opts.generatedAt ?? new Date()).toISOString()
  const printerRows = rows
    .map(
      (p) =>
        `<tr><td>${esc(p.address)}</td><td>${esc(p.vendor)}</td><td>${esc(p.model)}</td><td>${esc(p.serialNumber)}</td><td>${esc(p.firmware)}</td><td>${esc(firmwareCheck(p))}</td><td>${esc(STATUS[p.status])}</td><td>${esc(p.agentType ?? '')}</td><td class="n">${p.pageCount ?? ''}</td><td>${supplies(p)}</td><td>${esc(p.reason)}</td></tr>`,
    )
    .join('')
  const unreadable = r.unreadable.map((u) => `<tr><td>${esc(u.address)}</td><td>${esc(u.reason)}</td></tr>`).join('')
  const summary = [
    ['Printers', rows.length],
    ['Eligible to Enroll', rows.filter((p) => p.status === 'eligible').length],
    ['Enrolled', rows.filter((p) => p.status === 'enrolled').length],
    ['Unsupported', rows.filter((p) => p.status === 'unsupported').length],
    ['Answered, unreadable', r.unreadable.length],
    ['Silent addresses', r.silent],
  ] as const
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Printer site survey</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}h1{margin:0 0 .2rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
.meta{color:#666}.cards{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}.card{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem;min-width:9rem}
.card b{display:block;font-size:1.6rem}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #eee;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f6f6}.n{text-align:right}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem}
.supply{display:flex;align-items:center;gap:.4rem;white-space:nowrap}.supply .label{width:8rem;overflow:hidden;text-overflow:ellipsis}.bar{display:inline-block;width:6rem;height:.7rem;background:#eee;border-radius:3px}
.fill{display:block;height:100%;border-radius:3px;background:#888}.fill.black{background:#222}.fill.cyan{background:#0aa}.fill.magenta{background:#c0c}.fill.yellow{background:#dc0}
</style></head><body>
<h1>Printer site survey</h1>
<p class="meta">Generated ${esc(at)}${opts.targets?.length ? ` · targets ${esc(opts.targets.join(', '))}` : ''} · ${r.probed} addresses probed in ${(r.elapsedMs / 1000).toFixed(1)} s${r.stopped ? ` · stopped early (${esc(r.stopped)})` : ''}</p>
<div class="cards" id="summary">${summary.map(([k, v]) => `<div class="card"><b>${v}</b>${esc(k)}</div>`).join('')}</div>
<div class="grid">${countTable(
    'By vendor',
    'by-vendor',
    counts(rows, (p) => p.vendor),
  )}${countTable(
    'By model',
    'by-model',
    counts(rows, (p) => (p.vendor && p.model ? `${p.vendor} ${p.model}` : p.model)),
  )}${countTable(
    'By status',
    'by-status',
    counts(rows, (p) => STATUS[p.status]),
  )}${countTable(
    'By agent',
    'by-agent',
    counts(rows, (p) => p.agentType),
  )}</div>
<section><h2>Printers</h2><p class="meta">Native Agent threshold: Lexmark firmware level ${esc(NATIVE_AGENT_MIN_FIRMWARE)}.</p>
<table id="printers"><thead><tr><th>Address</th><th>Vendor</th><th>Model</th><th>Serial</th><th>Firmware</th><th>Native Agent level</th><th>Status</th><th>Agent</th><th class="n">Pages</th><th>Supplies</th><th>Reason</th></tr></thead><tbody>${printerRows}</tbody></table></section>
<section><h2>Answered but could not be read</h2>${unreadable ? `<table id="unreadable"><thead><tr><th>Address</th><th>Why</th></tr></thead><tbody>${unreadable}</tbody></table>` : '<p>None.</p>'}</section>
</body></html>
`
}
