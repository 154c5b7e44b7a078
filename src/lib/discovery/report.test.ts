import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'node:test'
import {parse, type DefaultTreeAdapterMap} from 'parse5'
import type {DiscoveredPrinter, DiscoverResult} from './discover.js'
import {surveyHtml} from './report.js'

type Node = DefaultTreeAdapterMap['node']
type Element = DefaultTreeAdapterMap['element']

const printer = (over: Partial<DiscoveredPrinter>): DiscoveredPrinter => ({
  address: '10.0.0.1',
  adminUrl: null,
  agentType: 'native',
  alerts: [],
  clock: null,
  detectedErrors: [],
  meters: [],
  deviceStatus: null,
  firmware: 'CXTPC.081.215',
  location: null,
  mdnsName: null,
  model: 'CX943',
  pageCount: 1234,
  pageCountUnit: 'impressions',
  printerStatus: null,
  reason: 'ok',
  serialNumber: 'S1',
  source: 'snmp',
  status: 'eligible',
  supplies: [],
  sysName: null,
  vendor: 'Lexmark',
  warnings: [],
  ...over,
})

const RESULT: DiscoverResult = {
  elapsedMs: 1500,
  probed: 256,
  silent: 250,
  warnings: [],
  printers: [
    printer({supplies: [{color: 'black', description: 'Black Toner', device: 1, index: 1, percent: 73, type: 'toner', unit: 'percent'}]}),
    printer({address: '10.0.0.2', firmware: 'CXTPC.071.100', serialNumber: 'S2', agentType: 'printer'}),
    printer({
      address: '10.0.0.3',
      vendor: 'HP',
      model: '<script>alert(1)</script>',
      firmware: null,
      serialNumber: 'S3',
      agentType: 'fleet',
      status: 'unsupported',
    }),
  ],
  unreadable: [{address: '10.0.0.9', reason: 'malformed answer: truncated'}],
}

function all(n: Node, pred: (e: Element) => boolean, out: Element[] = []): Element[] {
  if ('tagName' in n && pred(n)) out.push(n)
  for (const c of ('childNodes' in n ? n.childNodes : []) as Node[]) all(c, pred, out)
  if ('content' in n) all((n as Element & {content: Node}).content, pred, out)
  return out
}
const text = (n: Node): string =>
  'value' in n && n.nodeName === '#text'
    ? (n as {value: string}).value
    : 'childNodes' in n
      ? (n.childNodes as Node[]).map(text).join('')
      : ''
const byId = (doc: Node, id: string): Element => all(doc, (e) => e.attrs.some((a) => a.name === 'id' && a.value === id))[0]
const rowsOf = (t: Element): string[][] =>
  all(t, (e) => e.tagName === 'tr')
    .slice(1)
    .map((tr) => all(tr, (e) => e.tagName === 'td').map((td) => text(td).trim()))

test('the site survey parses as HTML with the counts, supplies bars, firmware check and unreadable addresses', () => {
  const doc = parse(surveyHtml(RESULT, {generatedAt: new Date('2026-12-01T10:00:00Z'), targets: ['10.0.0.0/24']}))
  assert.deepEqual(rowsOf(byId(doc, 'by-vendor')), [
    ['Lexmark', '2'],
    ['HP', '1'],
  ])
  assert.deepEqual(rowsOf(byId(doc, 'by-status')), [
    ['Eligible to Enroll', '2'],
    ['Unsupported', '1'],
  ])
  assert.deepEqual(rowsOf(byId(doc, 'by-agent')), [
    ['fleet', '1'],
    ['native', '1'],
    ['printer', '1'],
  ])
  const printers = rowsOf(byId(doc, 'printers'))
  assert.deepEqual(
    printers.map((r) => r[5]),
    ['≥ 075.272', 'below 075.272', '—'],
  )
  assert.equal(printers[2][2], '<script>alert(1)</script>') // shown as text…
  assert.equal(all(doc, (e) => e.tagName === 'script').length, 0) // …never run
  const fill = all(doc, (e) => e.attrs.some((a) => a.name === 'class' && a.value.startsWith('fill')))
  assert.deepEqual(
    fill.map((e) => e.attrs.find((a) => a.name === 'style')?.value),
    ['width:73%'],
  )
  assert.deepEqual(rowsOf(byId(doc, 'unreadable')), [['10.0.0.9', 'malformed answer: truncated']])
  assert.match(text(byId(doc, 'summary')), /250Silent addresses/)
  // self-contained: nothing to fetch
  assert.equal(all(doc, (e) => e.attrs.some((a) => ['src', 'href'].includes(a.name)) || e.tagName === 'link').length, 0)
})

const chromium = ['chromium', 'chromium-browser'].find((c) => spawnSync('sh', ['-c', `command -v ${c}`]).status === 0)
test(
  'the site survey renders in headless Chromium (a screenshot)',
  {skip: chromium ? undefined : 'chromium is not installed (Debian package chromium)', timeout: 60_000},
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'lcs-survey-'))
    try {
      writeFileSync(join(dir, 'survey.html'), surveyHtml(RESULT))
      const r = spawnSync(
        chromium!,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          `--screenshot=${join(dir, 'shot.png')}`,
          '--window-size=1280,900',
          `file://${join(dir, 'survey.html')}`,
        ],
        {timeout: 50_000},
      )
      assert.equal(r.status, 0, String(r.stderr))
      assert.ok(statSync(join(dir, 'shot.png')).size > 10_000)
    } finally {
      rmSync(dir, {force: true, recursive: true})
    }
  },
)
