// Reads plan files from disk into sheets: CSV, or every sheet of an .xlsx
// workbook (only the one named, with `sheet`). Cell values are kept as text
// exactly as a person typed them. Both readers stream or bound what they read
// and refuse a file past the limits in limits.ts, in words naming the file.
import fs from 'node:fs/promises';
import path from 'node:path';
import { toSheet, type Sheet } from '../../core/import/table';
import { FILE_LIMITS, type FileLimits } from './limits';
import { readCsvGrid } from './read-csv';
import { readWorkbook } from './read-xlsx';

export interface ReadOptions {
  /** The worksheet to read from each .xlsx (default: every sheet); an unknown name is refused, listing the names. A CSV is one sheet and ignores it. */
  sheet?: string;
  /** Tighter or looser limits than FILE_LIMITS, for tests and benchmarks; the product always uses FILE_LIMITS. */
  limits?: Partial<FileLimits>;
}

const ENCODING_NAMES: Record<string, string> = { 'windows-1252': 'Windows-1252 text', 'utf-16le': 'UTF-16 text', 'utf-16be': 'UTF-16 text' };

export async function readSheets(file: string, opts: ReadOptions = {}): Promise<Sheet[]> {
  const name = path.basename(file);
  const ext = path.extname(file).toLowerCase();
  const limits = { ...FILE_LIMITS, ...opts.limits };
  if (ext === '.csv' || ext === '.txt') {
    const read: { encoding?: string; delimiter?: string } = {};
    const sheet = toSheet(name, await readCsvGrid(file, name, limits, undefined, read));
    // Said only when it is not the usual UTF-8 with commas, so the dry run shows how an odd file was read.
    const how = [
      read.encoding && read.encoding !== 'utf-8' ? (ENCODING_NAMES[read.encoding] ?? read.encoding) : '',
      read.delimiter && read.delimiter !== ',' ? `separated by ${read.delimiter === '\t' ? 'tabs' : 'semicolons'}` : '',
    ].filter(Boolean);
    if (how.length) sheet.readAs = how.join(', ');
    return [sheet];
  }
  if (ext === '.xlsx') {
    const sheets = await readWorkbook(file, name, limits, opts.sheet);
    return sheets.map((s) => {
      const sheet = toSheet(`${name} › ${s.name}`, s.grid);
      if (s.hiddenRows.length) sheet.hiddenRows = s.hiddenRows;
      return sheet;
    });
  }
  throw new Error(`${name}: only .csv and .xlsx files can be imported`);
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
