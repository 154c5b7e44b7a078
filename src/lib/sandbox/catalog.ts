// The sandbox cloud's catalogs: firmware builds per model family and the standard eSF applications.
// Fake but structurally plausible: builds are FAMILY.NNN.NNN with the family codes of the generated
// printers (printers/models.ts), the version is derived as Lexmark's portal shows it (CSTAT.076.308 →
// 7.6.308), and the guide's own examples (CSTAT.076.303, CSTAT.076.308) are in the table.
import {lexmarkFirmwareModels} from './printers/models.js'

export interface FirmwareBuild {
  /** Support-center material id (the number in the support URL). */
  id: number
  build: string
  buildType: string
  version: string
  family: string
  /** Model names as printers report them (CS730de). */
  models: string[]
  recommended: boolean
  url: string
}

export interface CatalogApp {
  id: string
  name: string
  version: string
  category: string
  description: string
  minMemoryMb: number
  /** Base model names (CX735), as an app's "Models supported" list shows them. */
  models: string[]
}

interface ModelInfo {
  model: string
  family: string
  touch: boolean
  mfp: boolean
  generation: 'current' | 'esf-old'
}

// The sandbox's seeded printers use two models the generator does not; the rest are the CSTAT family's
// other models, which the rollout guide lists as supported by CSTAT.076.308.
const CSTAT_MODELS = ['C4150', 'CS720de', 'CS725de', 'CS727de', 'CS728de']
const EXTRA_MODELS: ModelInfo[] = [
  {family: 'MXTGM', generation: 'current', mfp: true, model: 'MX632adwe', touch: true},
  {family: 'MSNGM', generation: 'current', mfp: false, model: 'MS631dw', touch: false},
  ...CSTAT_MODELS.map((model) => ({family: 'CSTAT', generation: 'current' as const, mfp: false, model, touch: true})),
]
const MODELS: ModelInfo[] = [...lexmarkFirmwareModels(), ...EXTRA_MODELS]

/** XC models are sold through contract channels: the public catalog has no firmware for them. */
const NO_PUBLIC_FIRMWARE = new Set(['CXTMM'])
const CURRENT_LEVELS = ['081.234', '230.037', '240.215', '251.020']
const ESF_OLD_LEVELS = ['073.320', '075.287']
/** Special builds quoted in the rollout guide. */
const SPECIAL_BUILDS = ['CSTAT.076.303', 'CSTAT.076.308']

export const BUILD_PATTERN = /^[A-Z]{5}\.\d{3}\.\d{3}$/

/** The current Fleet Agent version: what an update installs; an agent below it is down-level (001). */
export const FLEET_AGENT_VERSION = '3.4.0'
/** The seeded Fleet Agent printers came through an agent the sandbox does not run, of this older version. */
export const SEEDED_FLEET_AGENT_VERSION = '2.6.1'
const URL_PATTERN = /^https:\/\/ccs\.lexmark\.com\/firmware\/materials\/(\d+)\/file\/?$/

/** CSTAT.076.308 → 7.6.308 (the first level's digits, then the build number), as the portal shows it. */
export function buildVersion(build: string): string {
  const [, a, b] = build.split('.')
  return `${Number(a.slice(0, 2))}.${a[2]}.${Number(b)}`
}

/** CX735adse → CX735 (apps list base models). */
export function baseModel(model: string): string {
  return (/^[A-Za-z]+\d+/.exec(model.trim())?.[0] ?? model.trim()).toUpperCase()
}

function buildTable(): FirmwareBuild[] {
  const families = new Map<string, ModelInfo[]>()
  for (const m of MODELS) families.set(m.family, [...(families.get(m.family) ?? []), m])
  const out: FirmwareBuild[] = []
  for (const family of [...families.keys()].sort()) {
    if (NO_PUBLIC_FIRMWARE.has(family)) continue
    const ms = families.get(family)!
    const levels = ms.some((m) => m.generation === 'current') ? CURRENT_LEVELS : ESF_OLD_LEVELS
    const builds = [...SPECIAL_BUILDS.filter((b) => b.startsWith(family + '.')).map((b) => b.slice(6)), ...levels]
    builds.forEach((level, i) => {
      const build = `${family}.${level}`
      out.push({
        build,
        buildType: 'IEC',
        family,
        id: 0,
        models: ms.map((m) => m.model),
        recommended: i === builds.length - 1,
        url: '',
        version: buildVersion(build),
      })
    })
  }
  out.forEach((b, i) => {
    b.id = 104_201 + i * 17
    b.url = `https://ccs.lexmark.com/firmware/materials/${b.id}/file`
  })
  return out
}

