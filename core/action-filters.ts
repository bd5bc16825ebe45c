// Which actions someone asked to see: by delivery group, lead, RAG, overdue,
// or changed since a date. The command line's `planpulse actions` uses these
// today and the Teams tab will offer the same filters, so the rules live here.
import { londonDate } from './dates';
import type { Action, DeliveryGroup, IsoDate, Priority, RagStatus } from './model';
import { RAG_STATUSES } from './model';
import { isPastDue } from './rag';

export interface ActionFilter {
  /** Actions under a priority this delivery group owns. */
  groupKey?: string;
  /** Actions this lead leads, or answers for as delegate. */
  leadKey?: string;
  /** Any of these statuses. */
  rags?: RagStatus[];
  /** Past their (current) due date and not Blue. */
  overdue?: boolean;
  /** Updated by someone on or after this London date. */
  changedSince?: IsoDate;
}

/** An action nobody leads: kept, listed as unassigned, never asked about. */
export function isUnassigned(action: Action): boolean {
  return action.leadKeys.length === 0 && !action.delegateKey;
}

export function unassignedActions(actions: Action[]): Action[] {
  return actions.filter(isUnassigned);
}

export function isOverdue(action: Action, today: IsoDate): boolean {
  return isPastDue(action, today);
}

export function changedSince(action: Action, since: IsoDate): boolean {
  return Boolean(action.lastUpdatedAt && londonDate(action.lastUpdatedAt) >= since);
}

export function ledBy(action: Action, leadKey: string): boolean {
  return action.leadKeys.includes(leadKey) || action.delegateKey === leadKey;
}

/** The actions that pass every filter given, in the order they came. */
export function filterActions(
  actions: Action[],
  plan: { priorities: Priority[]; deliveryGroups: DeliveryGroup[] },
  filter: ActionFilter,
  today: IsoDate,
): Action[] {
  const groupOf = new Map(plan.priorities.map((p) => [p.ref, p.deliveryGroupKey]));
  return actions.filter(
    (a) =>
      (filter.groupKey === undefined || groupOf.get(a.priorityRef) === filter.groupKey) &&
      (filter.leadKey === undefined || ledBy(a, filter.leadKey)) &&
      (filter.rags === undefined || filter.rags.includes(a.rag)) &&
      (!filter.overdue || isOverdue(a, today)) &&
      (filter.changedSince === undefined || changedSince(a, filter.changedSince)),
  );
}

/** "Red,amber" → ['Red', 'Amber']; a word that is not a status is named. */
export function readRagList(raw: string): { rags: RagStatus[] } | { problem: string } {
  const rags: RagStatus[] = [];
  for (const word of raw.split(/[,\s]+/).filter(Boolean)) {
    const rag = RAG_STATUSES.find((r) => r.toLowerCase() === word.toLowerCase());
    if (!rag) return { problem: `"${word}" is not a RAG status: use ${RAG_STATUSES.join(', ')}` };
    if (!rags.includes(rag)) rags.push(rag);
  }
  return rags.length ? { rags } : { problem: `--rag needs one or more of ${RAG_STATUSES.join(', ')}` };
}
