// A sheet of cells with a header row, whatever file it came from (CSV or a
// workbook sheet). Rows remember their spreadsheet row number for messages.

export interface SheetRow {
  /** The row number a person sees in the spreadsheet (the header is row 1). */
  rowNumber: number;
  cells: Record<string, string>;
}

export interface Sheet {
  /** Where it came from, for messages: "plan.csv" or "plan.xlsx › KPIs". */
  source: string;
  headers: string[];
  rows: SheetRow[];
  /** The cells as read, title rows included, so the import can find the header row itself (columns.ts). */
  grid?: string[][];
  /** How the file was read when that is worth saying: "Windows-1252, separated by ;". */
  readAs?: string;
  /** Rows a workbook hides (row numbers as the spreadsheet shows them): read like the others, and said. */
  hiddenRows?: number[];
}

/** A cell read as one line: runs of white space (line breaks and non-breaking spaces too) as one space, trimmed. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** "Outcome Ref", "outcome_ref" and " OUTCOME-REF " are one header. */
export function normaliseHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/**
 * Characters no plan means to hold: C0 controls other than tab and line
 * breaks (a NUL, a bell; SharePoint refuses some and the exports' XML cannot
 * hold them) and the bidi embeddings, overrides and isolates that make a name
 * or ref read as something else on screen ("Jane\u202eeoD" shows as "Jane Doe").
 * Word's manual line break (vertical tab) and page break become line breaks.
 */
const UNSEEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
const UNSEEN_ALL = new RegExp(UNSEEN.source, 'g');

export function cleanCell(text: string): string {
  return UNSEEN.test(text) ? text.replace(UNSEEN_ALL, (c) => (c === '\u000b' || c === '\u000c' ? '\n' : '')) : text;
}

export function toSheet(source: string, grid: string[][]): Sheet {
  // Cleaned where they stand: the grid is the reader's own, and a copy of 100,000 rows would double it.
  for (const row of grid)
    for (let j = 0; j < row.length; j++) {
      const cell = row[j];
      if (typeof cell === 'string' && UNSEEN.test(cell)) row[j] = cleanCell(cell);
    }
  const [head = [], ...body] = grid;
  const headers = head.map(normaliseHeader);
  const rows: SheetRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return; // blank lines between blocks
    const rec: Record<string, string> = {};
    headers.forEach((h, j) => {
      if (h) rec[h] = cells[j] ?? '';
    });
    rows.push({ rowNumber: i + 2, cells: rec });
  });
  return { source, headers, rows, grid };
}

export type SheetKind = 'plan' | 'kpis' | 'deliveryGroups' | 'ragKey';

/** Recognises a sheet by its headers, so files can be named anything. */
export function kindOfSheet(sheet: Sheet): SheetKind | undefined {
  const h = new Set(sheet.headers);
  if (h.has('ref') && h.has('kind') && h.has('text')) return 'plan';
  if (h.has('kpi') && h.has('outcome_ref')) return 'kpis';
  if (h.has('delivery_group') && h.has('reporting')) return 'deliveryGroups';
  // The plan's RAG key: the statuses are fixed in the domain, so it is read only to be recognised.
  if (h.has('status') && h.has('meaning')) return 'ragKey';
  return undefined;
}
