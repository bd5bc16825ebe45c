// Reads a CSV file as a stream: the text goes through the incremental parser
// chunk by chunk, so the file is never held whole and a file past a limit is
// refused as soon as the limit is crossed, without reading the rest.
import fs from 'node:fs';
import { InvalidError } from '../../core/errors';
import { CsvLimitError, csvParser, CsvUnclosedQuoteError, sniffDelimiter, type CsvParser } from '../../core/import/csv';
import { tooBig, type FileLimits } from './limits';

/** UTF-16 when it starts with its byte-order mark (Excel's "Unicode text"); otherwise UTF-8 until a byte says it is not. */
async function sniffEncoding(file: string): Promise<string> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    await handle.read(head, 0, 2, 0);
    if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
    if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
    return 'utf-8';
  } finally {
    await handle.close();
  }
}

const blank = (cells: string[]) => cells.every((c) => c.trim() === '');

/** The file's records as a grid of text, without its trailing blank rows (as parseCsv). */
export async function readCsvGrid(
  file: string,
  name: string,
  limits: FileLimits,
  encoding?: string,
  read: { encoding?: string; delimiter?: string } = {},
): Promise<string[][]> {
  const size = (await fs.promises.stat(file)).size;
  if (size > limits.csvBytes) throw tooBig.file(name, size, limits.csvBytes);

  encoding ??= await sniffEncoding(file);
  const grid: string[][] = [];
  // Blank records are kept only once something follows them, so a tail of a
  // million empty lines costs a count, not a million arrays.
  const blanks: string[][] = [];
  let blankCount = 0;
  let records = 0;
  let width = 0;
  const onRecord = (cells: string[]) => {
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
  };

  let bytes = 0;
  const stream = fs.createReadStream(file, { highWaterMark: 64 * 1024 });
  const text = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  let parser: CsvParser | undefined;
  // The separator is read from the first chunk (64 KB: the header and many rows).
  const feed = (chunk: string, last = false) => {
    if (!parser) {
      const delimiter = sniffDelimiter(chunk);
      Object.assign(read, { encoding, delimiter });
      parser = csvParser(onRecord, { maxColumns: limits.columns, maxCellLength: limits.cellChars, delimiter });
    }
    if (chunk) parser.push(chunk);
    if (last) parser.end();
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      // The file may have grown since it was measured.
      if (bytes > limits.csvBytes) throw tooBig.file(name, bytes, limits.csvBytes);
      feed(text.decode(chunk, { stream: true }));
    }
    feed(text.decode(), true);
  } catch (e) {
    // Not UTF-8: Word and older Excel save "CSV" in Windows-1252 (£, curly quotes, en dashes). Read it again so.
    if (e instanceof TypeError && encoding === 'utf-8') return readCsvGrid(file, name, limits, 'windows-1252', read);
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
