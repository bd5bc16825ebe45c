// Reading plan files: the streaming, bounded readers (store/files/) beside the
// approach they replaced (exceljs's whole-workbook read with a column count per
// cell; the whole CSV read into one string and parsed). Each read runs in a
// fresh process, so its peak RSS is its own. Prints figures; never fails.
//   npm run bench:read-files            (10,000-row .xlsx, 100,000-row CSV)
//   npm run bench:read-files -- 2000    (fewer .xlsx rows: the old reader is quadratic)
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCsv } from '../core/import/csv';
import { PLAN_HEADER, planCsvLine, writePlanCsv } from '../test/files/plan-csv';

const ROOT = path.resolve(__dirname, '..');

interface Run {
  rows: number;
  refused?: string;
  ms: number;
  peakRssMB: number;
  rssGrowthMB: number;
}

function measure(how: 'new' | 'old', file: string, rowsLimit?: number): Run {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/files/measure-read.ts', how, file, ...(rowsLimit ? [String(rowsLimit)] : [])], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Run;
}

async function writeWorkbook(file: string, rows: number): Promise<void> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('Plan');
  ws.addRow(PLAN_HEADER.split(','));
  for (let i = 1; i < rows; i++) ws.addRow(parseCsv(planCsvLine(i))[0]);
  await book.xlsx.writeFile(file);
}

function compare(what: string, oldRun: Run, newRun: Run): void {
  const line = (label: string, r: Run) =>
    `  ${label.padEnd(4)} ${String(r.ms).padStart(7)} ms   peak RSS ${String(r.peakRssMB).padStart(5)} MB (+${r.rssGrowthMB} MB)   ${r.refused ?? `${r.rows} rows`}`;
  console.log(what);
  console.log(line('old', oldRun));
  console.log(line('new', newRun));
  console.log(
    `  new is ${(oldRun.ms / Math.max(newRun.ms, 1)).toFixed(1)}× as fast; peak RSS ${newRun.peakRssMB} MB against ${oldRun.peakRssMB} MB\n`,
  );
}

async function main() {
  const xlsxRows = Number(process.argv[2] ?? 10_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-bench-read-'));
  try {
    const xlsx = path.join(dir, 'plan.xlsx');
    await writeWorkbook(xlsx, xlsxRows);
    if (xlsxRows >= 5_000)
      console.log(`(the old .xlsx reader is quadratic: at ${xlsxRows.toLocaleString('en-GB')} rows it takes a minute or more)\n`);
    compare(
      `${xlsxRows.toLocaleString('en-GB')}-row .xlsx (${Math.round(fs.statSync(xlsx).size / 1024)} KB), written by exceljs`,
      measure('old', xlsx),
      measure('new', xlsx),
    );

    const csv = path.join(dir, 'plan.csv');
    writePlanCsv(csv, 99_999);
    const size = `${(fs.statSync(csv).size / 1e6).toFixed(1)} MB`;
    // Timed both ways: read whole within the default limits, and refused at row 20,001 by a lowered row limit.
    compare(`100,000-row CSV (${size}), read whole (default limits)`, measure('old', csv), measure('new', csv));
    compare(
      `100,000-row CSV (${size}), row limit lowered to 20,000 (the new reader refuses it at row 20,001)`,
      measure('old', csv),
      measure('new', csv, 20_000),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
