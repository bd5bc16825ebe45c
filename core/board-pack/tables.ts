// The board pack's lists as tables: one definition of each list's columns,
// shared by the .xlsx sheets and the .csv files so they never drift apart.
// Cells stay typed (a date, an instant, a RAG status) and each writer shows
// them its own way.
import { RAG_STATUSES, type IsoDate, type IsoInstant, type RagStatus } from '../model';
import { EXCEPTION_HEADING } from '../exceptions';
import type { ActionRow, BoardPack, PrioritySection } from './model';

export type Cell = string | number | { date: IsoDate } | { instant: IsoInstant } | { rag: RagStatus } | undefined;

export interface Column {
  header: string;
  /** Width in characters, for the spreadsheet. */
  width: number;
}

export interface PackTable {
  /** The sheet's name, and the .csv file's suffix in lower case ("actions"). */
  name: string;
  file: string;
  columns: Column[];
  rows: Cell[][];
}

const col = (header: string, width: number): Column => ({ header, width });

const due = (a: ActionRow): Cell => (a.dueDate ? { date: a.dueDate } : a.dueNote);

export const ACTION_COLUMNS: Column[] = [
  col('Ref', 9),
  col('Action', 60),
  col('Leads', 24),
  col('Due', 14),
  col('Original due', 14),
  col('RAG', 22),
  col('Latest commentary', 50),
  col('Last updated', 18),
  col('Updated by', 20),
];

export function actionCells(a: ActionRow): Cell[] {
  return [
    a.ref,
    a.text,
    a.leads.join(', '),
    due(a),
    a.originalDueDate ? { date: a.originalDueDate } : undefined,
    { rag: a.rag },
    a.commentary,
    a.lastUpdatedAt ? { instant: a.lastUpdatedAt } : undefined,
    a.lastUpdatedBy,
  ];
}

export function priorityTable(p: PrioritySection): PackTable {
  return { name: `Priority ${p.ref}`, file: `priority-${p.ref}`, columns: ACTION_COLUMNS, rows: p.actions.map(actionCells) };
}

export function summaryTable(pack: BoardPack): PackTable {
  return {
    name: 'Summary',
    file: 'summary',
    columns: [col('Priority', 9), col('Title', 50), col('Delivery group', 40), ...RAG_STATUSES.map((r) => col(r, 10)), col('Total', 8)],
    rows: pack.priorities.map((p) => [p.ref, p.title, p.deliveryGroup, ...RAG_STATUSES.map((r) => p.counts[r]), p.actions.length]),
  };
}

export function trendTable(pack: BoardPack): PackTable {
  const rows: Cell[][] = [];
  for (const t of pack.trend) {
    for (const p of pack.priorities) {
      const c = t.counts[p.ref];
      if (c) rows.push([t.month, p.ref, ...RAG_STATUSES.map((r) => c[r])]);
    }
  }
  return { name: 'Trend', file: 'trend', columns: [col('Month', 10), col('Priority', 9), ...RAG_STATUSES.map((r) => col(r, 10))], rows };
}

export function exceptionsTable(pack: BoardPack): PackTable {
  return {
    name: 'Exceptions',
    file: 'exceptions',
    columns: [col('Exception', 12), col('Why', 40), ...ACTION_COLUMNS],
    rows: pack.exceptions.map((e) => [EXCEPTION_HEADING[e.category], e.reasons.join(' '), ...actionCells(e.action)]),
  };
}

export function kpiTable(pack: BoardPack): PackTable {
  return {
    name: 'KPIs',
    file: 'kpis',
    columns: [
      col('Ref', 9),
      col('KPI', 60),
      col('Baseline', 20),
      col('3 months', 12),
      col('6 months', 12),
      col('12 months', 12),
      col('Latest', 14),
      col('Measured on', 14),
      col('Note', 30),
    ],
    rows: pack.kpis.map((k) => [
      k.ref,
      k.description,
      k.baseline,
      k.target3m,
      k.target6m,
      k.target12m,
      k.latest?.value,
      k.latest && { date: k.latest.measuredOn },
      k.latest?.note,
    ]),
  };
}

export function historyTable(pack: BoardPack): PackTable {
  return {
    name: 'Update history',
    file: 'history',
    columns: [col('When', 18), col('Action', 9), col('By', 22), col('Kind', 18), col('Source', 12), col('Changes', 50), col('Comment', 50)],
    rows: pack.history.map((h) => [{ instant: h.at }, h.actionRef, h.by, h.kind, h.source, h.changes, h.comment]),
  };
}

/** Every action of the pack in one list (the .csv has one file per list, not per priority). */
export function actionsTable(pack: BoardPack): PackTable {
  return {
    name: 'Actions',
    file: 'actions',
    columns: [col('Priority', 9), ...ACTION_COLUMNS],
    rows: pack.priorities.flatMap((p) => p.actions.map((a) => [p.ref, ...actionCells(a)])),
  };
}
