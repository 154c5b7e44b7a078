// Pre-enrollment serial numbers: a TXT file with one serial number per line, or a CSV whose header has a
// serial-number column (SERIAL_NUMBER, "Serial Number", Serial, serialNumber… in any case; other columns
// are ignored, so `lcs printers discover --csv` output works as it is). Serial numbers are stored in upper
// case: 7–20 letters and digits.
import {PREENROLL_BATCH_MAX, type PreenrollItem} from '../../cloud/index.js'
import type {Header, ImportFormat} from '../format.js'
import {serialRule} from '../rules.js'

const COLUMN = 'SERIAL_NUMBER'
const SERIAL_HEADER = /^serial[ _-]?(number|num|no)?$/i

function preenrollHeader(cells: string[]): Header {
  const at = cells.findIndex((c) => SERIAL_HEADER.test(c.trim()))
  if (at >= 0) return {errors: [], index: new Map([[COLUMN, at]]), isHeader: true, names: cells.map((c) => c.trim()), width: cells.length}
  // no header: a TXT list, one serial number per line
  return {errors: [], index: new Map([[COLUMN, 0]]), isHeader: false, names: [COLUMN], width: 1}
}

export const preenrollFormat: ImportFormat<PreenrollItem> = {
  columns: [COLUMN],
  decode(cell) {
    const serialNumber = cell(COLUMN).toUpperCase()
    const broken = serialNumber ? serialRule(serialNumber) : 'the serial number is empty'
    return {
      errors: broken ? [{column: COLUMN, rule: broken}] : [],
      item: {serialNumber},
      keys: [{column: COLUMN, key: serialNumber, label: `serial number ${serialNumber}`}],
    }
  },
  fields: {serialNumber: COLUMN},
  header: preenrollHeader,
  label: (i) => i.serialNumber,
  maxItems: PREENROLL_BATCH_MAX,
  name: 'preenrollments',
  noun: 'serial number',
  secretColumns: [],
}
