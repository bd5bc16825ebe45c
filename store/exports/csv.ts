// The board pack as .csv, one file per list, for anything that is not Excel
// or Word. RFC 4180 quoting, CRLF line ends and a UTF-8 byte-order mark (so
// Excel reads "Amber – likely…" with its dash).
//
// Formula injection: a spreadsheet opening a .csv runs a cell that begins
// with =, +, -, @, a tab or a carriage return as a formula. Following OWASP's
// CSV Injection guidance, such a text cell is written with a single quote in
// front ("'=SUM(A1)"), which the spreadsheet shows as text. Counts stay
// numbers; only text is prefixed.
import { formatDate, formatInstant } from '../../core/dates';
import { ragInWords } from '../../core/rag';
import type { Cell, PackTable } from '../../core/board-pack/tables';

const FORMULA_START = /^[=+\-@\t\r]/;

/** True when a spreadsheet would take this text for a formula. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

export function cellText(cell: Cell): string {
  if (cell === undefined) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'string') return looksLikeFormula(cell) ? `'${cell}` : cell;
  if ('date' in cell) return formatDate(cell.date);
  if ('instant' in cell) return formatInstant(cell.instant);
  return ragInWords(cell.rag);
}

function quoted(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function tableToCsv(table: PackTable): string {
  const lines = [table.columns.map((c) => quoted(cellText(c.header))), ...table.rows.map((r) => r.map((c) => quoted(cellText(c))))];
  return `\uFEFF${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}
