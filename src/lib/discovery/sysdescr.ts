// Vendor, product and version from sysDescr alone, for agents without sysObjectID or the Printer-MIB. One
// grammar per firmware family (the banner each vendor's network stack writes), tried in order; the first
// that matches wins. Product is the model without the series word the vendor puts in front of it
// ("RICOH Aficio MP C2500" → family Aficio, product MP C2500), so `model` joins them back for display.

export interface SysDescrFields {
  vendor?: string
  family?: string
  product?: string
  version?: string
  serial?: string
  /** What a person calls the model: family and product. */
  model?: string
}

type Grammar = (d: string) => Omit<SysDescrFields, 'model' | 'serial'> | undefined

const tidy = (s: string | undefined) =>
  s
    ?.replace(/\s+/g, ' ')
    .replace(/[\s,;.]+$/, '')
    .trim() || undefined

// Brand names as printed → the vendor. Ricoh's regional brands keep their own name except NRG (Nashuatec,
// Rex-Rotary, Gestetner sold as one) and InfoPrint (IBM's printer arm, now Ricoh), which print no brand.
const BRANDS: [RegExp, string][] = [
  [/^lexmark\b/i, 'Lexmark'],
  [/^marknet\b/i, 'Lexmark'],
  [/^dell\b/i, 'Dell'],
  [/^unisys\b/i, 'Unisys'],
  [/^source technologies\b/i, 'Source Technologies'],
  [/^(ibm )?infoprint\b/i, 'Ricoh'],
  [/^ibm\b/i, 'IBM'],
  [/^ricoh\b/i, 'Ricoh'],
  [/^nrg\b/i, 'Ricoh'],
  [/^lanier\b/i, 'Lanier'],
  [/^savin\b/i, 'Savin'],
  [/^gestetner\b/i, 'Gestetner'],
  [/^fuji ?xerox\b/i, 'Fuji Xerox'],
  [/^fujifilm\b/i, 'Fujifilm'],
  [/^xerox\b/i, 'Xerox'],
  [/^tektronix\b/i, 'Tektronix'],
  [/^canon\b/i, 'Canon'],
  [/^epson\b/i, 'Epson'],
  [/^samsung\b/i, 'Samsung'],
  [/^brother\b/i, 'Brother'],
  [/^oc[eé]\b/i, 'Oce'],
  [/^lantronix\b/i, 'Lantronix'],
  [/^axis\b/i, 'Axis'],
  [/^oki\b/i, 'OKI'],
  [/^toshiba\b/i, 'Toshiba'],
  [/^sharp\b/i, 'Sharp'],
  [/^konica minolta\b/i, 'Konica Minolta'],
  [/^kyocera\b/i, 'Kyocera'],
  [/^datamax\b/i, 'Datamax'],
  [/^honeywell\b/i, 'Honeywell'],
  [/^zebra/i, 'Zebra'],
  [/^(troy|silex)\b/i, 'Troy'],
  [/^pocketpro\b/i, 'Troy'],
  [/^hp\b/i, 'HP'],
  [/^hewlett[- ]?packard\b/i, 'HP'],
]
const brandOf = (d: string) => BRANDS.find(([re]) => re.test(d))?.[1]
const BRAND_WORDS =
  /^(?:(?:ibm )?infoprint|source technologies|konica minolta|fuji ?xerox|hewlett[- ]?packard|[\w-]+)\s*,?\s*(?:inc\.,\s*|corporation\s+)?/i

