// Reads plan files from disk into sheets: CSV, or every sheet of an .xlsx
// workbook. Cell values are kept as text exactly as a person typed them.
import ExcelJS from 'exceljs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseCsv } from '../../core/import/csv';
import { toSheet, type Sheet } from '../../core/import/table';

export async function readSheets(file: string, opts: ReadOptions = {}): Promise<Sheet[]> {
  const name = path.basename(file);
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return [toSheet(name, parseCsv(await fs.readFile(file, 'utf8')))];
  if (ext === '.xlsx') return readWorkbook(file, name, opts.sheet);
  throw new Error(`${name}: only .csv and .xlsx files can be imported`);
}

async function readWorkbook(file: string, name: string, only?: string): Promise<Sheet[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheets: Sheet[] = [];
  const names = book.worksheets.map((ws) => ws.name);
  if (only !== undefined && !names.includes(only)) throw new Error(`${name} has no sheet "${only}"; its sheets are ${names.map((n) => `"${n}"`).join(', ')}`);
  book.eachSheet((ws) => {
    if (only !== undefined && ws.name !== only) return;
    const grid: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let col = 1; col <= ws.columnCount; col++) cells.push(cellText(row.getCell(col)));
      grid[rowNumber - 1] = cells;
    });
    for (let i = 0; i < grid.length; i++) grid[i] ??= [];
    if (grid.length) sheets.push(toSheet(`${name} › ${ws.name}`, grid));
  });
  return sheets;
}

/** A cell as the spreadsheet shows it; dates typed as dates become "Mar-23" so the month parser reads them. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    return `${v.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })}-${String(v.getUTCFullYear()).slice(2)}`;
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return v.result === undefined ? '' : String(v.result);
  }
  if (typeof v === 'number') return numberAsShown(v, cell.numFmt);
  return String(v);
}

/**
 * A number as the sheet displays it, for plain fixed-decimal formats: a ref
 * typed as 1.10 in a cell formatted "0.00" stays "1.10" rather than 1.1.
 * (A General-format 1.10 is stored as 1.1 by the spreadsheet itself.)
 */
function numberAsShown(value: number, numFmt: string | undefined): string {
  const fixed = numFmt ? /^#?0\.(0+)$/.exec(numFmt) : null;
  return fixed ? value.toFixed(fixed[1].length) : String(value);
}

export interface ReadOptions {
  /** The one worksheet to read from each .xlsx (default: every sheet). */
  sheet?: string;
}

/** Expands the files a user named: a folder means every .csv/.xlsx in it. */
export async function readPlanFiles(paths: string[], opts: ReadOptions = {}): Promise<Sheet[]> {
  const out: Sheet[] = [];
  for (const p of paths) {
    const stat = await fs.stat(p);
    if (stat.isDirectory()) {
      const entries = (await fs.readdir(p)).filter((f) => /\.(csv|xlsx)$/i.test(f)).sort();
      for (const f of entries) out.push(...(await readSheets(path.join(p, f), opts)));
    } else out.push(...(await readSheets(p, opts)));
  }
  return out;
}
