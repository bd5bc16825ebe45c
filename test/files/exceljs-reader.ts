// The reader PlanPulse used before store/files/read-xlsx.ts, kept verbatim as
// the reference: the tests check the new reader gives the same text for every
// kind of cell, and bench/read-files.ts times the two side by side.
import ExcelJS from 'exceljs';
import { toSheet, type Sheet } from '../../core/import/table';

export async function readWorkbookWithExceljs(file: string, name: string): Promise<Sheet[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheets: Sheet[] = [];
  book.eachSheet((ws) => {
    const grid: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let col = 1; col <= ws.columnCount; col++) cells.push(cellText(row.getCell(col)));
      grid[rowNumber - 1] = cells;
    });
    // A row with nothing in it is [] (as store/files/read-xlsx.ts gives it): since the
    // import keeps the grid to find the header row, blank rows must compare equal too.
    for (let i = 0; i < grid.length; i++) if (!grid[i]?.some((c) => c !== '')) grid[i] = [];
    if (grid.length) sheets.push(toSheet(`${name} › ${ws.name}`, grid));
  });
  return sheets;
}

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

function numberAsShown(value: number, numFmt: string | undefined): string {
  const fixed = numFmt ? /^#?0\.(0+)$/.exec(numFmt) : null;
  return fixed ? value.toFixed(fixed[1].length) : String(value);
}
