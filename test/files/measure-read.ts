// Reads one file in a fresh process and prints what it cost, as JSON, so a
// test or benchmark sees this read's memory alone (peak RSS is per process).
//   node --import tsx test/files/measure-read.ts <new|old> <file> [rows limit]
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseCsv } from '../../core/import/csv';
import { toSheet } from '../../core/import/table';
import { readSheets } from '../../store/files/read-sheets';
import { readWorkbookWithExceljs } from './exceljs-reader';

async function main() {
  const [how, file, rowsLimit] = process.argv.slice(2);
  const name = path.basename(file);
  const before = process.memoryUsage();
  const start = performance.now();
  let rows = -1;
  let refused: string | undefined;
  try {
    const sheets =
      how === 'new'
        ? await readSheets(file, rowsLimit ? { limits: { rows: Number(rowsLimit) } } : {})
        : file.endsWith('.csv')
          ? [toSheet(name, parseCsv(fs.readFileSync(file, 'utf8')))]
          : await readWorkbookWithExceljs(file, name);
    rows = sheets.reduce((n, s) => n + s.rows.length, 0);
  } catch (e) {
    refused = (e as Error).message;
  }
  const ms = performance.now() - start;
  const after = process.memoryUsage();
  const mb = (b: number) => Math.round(b / 1024 / 1024);
  process.stdout.write(
    JSON.stringify({
      how,
      rows,
      refused,
      ms: Math.round(ms),
      rssBeforeMB: mb(before.rss),
      peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
      rssGrowthMB: mb(process.resourceUsage().maxRSS * 1024 - before.rss),
      heapGrowthMB: mb(after.heapUsed - before.heapUsed),
    }) + '\n',
  );
}

void main();
