// How much of a file PlanPulse will read, in one place. A real plan has
// hundreds of rows and a dozen or so columns; these leave room for far more
// than anyone keeps (100,000 rows import into SQLite with RSS growing about
// 250 MB: test/files/import-large.test.ts) while refusing,
// quickly and in words, a file that would take minutes or gigabytes: a
// million-row export, a cell holding a whole document, a zip bomb.
import { InvalidError } from '../../core/errors';

export interface FileLimits {
  /** Rows per sheet or CSV, the header row included. */
  rows: number;
  /** Columns per row (counting to the last one with something in it). */
  columns: number;
  /**
   * Cells in a sheet, counted as its rows times the width of its widest row, since every
   * row is read that wide: what bounds memory now that the row limit is far above a plan.
   */
  cells: number;
  /** Characters in one cell: Excel's own limit. */
  cellChars: number;
  /** Size of a .csv file on disk. */
  csvBytes: number;
  /** Size of an .xlsx file on disk (it is compressed). */
  xlsxBytes: number;
  /** What an .xlsx unpacks to, all of its parts together. */
  unpackedBytes: number;
  /** How far one part of an .xlsx may be compressed (unpacked ÷ packed) once it is over a megabyte. */
  packRatio: number;
  /** Parts in an .xlsx (a workbook has a few dozen). */
  zipEntries: number;
}

export const FILE_LIMITS: FileLimits = Object.freeze({
  rows: 200_000,
  columns: 200,
  // 20,000 rows of 200 columns, the most the earlier row limit let in; a 100,000-row plan of a dozen columns is 1,200,000.
  cells: 4_000_000,
  cellChars: 32_767,
  csvBytes: 50 * 1024 * 1024,
  xlsxBytes: 20 * 1024 * 1024,
  unpackedBytes: 100 * 1024 * 1024,
  packRatio: 100,
  zipEntries: 10_000,
});

/** Parts smaller than this are never called a zip bomb, however well they compress. */
export const RATIO_FLOOR_BYTES = 1024 * 1024;

const n = (v: number) => v.toLocaleString('en-GB');
const MiB = 1024 * 1024;
const mb = (bytes: number) =>
  bytes < 1024
    ? `${n(bytes)} bytes`
    : bytes < MiB
      ? `${n(Math.ceil(bytes / 1024))} KB`
      : `${n(bytes < 10 * MiB ? Math.round((bytes / MiB) * 10) / 10 : Math.round(bytes / MiB))} MB`;

/** The sentences a limit is refused with; `where` is "plan.csv" or "plan.xlsx › Plan". */
export const tooBig = {
  rows: (where: string, limits: FileLimits) =>
    new InvalidError([`${where}: more than ${n(limits.rows)} rows; PlanPulse reads at most ${n(limits.rows)} (a plan has hundreds)`]),
  columns: (where: string, limits: FileLimits) =>
    new InvalidError([`${where}: more than ${n(limits.columns)} columns; PlanPulse reads at most ${n(limits.columns)} (a plan has a dozen or so)`]),
  cells: (where: string, limits: FileLimits) =>
    new InvalidError([
      `${where}: more than ${n(limits.cells)} cells (rows × columns, to the widest row); PlanPulse reads at most ${n(limits.cells)} (a plan has a few thousand)`,
    ]),
  cell: (where: string, limits: FileLimits) =>
    new InvalidError([
      `${where}: a cell longer than ${n(limits.cellChars)} characters; PlanPulse reads at most ${n(limits.cellChars)} in a cell, as Excel does`,
    ]),
  file: (where: string, bytes: number, limit: number) =>
    new InvalidError([`${where}: ${mb(bytes)}, larger than the ${mb(limit)} PlanPulse reads (a plan's file is well under 1 MB)`]),
  unpacked: (where: string, bytes: number, limits: FileLimits) =>
    new InvalidError([
      `${where}: unpacks to ${mb(bytes)}, more than the ${mb(limits.unpackedBytes)} PlanPulse unpacks (a plan's workbook unpacks to a few MB); it was not opened`,
    ]),
  ratio: (where: string, part: string, ratio: number, limits: FileLimits) =>
    new InvalidError([
      `${where}: its part ${part} is compressed ${n(Math.round(ratio))} to 1, more than the ${n(limits.packRatio)} to 1 of a real workbook (a zip bomb?); it was not opened`,
    ]),
};