const GRAMMARS: Grammar[] = [
  // Lexmark-built firmware (also Dell, InfoPrint, Unisys, Source Technologies): "<model> version <fw> kernel …".
  (d) => {
    const m = /^(.+?)\s+version\s+(\S+)\s+kernel\b/i.exec(d)
    if (!m) return undefined
    const fam = /^(?:\S+\s+)?(Forms Printer|Optra|MarkNet)\s+/i.exec(m[1])
    const product = m[1]
      .replace(BRAND_WORDS, '')
      .replace(/^(Forms Printer|Optra|MarkNet)\s+/i, '')
      .replace(/\s+(laser\s+)?(printer|mfp)$/i, '')
    return {vendor: brandOf(m[1]), family: fam?.[1], product, version: m[2]}
  },
  // Older Lexmark/MarkNet: "Lexmark Optra SC 1275 Version 1.10.10 Ethernet 10/100."
  (d) => {
    const m = /^((?:lexmark|marknet)\b.*?)\s+version\s+v?(\d[\w.]*?)\.?(?:\s|$)/i.exec(d)
    if (!m) return undefined
    const fam = /^(?:lexmark\s+)?(Optra|MarkNet|Forms Printer)\s+/i.exec(m[1])
    const product = m[1].replace(/^lexmark\s+/i, '').replace(/^(Optra|MarkNet|Forms Printer)\s+/i, '')
    return {vendor: 'Lexmark', family: fam?.[1], product, version: m[2]}
  },
  // HP JetDirect: "HP ETHERNET MULTI-ENVIRONMENT,ROM A.03.15,JETDIRECT,JD24,…" or "…,PID:HP LaserJet P2015 Series".
  (d) => {
    if (!/^HP ETHERNET MULTI-ENVIRONMENT\b/i.test(d)) return undefined
    const pid = /\bPID:\s*(?:HP\s+)?(?:(?:Color\s+)?(LaserJet|OfficeJet|DeskJet|PageWide)\s+)?([^,;]+)/i.exec(d)
    if (pid) return {vendor: 'HP', family: pid[1], product: pid[2]}
    const jd = /\bROM\s+([\w.]+),\s*JETDIRECT\s*,\s*(\w+)/i.exec(d)
    return {vendor: 'HP', family: 'JetDirect', product: jd?.[2], version: jd?.[1]}
  },
  // Brother NC print servers (also OEM: Oce, unbranded "SP"): "Brother NC-6400h, Firmware Ver.1.11 (06.12.20),MID …".
  (d) => {
    const m = /^(\S+)\s+(NC-\w+)\s*,\s*Firmware Ver\.?\s*([\w.]+)/i.exec(d)
    if (!m) return undefined
    return {vendor: brandOf(m[1]) ?? 'Brother', family: 'NC Series', product: m[2], version: m[3]}
  },
  // Tektronix-built Xerox Phasers: "Xerox Phaser 8500N;PS 3.11.0,Net …,OS 4.278" / "Phaser 6200 DX v(…/4.26)".
  (d) => {
    const m = /^(Xerox|Tektronix, Inc\.,)\s+(Phaser)\s+(\w+(?: DX)?)\s*(?:;PS\b.*?\bOS\s+([\d.]+)|v\(([^)]*)\)|,.*\(([^)]*)\))/i.exec(d)
    if (!m) return undefined
    const version = m[4] ?? (m[5] ?? m[6])?.split('/').pop()
    const tek = /^tektronix/i.test(m[1])
    return {vendor: tek ? 'Tektronix' : 'Xerox', family: 'Phaser', product: tek ? m[3] : `Phaser ${m[3]}`, version}
  },
  // Xerox and Fuji Xerox: "<family model> [Multifunction System|Network Laser Printer - fw|…]; ESS/SS/OS/ACCXES fw".
  (d) => {
    const m = /^(fuji ?xerox|xerox)\s+(.+?)\s*(?:[;,]\s*(.*)|$)/i.exec(d)
    if (!m) return undefined
    const [, brand, head, rest = ''] = m
    let product = head,
      family: string | undefined
    let version = /^(?:SS|ACCXES|System Software)\s+([\d.]+)/i.exec(rest)?.[1]
    const docu = /^DocuPrint\s+(\S+)\s+Network Laser Printer\s+-\s+(\S+)/i.exec(head)
    if (docu) [family, product, version] = ['DocuPrint', docu[1], docu[2]]
    // Samsung-built Phasers write "; OS <fw>" and Recog names them without the family.
    const os = /^OS\s+([\d.]+)/.exec(rest)
    if (os) [family, product, version] = ['Phaser', head.replace(/^Phaser\s+/i, ''), os[1]]
    product = product
      .replace(/\s+with\s+.*$/i, '')
      .replace(/\s+v\s*[\d. ]+$/i, '')
      .replace(/\s+v\d+\b.*$/i, '')
      .replace(/\s+Multifunction\s+(System|Printer)$/i, '')
      .replace(/\s+printer$/i, '')
    return {vendor: /fuji/i.test(brand) ? 'Fuji Xerox' : 'Xerox', family, product, version}
  },
  // Ricoh and its brands: "RICOH Aficio MP C3000 1.70 / RICOH Network Printer C model / …".
  (d) => {
    const m = /^((?:ibm\s+)?infoprint|ricoh|nrg|lanier|savin|gestetner)\s+(.*?)\s*(?:\/\s*\S+\s+Network\b.*)?$/i.exec(d)
    if (!m) return undefined
    let rest = m[2]
    const fam = /^(Aficio|imagio|IPSiO|Pro)\s+/i.exec(rest)
    if (fam) rest = rest.slice(fam[0].length)
    const v = /^(.+?)\s+v?\.?(\d+(?:\.\d+)+)$/i.exec(rest)
    return {vendor: brandOf(m[1]), family: fam?.[1], product: v ? v[1] : rest, version: v?.[2]}
  },
  // Canon: "Canon LASER SHOT LBP-2710 /P EEPROM 1206", "Canon MF6500 Series (FAX)", "Canon Network Printer Board-F1".
  (d) => {
    const m = /^Canon(?:\s+Inc\.,)?\s+(.+?)(?:\s+\/P\b.*|\s+\(.*\))?$/i.exec(d)
    if (!m) return undefined
    const board = /^Network (Printer Board)-(\w+)/i.exec(m[1])
    if (board) return {vendor: 'Canon', product: board[1], version: board[2]}
    const fam = /^(LASER SHOT|imageCLASS|LASER CLASS)\s+/i.exec(m[1])
    return {vendor: 'Canon', family: fam?.[1], product: m[1].slice(fam?.[0].length ?? 0).replace(/\s+Printer$/i, '')}
  },
  // Epson: "EPSON AL-C1750N; Net 98.48,ESS 201103111031,IOT 02.17.00", "EPSON EPL-N2750 01.00", "EPSON Built-in … Print Server".
  (d) => {
    const m = /^epson\s+(.+?)\s*(?:;\s*(.*))?$/i.exec(d)
    if (!m) return undefined
    const rest = m[2] ?? ''
    const version = /\bIOT\s+([\w.]+)/.exec(rest)?.[1] ?? /\bESS\s+([\w.]+)/.exec(rest)?.[1]
    const v = /^(\S+)\s+(\d+\.\d+)$/.exec(m[1])
    return v ? {vendor: 'Epson', product: v[1], version: v[2]} : {vendor: 'Epson', product: m[1].replace(/^Built-in\s+/i, ''), version}
  },
  // Dell's Fuji Xerox- and Samsung-built models: "Dell Color Laser 5110cn; Net 11.33, …", "Dell 1235cn; V1.70.01.06 …".
  (d) => {
    const m = /^dell\s+(?:(?:color|mono)\s+)?(?:laser\s+(?:printer\s+)?)?([^\s;]+)(.*)$/i.exec(d)
    if (!m) return undefined
    const version = /\bNet\s+([\d.]+)/.exec(m[2])?.[1] ?? /^;\s*V(\d+(?:\.\d+)+)/.exec(m[2])?.[1]
    return {vendor: 'Dell', product: m[1], version}
  },
  // Samsung: "Samsung CLP-300; CLP300N_V1.01.02.01 11-15-2006;Engine …", "Samsung CLP-705 Series; ; S/N …".
  (d) => {
    const m = /^samsung\s+([^;]+?)(?:\s+series)?\s*(?:;\s*([^\s;]*)|$)/i.exec(d)
    return m ? {vendor: 'Samsung', product: m[1], version: m[2] || undefined} : undefined
  },
  // Oce: "Oce digital 3155 R5.3", "Oce, VarioPrint 2045 R3.2, Controller R8.2.15", "Oce im2330".
  (d) => {
    const m = /^oc[eé],?\s+(?:digital\s+)?(.+?)(?:\s+(R\d[\w.]*))?\s*(?:,.*)?$/i.exec(d)
    return m ? {vendor: 'Oce', product: m[1], version: m[2]} : undefined
  },
  // Print servers: Lantronix "EPS1 Version V3.4/1(960401)", Axis "… Print Server V6.21 Dec 5 2000", OKI "OkiLAN 6400e Rev.…".
  (d) => {
    const m = /^lantronix\s+(\S+)\s+version\s+[A-Z]?(\d+\.\d+)/i.exec(d)
    return m ? {vendor: 'Lantronix', product: m[1], version: m[2]} : undefined
  },
  (d) => {
    const m = /^axis\s+(.+?),?\s*V(?:ersion:\s*)?(\d+\.\d+)/i.exec(d)
    return m ? {vendor: 'Axis', product: m[1], version: m[2]} : undefined
  },
  (d) => {
    const m = /^oki\s+(.+?)\s+Rev\.\s*(\d[\w.]*)?/i.exec(d)
    return m ? {vendor: 'OKI', product: m[1], version: m[2]} : undefined
  },
  // Kyocera's network interfaces: "KYOCERA Printer I/F IB-23 Ver 1.1.0".
  (d) => {
    const m = /^kyocera\s+(?:printer\s+I\/F\s+)?(.+?)(?:\s+Ver\s+([\d.]+))?$/i.exec(d)
    if (!m) return undefined
    return {vendor: 'Kyocera', product: /printing system/i.test(m[1]) ? undefined : m[1], version: m[2]}
  },
  // EFI Fiery print controllers name themselves, not the engine behind them: "Fiery X3e 31C-M".
  (d) => {
    const m = /^Fiery\s+(.+)$/i.exec(d)
    return m ? {vendor: 'EFI', family: 'Fiery', product: m[1]} : undefined
  },
  // Avery Dennison's Monarch label printers report the network adapter: "Monarch M09855 FW Ver 6.2 / 7411 Network Adapter …".
  (d) => {
    const m = /^monarch\s+(\S+).*?\/\s*(\S+)\s+Network Adapter\b/i.exec(d)
    return m ? {vendor: 'Avery Dennison', product: m[2]} : undefined
  },
  // Label printers: "Datamax Corporation I-Class 4208 Ver:08.03R2 …".
  (d) => {
    const m = /^datamax(?:\s+corporation)?\s+(?:(I-Class|M-Class|H-Class)\s+)?(\S+)\s+Ver:\s*(\S+)/i.exec(d)
    return m ? {vendor: 'Datamax', family: m[1], product: m[2], version: m[3]} : undefined
  },
  // Anything else that starts with a brand: "<brand> [family] <model> [version]" ("SHARP MX-M350N", "KONICA MINOLTA bizhub C252").
  (d) => {
    const vendor = brandOf(d)
    if (!vendor) return undefined
    // "<model>;<fw>" (Honeywell, Samsung-built OEMs); a print server's "compatible with …" and a trailing
    // "Series" are not part of the product.
    const [head, tail] = d.split(/\s*;\s*/, 2)
    let rest = head
      .replace(BRAND_WORDS, '')
      .replace(/\s+compatible with\b.*$/i, '')
      .replace(/\s+series$/i, '')
    const fam = /^(bizhub|Network Printer|PocketPro)\b\s*/i.exec(rest)
    if (fam && !/pocketpro/i.test(fam[1])) rest = rest.slice(fam[0].length)
    if (/^pocketpro\b/i.test(rest) || /^pocketpro\b/i.test(d)) return {vendor, product: 'PocketPro'}
    const v = /^(.+?)\s+(?:version\s+|v)?(\d+(?:\.\d+)+)$/i.exec(rest) ?? /^(.+?)\s+version\s+(\d+(?:\.\d+)+)\b/i.exec(rest)
    const version = v?.[2] ?? /^[A-Z]?(\d+(?:\.\d+)+)\b/i.exec(tail ?? '')?.[1]
    return {vendor, family: fam?.[1], product: v ? v[1] : rest || undefined, version}
  },
]

/** Vendor, product and version from a sysDescr; fields it cannot tell are left out. */
export function sysDescrGrammar(raw: string | undefined): SysDescrFields {
  const d = raw?.replace(/\s+/g, ' ').trim()
  if (!d) return {}
  const serial = /\bSN:\s*([\w-]+)/.exec(d)?.[1] ?? /\bS\/N:?\s+([\w-]+)/.exec(d)?.[1]
  const g = GRAMMARS.reduce<ReturnType<Grammar>>((found, grammar) => found ?? grammar(d), undefined) ?? {}
  const out: SysDescrFields = {}
  const product = tidy(g.product)
  const version = tidy(g.version)
  for (const [k, v] of [
    ['vendor', g.vendor],
    ['family', tidy(g.family)],
    ['product', product],
    ['version', version && !/^[0.]+$/.test(version) ? version : undefined],
    ['serial', serial && !/^X+$/i.test(serial) ? serial : undefined],
    ['model', product && g.family && !/^(NC Series|JetDirect)$/.test(g.family) ? `${g.family} ${product}` : product],
  ] as const) {
    if (v) out[k] = v
  }
  return out
}
