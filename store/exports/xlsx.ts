// The board pack as an Excel workbook: Summary (RAG counts per priority and
// the month-on-month trend), a sheet per priority, Exceptions, KPIs and the
// period's update history. Every sheet's header row is frozen and filtered.
//
// Text always goes in as a string cell, never as a formula: exceljs makes a
// formula only from a { formula } value, so a commentary that begins with "="
// is stored as text and Excel shows it as typed.
import ExcelJS from 'exceljs';
import { londonDate } from '../../core/dates';
import { NO_TREND_YET, type BoardPack } from '../../core/board-pack/model';
import { periodInWords } from '../../core/board-pack/period';
import {
  exceptionsTable,
  historyTable,
  kpiTable,
  priorityTable,
  summaryTable,
  trendTable,
  type Cell,
  type PackTable,
} from '../../core/board-pack/tables';
import { RAG_STATUSES, type RagStatus } from '../../core/model';
import { ragInWords } from '../../core/rag';
import { RAG_FILL } from './rag-colours';

const DATE_FORMAT = 'd mmm yyyy';
const INSTANT_FORMAT = 'd mmm yyyy, hh:mm';

/** A calendar date as Excel keeps it: a day with no time zone. */
function excelDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** An instant shown at its London wall-clock time, since Excel has no time zones. */
function excelInstant(instant: string): Date {
  const at = new Date(instant);
  const day = excelDate(londonDate(at));
  const clock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  const [h, min] = clock.split(':').map(Number);
  return new Date(day.getTime() + (h * 60 + min) * 60_000);
}

function paintRag(cell: ExcelJS.Cell, rag: RagStatus): void {
  const colours = RAG_FILL[rag];
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${colours.background}` } };
  cell.font = { color: { argb: `FF${colours.text}` }, bold: true };
}

function setCell(cell: ExcelJS.Cell, value: Cell): void {
  if (value === undefined) return;
  if (typeof value === 'string' || typeof value === 'number') {
    cell.value = value;
  } else if ('date' in value) {
    cell.value = excelDate(value.date);
    cell.numFmt = DATE_FORMAT;
  } else if ('instant' in value) {
    cell.value = excelInstant(value.instant);
    cell.numFmt = INSTANT_FORMAT;
  } else {
    cell.value = ragInWords(value.rag);
    paintRag(cell, value.rag);
  }
}

/** Writes a table from `firstRow`, header first; returns the row after it. */
function writeTable(ws: ExcelJS.Worksheet, table: PackTable, firstRow: number): number {
  const header = ws.getRow(firstRow);
  table.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    if ((RAG_STATUSES as readonly string[]).includes(c.header)) paintRag(cell, c.header as RagStatus);
  });
  table.rows.forEach((r, ri) => {
    const row = ws.getRow(firstRow + 1 + ri);
    r.forEach((value, ci) => setCell(row.getCell(ci + 1), value));
    row.alignment = { vertical: 'top', wrapText: true };
  });
  return firstRow + 1 + table.rows.length;
}

/** Excel's header/footer codes start with "&": a title's own ampersands are doubled. */
const headerText = (text: string) => text.replace(/&/g, '&&');

function sheetFor(wb: ExcelJS.Workbook, table: PackTable, printHeader: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(table.name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    // Printed for the board: landscape, one page wide, the header row on every page.
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
    headerFooter: { oddHeader: `&L${headerText(printHeader)}`, oddFooter: '&RPage &P of &N' },
  });
  ws.columns = table.columns.map((c) => ({ width: c.width }));
  const end = writeTable(ws, table, 1);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, end - 1), column: table.columns.length } };
  return ws;
}

export async function boardPackToXlsx(pack: BoardPack): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PlanPulse';
  wb.title = pack.title;

  // Summary: the counts table first (so its header is the frozen, filtered row),
  // then the totals, the pack's title and period, and the trend below.
  const summary = summaryTable(pack);
  const ws = sheetFor(wb, summary, pack.title);
  let next = summary.rows.length + 2;
  const total = ws.getRow(next);
  total.getCell(2).value = 'All priorities';
  RAG_STATUSES.forEach((r, i) => (total.getCell(4 + i).value = pack.totals[r]));
  total.getCell(4 + RAG_STATUSES.length).value = pack.priorities.reduce((n, p) => n + p.actions.length, 0);
  total.font = { bold: true };
  next += 2;
  ws.getCell(next++, 1).value = pack.title;
  ws.getCell(next++, 1).value = `Update history: ${periodInWords(pack.period)}. Exceptions: ${pack.exceptions.length}.`;
  next++;
  ws.getCell(next, 1).value = 'Month-on-month trend';
  ws.getCell(next++, 1).font = { bold: true };
  if (pack.trend.length) writeTable(ws, trendTable(pack), next);
  else ws.getCell(next, 1).value = NO_TREND_YET;

  for (const p of pack.priorities) sheetFor(wb, priorityTable(p), `Priority ${p.ref}: ${p.title} – ${pack.title}`);
  sheetFor(wb, exceptionsTable(pack), `Exceptions – ${pack.title}`);
  sheetFor(wb, kpiTable(pack), `KPI score card – ${pack.title}`);
  sheetFor(wb, historyTable(pack), `Update history, ${periodInWords(pack.period)} – ${pack.title}`);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
