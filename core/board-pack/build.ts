// Builds the board pack from the plan, its history and the KPI measurements.
// Pure: the caller reads the store and writes the files.
import { formatDate, isIsoDate, londonDate } from '../dates';
import { NotFoundError } from '../errors';
import type { Action, ActionUpdate, FieldChange, IsoDate, KpiMeasurement, PlanSnapshot, RagStatus } from '../model';
import { byRef } from '../refs';
import { selectExceptions } from '../exceptions';
import type { ActionRow, BoardPack, HistoryRow, KpiRow, PrioritySection, RagCounts, TrendPoint } from './model';
import type { Period } from './period';

export interface BoardPackInput {
  plan: PlanSnapshot;
  /** Every action's history (any order); only the period's is kept. */
  history: ActionUpdate[];
  measurements: KpiMeasurement[];
  /** Month-end snapshots, oldest first; [] until the store keeps them. */
  trend: TrendPoint[];
  today: IsoDate;
  period: Period;
  /** One delivery group's pack; the whole plan's when absent. */
  groupKey?: string;
  /** What the pack is called before "Board pack"; defaults to "Continuous Improvement Plan" or the group's name. */
  name?: string;
}

export function emptyCounts(): RagCounts {
  return { Grey: 0, Blue: 0, Green: 0, Amber: 0, Red: 0 };
}

function countRag(rags: RagStatus[]): RagCounts {
  const counts = emptyCounts();
  for (const r of rags) counts[r]++;
  return counts;
}

const FIELD_WORDS: Record<string, string> = {
  rag: 'RAG',
  dueDate: 'due',
  commentary: 'commentary',
  completionEvidence: 'evidence',
  completionReportedAt: 'reported complete',
  completionReportedBy: 'reported by',
  signedOffAt: 'signed off',
  signedOffBy: 'signed off by',
  delegateKey: 'delegate',
  text: 'text',
  originalDueDate: 'original due',
  dueNote: 'due note',
  leadKeys: 'leads',
};

function valueInWords(v: unknown): string {
  if (v === undefined || v === null || v === '') return '–';
  if (Array.isArray(v)) return v.join(', ');
  if (isIsoDate(v)) return formatDate(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return formatDate(londonDate(v));
  return String(v);
}

/** "RAG Green → Amber; due 31 Mar 2023 → 30 Jun 2023". Commentary is left to the comment column. */
export function changesInWords(changes: FieldChange[]): string {
  return changes
    .filter((c) => c.field !== 'commentary')
    .map((c) => `${FIELD_WORDS[c.field] ?? c.field} ${valueInWords(c.from)} → ${valueInWords(c.to)}`)
    .join('; ');
}

export function buildBoardPack(input: BoardPackInput): BoardPack {
  const { plan, today, period } = input;
  const group = input.groupKey === undefined ? undefined : plan.deliveryGroups.find((g) => g.key === input.groupKey);
  if (input.groupKey !== undefined && !group) {
    throw new NotFoundError(`There is no delivery group "${input.groupKey}"; the keys are ${plan.deliveryGroups.map((g) => g.key).join(', ')}.`);
  }
  const names = new Map(plan.leads.map((l) => [l.key, l.displayName]));
  const nameOf = (key: string) => names.get(key) ?? key;
  const groupName = new Map(plan.deliveryGroups.map((g) => [g.key, g.name]));
  const priorities = plan.priorities.filter((p) => !group || p.deliveryGroupKey === group.key).sort(byRef);
  const inPack = new Set(priorities.map((p) => p.ref));
  const actions = plan.actions
    .map((a) => a.value)
    .filter((a) => inPack.has(a.priorityRef))
    .sort(byRef);

  const row = (a: Action): ActionRow => ({
    ref: a.ref,
    priorityRef: a.priorityRef,
    outcomeRef: a.outcomeRef,
    text: a.text,
    leads: a.leadKeys.map(nameOf),
    dueDate: a.dueDate,
    dueNote: a.dueNote,
    originalDueDate: a.originalDueDate,
    rag: a.rag,
    commentary: a.commentary,
    lastUpdatedAt: a.lastUpdatedAt,
    lastUpdatedBy: a.lastUpdatedBy && nameOf(a.lastUpdatedBy),
    awaitingSignOff: Boolean(a.completionReportedAt && a.rag !== 'Blue'),
  });
  const rows = new Map(actions.map((a) => [a.ref, row(a)]));

  const sections: PrioritySection[] = priorities.map((p) => {
    const mine = actions.filter((a) => a.priorityRef === p.ref).map((a) => rows.get(a.ref)!);
    const outcomes = plan.outcomes
      .filter((o) => o.priorityRef === p.ref)
      .sort(byRef)
      .map((o) => ({ ref: o.ref, text: o.text, leads: o.leadKeys.map(nameOf), actions: mine.filter((a) => a.outcomeRef === o.ref) }));
    // An action whose outcome is missing still reaches the board, under a heading of its own.
    const orphans = mine.filter((a) => !outcomes.some((o) => o.ref === a.outcomeRef));
    if (orphans.length) outcomes.push({ ref: '', text: 'Actions without an outcome', leads: [], actions: orphans });
    return {
      ref: p.ref,
      title: p.title,
      deliveryGroup: groupName.get(p.deliveryGroupKey) ?? p.deliveryGroupKey,
      counts: countRag(mine.map((a) => a.rag)),
      outcomes,
      actions: mine,
    };
  });

  const exceptions = selectExceptions(actions, plan, today).map((e) => ({
    category: e.category,
    reasons: e.reasons,
    action: rows.get(e.action.ref)!,
  }));

  const latest = new Map<string, KpiMeasurement>();
  for (const m of input.measurements) {
    const seen = latest.get(m.kpiRef);
    if (!seen || m.measuredOn > seen.measuredOn || (m.measuredOn === seen.measuredOn && m.recordedAt > seen.recordedAt)) latest.set(m.kpiRef, m);
  }
  const kpis: KpiRow[] = plan.kpis
    .filter((k) => inPack.has(k.priorityRef))
    .sort(byRef)
    .map((k) => {
      const m = latest.get(k.ref);
      return {
        ref: k.ref,
        priorityRef: k.priorityRef,
        outcomeRef: k.outcomeRef,
        description: k.description,
        baseline: k.baseline,
        target3m: k.target3m,
        target6m: k.target6m,
        target12m: k.target12m,
        latest: m && { value: m.value, measuredOn: m.measuredOn, note: m.note },
      };
    });

  const history: HistoryRow[] = input.history
    .filter((u) => rows.has(u.actionRef))
    .filter((u) => {
      const day = londonDate(u.at);
      return day >= period.from && day <= period.to;
    })
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : byRef({ ref: a.actionRef }, { ref: b.actionRef })))
    .map((u) => ({
      at: u.at,
      actionRef: u.actionRef,
      by: u.byName || nameOf(u.by),
      source: u.source,
      kind: u.kind,
      changes: changesInWords(u.changes),
      comment: u.comment,
    }));

  const trend = input.trend.map((t) => ({ month: t.month, counts: Object.fromEntries(Object.entries(t.counts).filter(([ref]) => inPack.has(ref))) }));
  const totals = countRag(actions.map((a) => a.rag));
  const name = input.name ?? group?.name ?? 'Continuous Improvement Plan';
  return {
    title: `${name} – Board pack, as at ${formatDate(today)}`,
    asAt: today,
    period,
    group: group && { key: group.key, name: group.name },
    priorities: sections,
    totals,
    exceptions,
    kpis,
    history,
    trend,
  };
}