export const FIRMWARE_BUILDS: readonly FirmwareBuild[] = buildTable()

/** A firmware build by build name (case-insensitive) or support-center URL; undefined is "No firmware found". */
export function lookupFirmware(reference: string): FirmwareBuild | undefined {
  const ref = reference.trim()
  const url = URL_PATTERN.exec(ref)
  if (url) return FIRMWARE_BUILDS.find((b) => b.id === Number(url[1]))
  const build = ref.toUpperCase()
  return BUILD_PATTERN.test(build) ? FIRMWARE_BUILDS.find((b) => b.build === build) : undefined
}

export function modelInfo(model: string): ModelInfo | undefined {
  return MODELS.find((m) => m.model.toLowerCase() === model.trim().toLowerCase())
}

/** The recommended build for a printer model, or undefined (third-party, legacy, contract-only models). */
export function recommendedFirmware(model: string): FirmwareBuild | undefined {
  const info = modelInfo(model)
  return info && FIRMWARE_BUILDS.find((b) => b.family === info.family && b.recommended)
}

const bases = (pred: (m: ModelInfo) => boolean) => [...new Set(MODELS.filter(pred).map((m) => baseModel(m.model)))].sort()
const touchCurrent = bases((m) => m.touch && m.generation === 'current')
const touchAll = bases((m) => m.touch)
const touchMfp = bases((m) => m.touch && m.mfp)

export const CATALOG_APPS: readonly CatalogApp[] = [
  {
    category: 'Accessibility and Usability',
    description: 'Larger fonts, voice guidance and high-contrast themes on the control panel.',
    id: 'accessibility-solution',
    minMemoryMb: 256,
    models: touchAll,
    name: 'Accessibility Solution',
    version: '3.1.5',
  },
  {
    category: 'Capture and Route',
    description: 'Automated capture of forms with OCR.',
    id: 'accuread-automate',
    minMemoryMb: 2048,
    models: touchMfp.filter((m) => touchCurrent.includes(m)),
    name: 'AccuRead Automate',
    version: '1.8.2',
  },
  {
    category: 'Tools and Framework',
    description: 'Finds bar codes on scanned pages for routing.',
    id: 'bar-code-discovery',
    minMemoryMb: 512,
    models: touchAll,
    name: 'Bar Code Discovery',
    version: '4.2.0',
  },
  {
    category: 'Security',
    description: 'Badge, PIN and QR-code login at the printer, against the cloud.',
    id: 'cloud-authentication',
    minMemoryMb: 3000,
    models: touchAll,
    name: 'Cloud Authentication',
    version: '5.6.31',
  },
  {
    category: 'Tracking and Accounting',
    description:
      'This solution enables customers to effectively manage and monitor their document output through the Lexmark Cloud Print Management offering.',
    id: 'cloud-print-management',
    minMemoryMb: 1024,
    models: touchCurrent,
    name: 'Cloud Print Management',
    version: '3.4.12',
  },
  {
    category: 'Accessibility and Usability',
    description:
      'Allows users to report issues with their printer to the dealer from whom it was originally purchased or to an internal help desk.',
    id: 'customer-support',
    minMemoryMb: 512,
    models: touchAll,
    name: 'Customer Support',
    version: '2.1.9',
  },
  {
    category: 'Capture and Route',
    description: 'Scan to network folders and SharePoint.',
    id: 'scan-to-network',
    minMemoryMb: 1024,
    models: touchMfp,
    name: 'Scan to Network',
    version: '6.2.4',
  },
]

export function catalogApp(ref: string): CatalogApp | undefined {
  const r = ref.trim().toLowerCase()
  return CATALOG_APPS.find((a) => a.id === r || a.name.toLowerCase() === r)
}

/** eSF applications run on touch-screen models only. */
export function runsEsf(model: string): boolean {
  return modelInfo(model)?.touch ?? false
}

function fnv(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** A printer's memory, deterministic by serial: 10% 1 GB, 20% 2 GB, 40% 3 GB, 30% 4 GB. */
export function printerMemoryMb(serial: string): number {
  const h = fnv(serial.toUpperCase()) % 10
  return h === 0 ? 1024 : h < 3 ? 2048 : h < 7 ? 3072 : 4096
}

/** A small deterministic number per key (step durations, pick-up delays). */
export function jitter(key: string, range: number): number {
  return fnv(key) % Math.max(1, range)
}
