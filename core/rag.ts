// The RAG rules from the plan's key (../shared/data/rag-status.csv):
//   Grey  not started            Green on target
//   Blue  completed AND signed off  Amber likely to miss its deadline
//   Red   missed its deadline — a new completion date is required
import { addDays, daysBetween, formatDate } from './dates';
import type { Action, IsoDate, RagStatus } from './model';

export const RAG_MEANING: Record<RagStatus, string> = {
  Grey: 'Not started',
  Blue: 'Completed and signed off',
  Green: 'On target',
  Amber: 'Likely to miss its deadline',
  Red: 'Missed its deadline',
};

/** Colours for cards and the tab; never the only cue — the word always goes with it. */
export const RAG_COLOUR: Record<RagStatus, string> = {
  Grey: '#6F777B',
  Blue: '#1D70B8',
  Green: '#00703C',
  Amber: '#B35900',
  Red: '#D4351C',
};

/** "Amber – likely to miss its deadline": what a screen reader and a colour-blind chair both need. */
export function ragInWords(rag: RagStatus): string {
  return `${rag} – ${RAG_MEANING[rag].toLowerCase()}`;
}

export const MAX_TEXT = 2000;

export type ReviewFlag =
  | { kind: 'past-due'; message: string }
  | { kind: 'not-started'; message: string }
  | { kind: 'new-date-missed'; message: string }
  | { kind: 'awaiting-sign-off'; message: string };

/**
 * Why an action needs someone to look at it today, if it does.
 * The plan gives only a due month, so an action's "start" is the first day of
 * the month it is due: Grey after that means it should have begun.
 */
export function reviewFlags(action: Action, today: IsoDate): ReviewFlag[] {
  const flags: ReviewFlag[] = [];
  const due = action.dueDate;
  if (action.completionReportedAt && action.rag !== 'Blue') {
    flags.push({ kind: 'awaiting-sign-off', message: 'Reported complete; waiting for sign-off.' });
  }
  if (!due || action.rag === 'Blue') return flags;
  if ((action.rag === 'Green' || action.rag === 'Amber') && due < today && !action.completionReportedAt) {
    flags.push({ kind: 'past-due', message: `${action.rag} but due ${formatDate(due)}: needs review.` });
  }
  if (action.rag === 'Grey' && `${due.slice(0, 8)}01` <= today) {
    flags.push({ kind: 'not-started', message: `Not started, due ${formatDate(due)}.` });
  }
  if (action.rag === 'Red' && due <= today) {
    flags.push({ kind: 'new-date-missed', message: `Its new date, ${formatDate(due)}, has passed.` });
  }
  return flags;
}

/** Due between today and `days` ahead, inclusive. */
export function isDueWithin(action: Action, today: IsoDate, days: number): boolean {
  return Boolean(action.dueDate && action.dueDate >= today && action.dueDate <= addDays(today, days));
}

export function isPastDue(action: Action, today: IsoDate): boolean {
  return Boolean(action.dueDate && action.dueDate < today && action.rag !== 'Blue');
}

export function daysOverdue(action: Action, today: IsoDate): number {
  return action.dueDate ? Math.max(0, daysBetween(action.dueDate, today)) : 0;
}
