// Reads a CSV file as a stream: the text goes through the incremental parser
// chunk by chunk, so the file is never held whole and a file past a limit is
// refused as soon as the limit is crossed, without reading the rest.
import fs from 'node:fs';
import { InvalidError } from '../../core/errors';
import { CsvLimitError, csvParser, CsvUnclosedQuoteError } from '../../core/import/csv';
import { tooBig, type FileLimits } from './limits';

const blank = (cells: string[]) => cells.every((c) => c.trim() === '');

/** The file's records as a grid of text, without its trailing blank rows (as parseCsv). */
export async function readCsvGrid(file: string, name: string, limits: FileLimits): Promise<string[][]> {
  const size = (await fs.promises.stat(file)).size;
  if (size > limits.csvBytes) throw tooBig.file(name, size, limits.csvBytes);

  const grid: string[][] = [];
  // Blank records are kept only once something follows them, so a tail of a
  // million empty lines costs a count, not a million arrays.
  const blanks: string[][] = [];
  let blankCount = 0;
  let records = 0;
  let width = 0;
  const parser = csvParser(
    (cells) => {
      records++;
      if (blank(cells)) {
        if (records <= limits.rows) blanks.push(cells);
        blankCount++;
        return;
      }
      if (records > limits.rows) throw tooBig.rows(name, limits);
      // Every row becomes as wide as the header or the widest row: that area is what memory holds.
      width = Math.max(width, cells.length);
      if ((grid.length + blanks.length + 1) * width > limits.cells) throw tooBig.cells(name, limits);
      if (blankCount) {
        grid.push(...blanks);
        blanks.length = 0;
        blankCount = 0;
      }
      grid.push(cells);
    },
    { maxColumns: limits.columns, maxCellLength: limits.cellChars },
  );

  let bytes = 0;
  const stream = fs.createReadStream(file, { highWaterMark: 64 * 1024 });
  const text = new TextDecoder('utf-8');
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      // The file may have grown since it was measured.
      if (bytes > limits.csvBytes) throw tooBig.file(name, bytes, limits.csvBytes);
      parser.push(text.decode(chunk, { stream: true }));
    }
    parser.push(text.decode());
    parser.end();
  } catch (e) {
    if (e instanceof CsvUnclosedQuoteError) {
      throw new InvalidError([`${name}, row ${e.record}: a quoted cell is never closed; the file ends before its closing quote (")`]);
    }
    if (e instanceof CsvLimitError) {
      const where = `${name}, row ${e.record}`;
      throw e.limit === 'columns' ? tooBig.columns(where, limits) : tooBig.cell(where, limits);
    }
    throw e;
  } finally {
    stream.destroy();
  }
  return grid;
}
