// A workbook cell's value as the spreadsheet shows it, for the import: the
// same text a person typed, a date typed as a date as "Mar-23" (what the
// month parser reads), a fixed-decimal number as it is displayed.

/** Excel's built-in number formats that matter here (ids 0–49 as ECMA-376 lists them). */
const BUILTIN: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};
/** Built-in ids whose format depends on the locale but is always a date or time (East Asian calendars). */
const LOCAL_DATE_IDS = new Set([27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export interface NumberFormat {
  code: string | undefined;
  date: boolean;
}

export function numberFormat(id: number, custom: Map<number, string>): NumberFormat {
  const code = custom.get(id) ?? BUILTIN[id];
  return { code, date: custom.has(id) || !LOCAL_DATE_IDS.has(id) ? isDateFormat(code) : true };
}

/** As exceljs decides: a format with day, month, year or time letters outside quotes and brackets. */
function isDateFormat(code: string | undefined): boolean {
  if (!code) return false;
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** "Mar-23": how a date cell reaches the month parser. */
export function monthText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  return `${d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })}-${String(d.getUTCFullYear()).slice(2)}`;
}

/**
 * A number as the sheet displays it, for plain fixed-decimal formats: a ref
 * typed as 1.10 in a cell formatted "0.00" stays "1.10" rather than 1.1.
 * (A General-format 1.10 is stored as 1.1 by the spreadsheet itself.)
 */
export function numberAsShown(value: number, numFmt: string | undefined): string {
  const fixed = numFmt ? /^#?0\.(0+)$/.exec(numFmt) : null;
  return fixed ? value.toFixed(fixed[1].length) : String(value);
}

/** OOXML escapes characters XML cannot carry as _xHHHH_. */
export function unescapeOoxml(text: string): string {
  return text.indexOf('_x') < 0 ? text : text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
