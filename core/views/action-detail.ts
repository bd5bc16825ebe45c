// One action's whole story: its facts, every change (who, when, from where,
// old → new) and the slippage ledger (each completion date it has had).
import type { Action, ActionUpdate, IsoDate, Lead, Versioned } from '../model';
import { actionRow } from './action-row';
import { groupOfAction, nameOf, type PlanIndex } from './plan-index';
import type { ActionDetailView, HistoryEntryView, SlippageEntryView } from './view-types';
import { fieldInWords, SOURCE_IN_WORDS, valueInWords } from './words';

export function historyEntries(ix: PlanIndex, history: ActionUpdate[]): HistoryEntryView[] {
  const name = (k: string) => nameOf(ix, k);
  return history.map((u) => {
    const entry: HistoryEntryView = {
      at: u.at,
      byName: u.byName,
      sourceWords: SOURCE_IN_WORDS[u.source] ?? u.source,
      kind: u.kind,
      changes: u.changes.map((c) => ({
        field: fieldInWords(c.field),
        from: valueInWords(c.field, c.from, name),
        to: valueInWords(c.field, c.to, name),
      })),
    };
    if (u.comment) entry.comment = u.comment;
    return entry;
  });
}

/**
 * The completion dates an action has had: first what the plan said, then
 * each change, with who moved it and why (the comment given with it).
 */
export function slippageLedger(action: Action, history: ActionUpdate[]): SlippageEntryView[] {
  const moves = history.flatMap((u) =>
    u.changes.filter((c) => c.field === 'dueDate' && typeof c.to === 'string' && c.to).map((c) => ({ u, from: c.from, to: c.to as IsoDate })),
  );
  const planned =
    action.originalDueDate ??
    (typeof moves[0]?.from === 'string' ? (moves[0].from as IsoDate) : undefined) ??
    (moves.length ? undefined : action.dueDate);
  const ledger: SlippageEntryView[] = [];
  if (planned) ledger.push({ date: planned, byName: 'From the plan', fromPlan: true });
  for (const m of moves) {
    const entry: SlippageEntryView = { date: m.to, byName: m.u.byName, at: m.u.at, fromPlan: false };
    if (m.u.comment) entry.why = m.u.comment;
    ledger.push(entry);
  }
  return ledger;
}

export function actionDetail(
  ix: PlanIndex,
  viewer: Lead | undefined,
  today: IsoDate,
  versioned: Versioned<Action>,
  history: ActionUpdate[],
): ActionDetailView {
  const a = versioned.value;
  const priority = ix.priorities.get(a.priorityRef);
  const outcome = a.outcomeRef ? ix.outcomes.get(a.outcomeRef) : undefined;
  const detail: ActionDetailView = {
    row: actionRow({ ix, viewer, today }, versioned),
    priority: { ref: a.priorityRef, title: priority?.title ?? '' },
    groupKey: groupOfAction(ix, a)?.key ?? '',
    history: historyEntries(ix, history),
    slippage: slippageLedger(a, history),
  };
  if (outcome) detail.outcome = { ref: outcome.ref, text: outcome.text };
  const set = <K extends keyof ActionDetailView>(k: K, v: ActionDetailView[K] | undefined) => {
    if (v !== undefined && v !== '') detail[k] = v;
  };
  set('delegateName', a.delegateKey ? (nameOf(ix, a.delegateKey) ?? a.delegateKey) : undefined);
  set('completionEvidence', a.completionEvidence);
  set('completionReportedAt', a.completionReportedAt);
  set('completionReportedByName', nameOf(ix, a.completionReportedBy));
  set('signedOffAt', a.signedOffAt);
  set('signedOffByName', nameOf(ix, a.signedOffBy));
  return detail;
}
