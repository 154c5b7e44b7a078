// Characters that deceive: control characters (ESC, BEL, NUL, C1) that drive a terminal, invisible and
// bidirectional format characters, and letters of other scripts that look Latin. One module for the input
// rules (the csv area's cell and e-mail rules, YAML files) and for the renderer's escaping (ui), which
// both need it: ui imports csv, so it cannot live in ui.

// C0 but tab and line ends, DEL, C1; and the bidirectional embeddings, overrides and isolates
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g

const NAMES: Record<number, string> = {
  0x00: 'NULL',
  0x07: 'BELL',
  0x08: 'BACKSPACE',
  0x0b: 'LINE TABULATION',
  0x0c: 'FORM FEED',
  0x1b: 'ESCAPE',
  0x7f: 'DELETE',
  0x85: 'NEXT LINE',
  0x9b: 'CONTROL SEQUENCE INTRODUCER',
  0xa0: 'NO-BREAK SPACE',
  0xad: 'SOFT HYPHEN',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
}

// the Cyrillic and Greek letters that pass for Latin ones
const CYRILLIC = 'а:A е:IE о:O р:ER с:ES у:U х:HA і:BYELORUSSIAN-UKRAINIAN I ј:JE ѕ:DZE ԁ:KOMI DE һ:SHHA ԛ:QA ԝ:WE'
const GREEK = 'α:ALPHA ο:OMICRON ρ:RHO ν:NU ι:IOTA κ:KAPPA τ:TAU υ:UPSILON χ:CHI ε:EPSILON'
for (const [script, list] of [
  ['CYRILLIC', CYRILLIC],
  ['GREEK', GREEK],
] as const) {
  for (const entry of list.split(/ (?=\S:)/)) {
    const [ch, name] = [entry[0], entry.slice(2)]
    NAMES[ch.codePointAt(0)!] = `${script} SMALL LETTER ${name}`
    NAMES[ch.toUpperCase().codePointAt(0)!] = `${script} CAPITAL LETTER ${name}`
  }
}

/** "U+0430 CYRILLIC SMALL LETTER A": the code point, and its Unicode name where we know it (else its kind). */
export function codePointName(ch: string): string {
  const cp = ch.codePointAt(0)!
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`
  if (NAMES[cp]) return `${hex} ${NAMES[cp]}`
  if (cp >= 0xff01 && cp <= 0xff5e) return `${hex} FULLWIDTH ${JSON.stringify(String.fromCodePoint(cp - 0xfee0))}`
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return `${hex} (a ${cp < 0x20 ? 'C0' : 'C1'} control character)`
  if (/\p{Script=Cyrillic}/u.test(ch)) return `${hex} (a Cyrillic letter)`
  if (/\p{Script=Greek}/u.test(ch)) return `${hex} (a Greek letter)`
  if (/\p{Cf}/u.test(ch)) return `${hex} (an invisible format character)`
  return hex
}

/** The first control or bidirectional character a terminal would act on, if any. */
export function unsafeCharacter(text: string): string | undefined {
  UNSAFE.lastIndex = 0
  return UNSAFE.exec(text)?.[0]
}

/**
 * Text for a terminal: every control character but tab and line ends, and every bidirectional control,
 * written as a visible escape (\x1b, \u202e), so a cloud's message or a file's cell cannot move the
 * cursor, retitle the window, ring the bell or reverse what follows.
 */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const cp = c.codePointAt(0)!
    return cp < 0x100 ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`
  })
}

/**
 * Why an identifier (an e-mail address) could pass for another, naming the code point: a control or
 * invisible character (zero-width space, right-to-left override), a full-width form, or letters of
 * another script mixed with Latin ones (Cyrillic "а" in "pаypal.com").
 */
export function lookAlike(text: string): string | undefined {
  for (const ch of text) {
    if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(ch) || ch === '\u00A0')
      return `${codePointName(ch)}, an invisible or control character, is in it`
    if (/[\uFF00-\uFFEF]/.test(ch)) return `${codePointName(ch)}, a full-width form, is in it: write it in plain ASCII`
  }
  // one script per part (the local part, each domain label): "иван@company.рф" is fine, "pаypal" is not
  for (const part of text.split(/[@.]/)) {
    if (!/\p{Script=Latin}/u.test(part)) continue
    const other = /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}]/u.exec(part)
    if (other) return `${codePointName(other[0])} is mixed with Latin letters: a look-alike of a Latin letter`
  }
  return undefined
}

/** UTF-16 or UTF-32 by the start of a file: a byte-order mark, or ASCII text with every other byte zero. */
export function wideEncoding(b: Buffer): 'UTF-16' | 'UTF-32' | undefined {
  const utf32 = (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) || (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff)
  if (utf32) return 'UTF-32'
  const utf16 =
    (b[0] === 0xff && b[1] === 0xfe) ||
    (b[0] === 0xfe && b[1] === 0xff) ||
    (b.length >= 4 && ((b[0] !== 0 && b[1] === 0 && b[2] !== 0 && b[3] === 0) || (b[0] === 0 && b[1] !== 0 && b[2] === 0 && b[3] !== 0)))
  return utf16 ? 'UTF-16' : undefined
}
