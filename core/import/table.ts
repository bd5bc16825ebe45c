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

/** "Outcome Ref", "outcome_ref" and " OUTCOME-REF " are one header. */
export function normaliseHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

export function toSheet(source: string, grid: string[][]): Sheet {
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
