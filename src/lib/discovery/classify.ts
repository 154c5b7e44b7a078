// Which cloud agent can manage a discovered printer, per the agent comparison in the Lexmark Cloud guide:
// Native Agent (firmware), Printer Agent (eSF app, enrolled by PET), Fleet Agent (server-side,
// data only for third-party printers).
import type {Identity} from './types.js'

/**
 * Lowest Lexmark firmware level with the Native Agent: "075.272 or higher" on the agent-selection page.
 * The rollout text also says 081.215 for the Native Agent requirement; the source of that figure was not
 * reachable, so the documented 075.272 stays until a device proves otherwise. Change only this constant.
 */
export const NATIVE_AGENT_MIN_FIRMWARE = '075.272'

/**
 * Lexmark touch-screen models with eSF 3 or later, used when the printer does not list its eSF version
 * (no public OID documents it). Lexmark marks e-Task touch-screen variants with a trailing "e" in the
 * suffix (MX511de, MX711dthe, CX410e, CS921de) on the two-letter families of 2012 onwards (eSF 3+);
 * XC/XM MFPs all have touch screens. Deliberately left out: the single-letter families (C792de, X950de:
 * eSF 2.x) and the entry B/C/MB/MC 4-digit models, which do not run eSF apps.
 */
export const ESF3_TOUCH_MODEL = /^(?:(?:CS|CX|MS|MX)\d{3}[a-z]*e|X[CM]\d{4}[a-z]*)$/i

export type AgentType = 'native' | 'printer' | 'fleet'
export type EnrollmentStatus = 'eligible' | 'enrolled' | 'unsupported'

export interface Classification {
  status: EnrollmentStatus
  agentType: AgentType | null
  reason: string
}

export interface ClassifyOptions {
  /**
   * Serial numbers the cloud already lists (compared trimmed and case-insensitively). Normalised once per Set
   * and again when its size changes: replace the Set rather than swapping entries in place.
   */
  enrolledSerials?: Set<string>
}

export interface FirmwareLevel {
  family: string
  major: number
  build: number
}

/** `CXTPC.081.006` → {family: 'CXTPC', major: 81, build: 6}. Older schemes (`NS.NP.N219`, `LW62.DN4.P636`) → undefined. */
export function parseFirmwareLevel(firmware: string | undefined): FirmwareLevel | undefined {
  const m = /^([A-Z0-9]{3,8})\.(\d{3})\.(\d{3})\b/i.exec(firmware?.trim() ?? '')
  return m ? {family: m[1].toUpperCase(), major: Number(m[2]), build: Number(m[3])} : undefined
}

/** Compares the numeric major.build part only: the family code names a product line, not a level. */
export function compareFirmwareLevel(a: Pick<FirmwareLevel, 'major' | 'build'>, b: Pick<FirmwareLevel, 'major' | 'build'>): number {
  return a.major - b.major || a.build - b.build
}

export const NATIVE_AGENT_MIN_LEVEL = (() => {
  const [major, build] = NATIVE_AGENT_MIN_FIRMWARE.split('.').map(Number)
  return {major, build}
})()

const normalized = new WeakMap<Set<string>, Set<string>>()
function isEnrolled(serial: string, serials: Set<string> | undefined): boolean {
  if (!serials || serials.size === 0) return false
  let norm = normalized.get(serials)
  // Cached per Set: a sweep classifies thousands of hosts against the same list.
  if (!norm || norm.size !== serials.size) normalized.set(serials, (norm = new Set([...serials].map((s) => s.trim().toUpperCase()))))
  return norm.has(serial.trim().toUpperCase())
}

function agentFor(id: Identity): Classification {
  const fleet = (reason: string): Classification => ({status: 'unsupported', agentType: 'fleet', reason})
  if (id.vendor !== 'Lexmark') {
    // Decision: Dell/Toshiba models built by Lexmark keep their brand's firmware and are not offered the
    // Native or Printer Agent; PET targets Lexmark-branded printers, so they go to the Fleet Agent.
    if (id.lexmarkBuilt) return fleet(`Lexmark-built ${id.vendor} printer: PET enrolls Lexmark-branded printers only; use the Fleet Agent`)
    const who = id.vendor ? `third-party printer (${id.vendor})` : 'printer of unknown make'
    return fleet(`${who}: PET cannot enroll it; the Fleet Agent can collect its data`)
  }
  const fw = id.firmware ?? 'unknown'
  const level = parseFirmwareLevel(id.firmware)
  if (level && compareFirmwareLevel(level, NATIVE_AGENT_MIN_LEVEL) >= 0) {
    return {status: 'eligible', agentType: 'native', reason: `firmware ${fw} is at or above ${NATIVE_AGENT_MIN_FIRMWARE}: Native Agent`}
  }
  const model = id.model?.replace(/^lexmark\s+/i, '')
  // An eSF version the printer reports beats the model-name heuristic.
  const esfMajor = id.esfVersion ? Number(/^\D*(\d+)/.exec(id.esfVersion)?.[1]) : NaN
  const why = `firmware ${fw} is ${level ? 'below' : 'not comparable with'} ${NATIVE_AGENT_MIN_FIRMWARE}`
  if (Number.isFinite(esfMajor) ? esfMajor >= 3 : ESF3_TOUCH_MODEL.test(model ?? '')) {
    const esf = Number.isFinite(esfMajor) ? `eSF ${id.esfVersion}` : `${model} is an eSF 3+ touch-screen model`
    return {status: 'eligible', agentType: 'printer', reason: `${esf}; ${why} (Native Agent): Printer Agent`}
  }
  return fleet(`Lexmark ${model ?? 'printer'}: ${why} (Native Agent) and no eSF 3+ touch screen (Printer Agent): Fleet Agent only`)
}

/** The reason of an SNMP agent that answered but is no printer (a computer, a switch, a scanner). */
export const NOT_A_PRINTER = 'not a printer'

/** Eligibility for PET enrollment. A serial the cloud already lists wins over everything: it is a printer. */
export function classify(id: Identity, opts: ClassifyOptions = {}): Classification {
  if (id.serialNumber && isEnrolled(id.serialNumber, opts.enrolledSerials)) {
    return {
      status: 'enrolled',
      agentType: id.isPrinter ? agentFor(id).agentType : null,
      reason: `serial ${id.serialNumber} is already enrolled`,
    }
  }
  if (!id.isPrinter) return {status: 'unsupported', agentType: null, reason: NOT_A_PRINTER}
  return agentFor(id)
}
