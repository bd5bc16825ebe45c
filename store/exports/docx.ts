// The board paper as Word: laid out like the plan the board already reads
// (each priority's table: ref, outcome and associated action, due, lead, RAG,
// and now the latest commentary), with the summary and the exceptions first
// and the KPI score card last. Landscape, so the six columns have room.
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { formatDate, formatInstant } from '../../core/dates';
import { EXCEPTION_CATEGORIES, EXCEPTION_HEADING } from '../../core/exceptions';
import { NO_TREND_YET, type ActionRow, type BoardPack } from '../../core/board-pack/model';
import { periodInWords } from '../../core/board-pack/period';
import { RAG_STATUSES, type RagStatus } from '../../core/model';
import { ragInWords } from '../../core/rag';
import { RAG_FILL } from './rag-colours';

interface CellOpts {
  bold?: boolean;
  rag?: RagStatus;
  width?: number;
}

/** Text split on its line breaks, so a multi-line commentary keeps its lines. */
function paragraphs(text: string, bold = false, colour?: string): Paragraph[] {
  return text.split(/\r?\n/).map((line) => new Paragraph({ children: [new TextRun({ text: line, bold, color: colour })] }));
}

function cell(text: string, opts: CellOpts = {}): TableCell {
  const fill = opts.rag && RAG_FILL[opts.rag];
  return new TableCell({
    children: paragraphs(text, opts.bold || Boolean(opts.rag), fill?.text),
    shading: fill ? { type: ShadingType.CLEAR, color: 'auto', fill: fill.background } : undefined,
    width: opts.width ? { size: opts.width, type: WidthType.PERCENTAGE } : undefined,
  });
}

function table(header: string[], rows: TableCell[][], widths?: number[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: header.map((h, i) =>
          cell(h, { bold: true, width: widths?.[i], rag: (RAG_STATUSES as readonly string[]).includes(h) ? (h as RagStatus) : undefined }),
        ),
      }),
      ...rows.map((children) => new TableRow({ children, cantSplit: true })),
    ],
  });
}

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1) =>
  new Paragraph({ text, heading: level });
const para = (text: string) => new Paragraph({ children: [new TextRun(text)] });

function dueText(a: ActionRow): string {
  if (!a.dueDate) return a.dueNote ?? '';
  const moved = a.originalDueDate && a.originalDueDate !== a.dueDate ? ` (was ${formatDate(a.originalDueDate)})` : '';
  return `${formatDate(a.dueDate)}${moved}`;
}

function commentaryText(a: ActionRow): string {
  const when = a.lastUpdatedAt ? `Updated ${formatInstant(a.lastUpdatedAt)}${a.lastUpdatedBy ? ` by ${a.lastUpdatedBy}` : ''}` : 'Not updated yet';
  const parts = [a.commentary, a.awaitingSignOff ? 'Reported complete; waiting for sign-off.' : undefined, when].filter((s): s is string =>
    Boolean(s),
  );
  return parts.join('\n');
}

const PLAN_COLUMNS = ['', 'Outcome and Associated Action', 'Due', 'Lead', 'RAG', 'Commentary'];
const PLAN_WIDTHS = [7, 38, 11, 13, 11, 20];

function actionCells(a: ActionRow): TableCell[] {
  return [cell(a.ref), cell(a.text), cell(dueText(a)), cell(a.leads.join(', ')), cell(ragInWords(a.rag), { rag: a.rag }), cell(commentaryText(a))];
}

function summary(pack: BoardPack): (Paragraph | Table)[] {
  const counts = pack.priorities.map((p) => [
    cell(p.ref),
    cell(p.title),
    ...RAG_STATUSES.map((r) => cell(String(p.counts[r]))),
    cell(String(p.actions.length)),
  ]);
  counts.push([
    cell(''),
    cell('All priorities', { bold: true }),
    ...RAG_STATUSES.map((r) => cell(String(pack.totals[r]), { bold: true })),
    cell(String(pack.priorities.reduce((n, p) => n + p.actions.length, 0)), { bold: true }),
  ]);
  const out: (Paragraph | Table)[] = [heading('Summary'), table(['Priority', 'Title', ...RAG_STATUSES, 'Total'], counts, [8, 44, 8, 8, 8, 8, 8, 8])];
  out.push(heading('Month-on-month trend', HeadingLevel.HEADING_2));
  if (!pack.trend.length) {
    out.push(para(NO_TREND_YET));
  } else {
    const rows = pack.trend.flatMap((t) =>
      pack.priorities
        .filter((p) => t.counts[p.ref])
        .map((p) => [cell(t.month), cell(p.ref), ...RAG_STATUSES.map((r) => cell(String(t.counts[p.ref][r])))]),
    );
    out.push(table(['Month', 'Priority', ...RAG_STATUSES], rows));
  }
  return out;
}

function exceptions(pack: BoardPack): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [heading(`Exceptions (${pack.exceptions.length})`)];
  if (!pack.exceptions.length) return [...out, para('No exceptions: every action is on target or complete, and up to date.')];
  for (const category of EXCEPTION_CATEGORIES) {
    const mine = pack.exceptions.filter((e) => e.category === category);
    if (!mine.length) continue;
    out.push(heading(`${EXCEPTION_HEADING[category]} (${mine.length})`, HeadingLevel.HEADING_2));
    out.push(
      table(
        [...PLAN_COLUMNS, 'Why'],
        mine.map((e) => [...actionCells(e.action), cell(e.reasons.join('\n'))]),
        [6, 30, 10, 12, 10, 17, 15],
      ),
    );
  }
  return out;
}

function priorities(pack: BoardPack): (Paragraph | Table)[] {
  return pack.priorities.flatMap((p) => {
    const rows: TableCell[][] = [];
    for (const o of p.outcomes) {
      rows.push([cell(o.ref, { bold: true }), cell(o.text, { bold: true }), cell(''), cell(o.leads.join(', '), { bold: true }), cell(''), cell('')]);
      for (const a of o.actions) rows.push(actionCells(a));
    }
    return [
      heading(`Priority ${p.ref}: ${p.title}`),
      para(`Delivery group: ${p.deliveryGroup}. ${p.actions.length} actions.`),
      table(PLAN_COLUMNS, rows, PLAN_WIDTHS),
    ];
  });
}

function kpis(pack: BoardPack): (Paragraph | Table)[] {
  const rows = pack.kpis.map((k) => [
    cell(k.ref),
    cell(k.description),
    cell(k.baseline ?? ''),
    cell(k.target3m ?? ''),
    cell(k.target6m ?? ''),
    cell(k.target12m ?? ''),
    cell(k.latest ? `${k.latest.value} on ${formatDate(k.latest.measuredOn)}` : 'Not yet measured'),
  ]);
  return [
    heading('KPI score card'),
    table(['KPI Reference', 'KPI', 'Baseline', '3 months', '6 months', '12 months', 'Latest'], rows, [9, 37, 14, 9, 9, 9, 13]),
  ];
}

export async function boardPackToDocx(pack: BoardPack): Promise<Buffer> {
  const doc = new Document({
    creator: 'PlanPulse',
    title: pack.title,
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          new Paragraph({ text: pack.title, heading: HeadingLevel.TITLE, alignment: AlignmentType.LEFT }),
          para(
            `${pack.group ? `Delivery group: ${pack.group.name}. ` : ''}Update history covered: ${periodInWords(pack.period)} (${pack.history.length} updates).`,
          ),
          ...summary(pack),
          ...exceptions(pack),
          ...priorities(pack),
          ...kpis(pack),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
