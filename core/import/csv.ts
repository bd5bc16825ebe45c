// RFC 4180 CSV as spreadsheets export it: quoted cells may hold commas, quotes
// ("") and line breaks; a byte-order mark and CRLF endings are tolerated.
//
// The parser is incremental so a file can be read as a stream in bounded
// memory: text goes in by chunks (a chunk may end anywhere, even between the
// two quotes of a doubled quote or between CR and LF) and each record comes
// out as soon as it is complete. parseCsv is the same parser fed one string.

export interface CsvLimits {
  /** Cells kept per record; empty cells beyond it are dropped, a non-empty one is refused. */
  maxColumns?: number;
  /** Characters per cell. */
  maxCellLength?: number;
  /** What separates cells: a comma, or a semicolon or tab as some spreadsheets export (see sniffDelimiter). */
  delimiter?: Delimiter;
}

export type Delimiter = ',' | ';' | '\t';

/** A record broke a limit; `record` counts records from 1, as a spreadsheet numbers rows. */
export class CsvLimitError extends Error {
  constructor(
    readonly limit: 'columns' | 'cellLength',
    readonly record: number,
  ) {
    super(`record ${record} has ${limit === 'columns' ? 'too many columns' : 'a cell that is too long'}`);
    this.name = 'CsvLimitError';
  }
}

/** The text ended inside a quoted cell; `record` is the record the quote opened in. */
export class CsvUnclosedQuoteError extends Error {
  constructor(readonly record: number) {
    super(`The file ends inside a quoted cell (row ${record}): a closing quote (") is missing.`);
    this.name = 'CsvUnclosedQuoteError';
  }
}

export interface CsvParser {
  push(text: string): void;
  /** The input is complete: emits the last record, or throws if a quote was never closed. */
  end(): void;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

export function csvParser(onRecord: (cells: string[]) => void, limits: CsvLimits = {}): CsvParser {
  const maxColumns = limits.maxColumns ?? Infinity;
  const maxCell = limits.maxCellLength ?? Infinity;
  const COMMA = (limits.delimiter ?? ',').charCodeAt(0);
  let first = true;
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  // A quote inside a quoted cell: a doubled quote or the closing one, decided by the next character.
  let quoteSeen = false;
  // A record ended at CR: a following LF belongs to it.
  let afterCr = false;
  let records = 0;
  let droppedEmpty = false;

  const grow = (text: string) => {
    cell += text;
    if (cell.length > maxCell) throw new CsvLimitError('cellLength', records + 1);
  };
  const endCell = () => {
    if (row.length < maxColumns) row.push(cell);
    else if (cell !== '') throw new CsvLimitError('columns', records + 1);
    else droppedEmpty = true;
    cell = '';
  };
  const endRecord = () => {
    endCell();
    records++;
    const done = row;
    row = [];
    droppedEmpty = false;
    onRecord(done);
  };

  return {
    push(text: string) {
      let i = 0;
      if (first && text.length) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) i = 1;
      }
      const n = text.length;
      while (i < n) {
        const ch = text.charCodeAt(i);
        if (afterCr) {
          afterCr = false;
          if (ch === LF) {
            i++;
            continue;
          }
        }
        if (quoteSeen) {
          quoteSeen = false;
          if (ch === QUOTE) {
            grow('"');
            i++;
            continue;
          }
          quoted = false; // that quote closed the cell; this character is read unquoted below
        }
        if (quoted) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            grow(text.slice(i));
            i = n;
          } else {
            if (q > i) grow(text.slice(i, q));
            quoteSeen = true;
            i = q + 1;
          }
          continue;
        }
        if (ch === QUOTE && cell.length === 0) {
          quoted = true;
          i++;
          continue;
        }
        if (ch === COMMA) {
          endCell();
          i++;
          continue;
        }
        if (ch === CR || ch === LF) {
          endRecord();
          afterCr = ch === CR;
          i++;
          continue;
        }
        // A run of plain characters, taken as one slice.
        let j = i + 1;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === CR || c === LF) break;
          j++;
        }
        grow(text.slice(i, j));
        i = j;
      }
    },
    end() {
      if (quoteSeen) {
        quoteSeen = false;
        quoted = false;
      }
      if (quoted) throw new CsvUnclosedQuoteError(records + 1);
      if (cell.length > 0 || row.length > 0 || droppedEmpty) endRecord();
    },
  };
}

/**
 * Which separator a CSV uses, from its first lines: Excel in a European
 * locale saves with ";", and "Unicode text" is tab-separated. The one that
 * splits the most lines the same number of times wins; a comma on a tie.
 */
export function sniffDelimiter(sample: string): Delimiter {
  const lines = sample
    .replace(/"(?:[^"]|"")*"/g, '""')
    .split(/\r\n?|\n/)
    .slice(0, 30)
    .filter((l) => l.trim() !== '');
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const d of [',', ';', '\t'] as Delimiter[]) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      const n = line.split(d).length - 1;
      if (n > 0) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    const score = Math.max(0, ...[...counts.values()]);
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

export function parseCsv(text: string, delimiter: Delimiter = sniffDelimiter(text.slice(0, 64 * 1024))): string[][] {
  const rows: string[][] = [];
  const parser = csvParser((cells) => rows.push(cells), { delimiter });
  parser.push(text);
  parser.end();
  // Spreadsheets often leave wholly empty trailing rows.
  while (rows.length && rows[rows.length - 1].every((c) => c.trim() === '')) rows.pop();
  return rows;
}

export function toCsv(rows: Array<Array<string | number | undefined>>): string {
  const esc = (v: string | number | undefined) => {
    const s = v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(esc).join(',')).join('\r\n') + '\r\n';
}
