// Turns a board pack into files and writes them, all or none. The format
// comes from --out's extension; .csv writes one file per list beside it
// ("pack.csv" → pack-summary.csv, pack-actions.csv, pack-exceptions.csv,
// pack-kpis.csv, pack-history.csv, pack-trend.csv) and not pack.csv itself.
import fs from 'node:fs';
import path from 'node:path';
import { NO_TREND_YET, type BoardPack } from '../../core/board-pack/model';
import { actionsTable, exceptionsTable, historyTable, kpiTable, summaryTable, trendTable } from '../../core/board-pack/tables';
import { tableToCsv } from './csv';
import { boardPackToDocx, boardPackToXlsx } from './on-demand';

export const EXPORT_FORMATS = ['xlsx', 'docx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface OutFile {
  path: string;
  bytes: Buffer;
}

export function formatOf(file: string): ExportFormat | undefined {
  const ext = path.extname(file).slice(1).toLowerCase();
  return (EXPORT_FORMATS as readonly string[]).includes(ext) ? (ext as ExportFormat) : undefined;
}

export const CSV_LISTS = ['summary', 'actions', 'exceptions', 'kpis', 'history', 'trend'] as const;

/** Where the .csv lists go for --out FILE.csv: beside it, named after it. */
export function csvPaths(out: string): string[] {
  const stem = out.slice(0, out.length - path.extname(out).length);
  return CSV_LISTS.map((list) => `${stem}-${list}.csv`);
}

export async function packFiles(pack: BoardPack, out: string): Promise<OutFile[]> {
  const format = formatOf(out);
  if (format === 'xlsx') return [{ path: out, bytes: await boardPackToXlsx(pack) }];
  if (format === 'docx') return [{ path: out, bytes: await boardPackToDocx(pack) }];
  if (format === 'csv') {
    const trend = trendTable(pack);
    // An empty trend says why in its one row rather than leaving a bare header.
    if (!trend.rows.length) trend.rows.push([NO_TREND_YET]);
    const tables = [summaryTable(pack), actionsTable(pack), exceptionsTable(pack), kpiTable(pack), historyTable(pack), trend];
    return csvPaths(out).map((p, i) => ({ path: p, bytes: Buffer.from(tableToCsv(tables[i]), 'utf8') }));
  }
  throw new Error(`cannot export to ${out}`);
}

const WHY: Record<string, string> = {
  ENOENT: 'there is no such folder',
  ENOTDIR: 'part of that path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  EISDIR: 'it is a folder, not a file',
};

/** Why the pack cannot be written to `out`, before anything is read or built; undefined when it can. */
export function cannotWrite(out: string): string | undefined {
  const folder = path.dirname(path.resolve(out));
  try {
    if (!fs.statSync(folder).isDirectory()) return `cannot write ${out}: ${WHY.ENOTDIR}`;
    fs.accessSync(folder, fs.constants.W_OK);
    const targets = formatOf(out) === 'csv' ? csvPaths(out) : [out];
    for (const t of targets) if (fs.existsSync(t) && fs.statSync(t).isDirectory()) return `cannot write ${t}: ${WHY.EISDIR}`;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    return `cannot write ${out}: ${WHY[code] ?? (e as Error).message}`;
  }
  return undefined;
}

/**
 * Writes every file or none: each goes to a temporary name beside its target
 * first, and only when all are written are they renamed into place, so a
 * full disk or a failure half-way leaves no partial pack (an earlier pack of
 * the same name stays as it was).
 */
export function writeAll(files: OutFile[]): void {
  const temps: string[] = [];
  try {
    for (const f of files) {
      const temp = path.join(path.dirname(f.path), `.${path.basename(f.path)}.${process.pid}.tmp`);
      temps.push(temp);
      fs.writeFileSync(temp, f.bytes);
    }
  } catch (e) {
    for (const t of temps) fs.rmSync(t, { force: true });
    const err = e as NodeJS.ErrnoException;
    throw new Error(`cannot write ${files[temps.length - 1]?.path}: ${WHY[err.code ?? ''] ?? err.message}; nothing was written`, { cause: e });
  }
  files.forEach((f, i) => fs.renameSync(temps[i], f.path));
}
