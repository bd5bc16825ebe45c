// The board pack as data: everything the .xlsx, .docx and .csv writers lay
// out, decided here once so the three never disagree on a count.
import type { IsoDate, IsoInstant, RagStatus } from '../model';
import type { ExceptionCategory } from '../exceptions';
import type { Period } from './period';

export type RagCounts = Record<RagStatus, number>;

/** One month-end snapshot's RAG counts, per priority ref. */
export interface TrendPoint {
  month: string; // "2023-03"
  counts: Record<string, RagCounts>;
}

export const NO_TREND_YET = 'The trend starts after the first month-end snapshot.';

export interface ActionRow {
  ref: string;
  priorityRef: string;
  /** Absent in plans with no outcomes (priority → action). */
  outcomeRef?: string;
  text: string;
  /** Display names, in the plan's order. */
  leads: string[];
  dueDate?: IsoDate;
  dueNote?: string;
  originalDueDate?: IsoDate;
  rag: RagStatus;
  commentary?: string;
  lastUpdatedAt?: IsoInstant;
  lastUpdatedBy?: string;
  awaitingSignOff: boolean;
}

export interface OutcomeSection {
  ref: string;
  text: string;
  leads: string[];
  actions: ActionRow[];
}

export interface PrioritySection {
  ref: string;
  title: string;
  deliveryGroup: string;
  counts: RagCounts;
  outcomes: OutcomeSection[];
  /** Every action of the priority, by ref (the outcomes' actions, flattened). */
  actions: ActionRow[];
}

export interface ExceptionRow {
  category: ExceptionCategory;
  reasons: string[];
  action: ActionRow;
}

export interface KpiRow {
  ref: string;
  priorityRef: string;
  /** Absent for a KPI tied to the priority itself. */
  outcomeRef?: string;
  description: string;
  baseline?: string;
  target3m?: string;
  target6m?: string;
  target12m?: string;
  latest?: { value: string; measuredOn: IsoDate; note?: string };
}

export interface HistoryRow {
  at: IsoInstant;
  actionRef: string;
  by: string;
  source: string;
  kind: string;
  /** "RAG Green → Amber; due 31 Mar 2023 → 30 Jun 2023" */
  changes: string;
  comment?: string;
}

export interface BoardPack {
  /** "Continuous Improvement Plan – Board pack, as at 3 Mar 2023" */
  title: string;
  asAt: IsoDate;
  period: Period;
  /** Set when the pack is one delivery group's. */
  group?: { key: string; name: string };
  priorities: PrioritySection[];
  totals: RagCounts;
  exceptions: ExceptionRow[];
  kpis: KpiRow[];
  history: HistoryRow[];
  trend: TrendPoint[];
}
