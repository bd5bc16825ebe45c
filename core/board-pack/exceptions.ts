// The board's exceptions: the actions a board member should read first.
// One function decides the list, so the board pack and the Teams tab show the
// same actions in the same order.
//
// Each action appears once, under the first of these that applies:
//   1. Red: it missed its deadline (and perhaps its new date too);
//   2. Amber: likely to miss its deadline;
//   3. Past due: Green or Amber past its due date (reviewFlags "past-due"),
//      or still Grey (not started) after its due date has passed;
//   4. Not updated: no update for `staleDays` days (NUDGE_STALE_DAYS, 28 by
//      default), or never updated. A fixed span rather than "since the cycle
//      started", because a quarterly group's leads are asked once a quarter and
//      would otherwise all be "not updated" three weeks in four.
// Blue (completed and signed off) is never an exception. An action reported
// complete and waiting for sign-off is not "not updated": the next move is the
// chair's, not the lead's. Within each group, the earliest due date comes
// first, then actions with no date, each by ref.
import { daysBetween, formatDate, londonDate } from '../dates';
import type { Action, IsoDate, PlanSnapshot, Versioned } from '../model';
import { ragInWords, reviewFlags } from '../rag';
import { byRef } from '../refs';

export type ExceptionCategory = 'red' | 'amber' | 'past-due' | 'not-updated';

export const EXCEPTION_CATEGORIES: readonly ExceptionCategory[] = ['red', 'amber', 'past-due', 'not-updated'];

export const EXCEPTION_HEADING: Record<ExceptionCategory, string> = {
  red: 'Red',
  amber: 'Amber',
  'past-due': 'Past due',
  'not-updated': 'Not updated',
};

/** NUDGE_STALE_DAYS' default: the same quiet spell after which a lead is asked again. */
export const DEFAULT_STALE_DAYS = 28;

export interface ActionException {
  action: Action;
  category: ExceptionCategory;
  /** Why, in sentences, most important first: "Red – missed its deadline.", "Its new date, 30 Jun 2023, has passed." */
  reasons: string[];
}

function notUpdatedReason(action: Action, today: IsoDate, staleDays: number): string | undefined {
  if (action.rag === 'Blue' || action.completionReportedAt) return undefined;
  if (!action.lastUpdatedAt) return 'No update yet.';
  const quietFor = daysBetween(londonDate(action.lastUpdatedAt), today);
  return quietFor >= staleDays ? `No update for ${quietFor} days (last ${formatDate(londonDate(action.lastUpdatedAt))}).` : undefined;
}

function isPastDueNow(action: Action, today: IsoDate): boolean {
  if (action.rag === 'Blue' || action.completionReportedAt || !action.dueDate) return false;
  return action.dueDate < today;
}

/** Why this action is an exception today, or undefined when it is not. */
export function exceptionOf(action: Action, today: IsoDate, staleDays = DEFAULT_STALE_DAYS): ActionException | undefined {
  if (action.rag === 'Blue') return undefined;
  const reasons: string[] = [];
  if (action.rag === 'Red' || action.rag === 'Amber') reasons.push(`${ragInWords(action.rag)}.`);
  for (const flag of reviewFlags(action, today)) {
    if (flag.kind === 'past-due' || flag.kind === 'new-date-missed') reasons.push(flag.message);
  }
  const greyPastDue = action.rag === 'Grey' && isPastDueNow(action, today);
  if (greyPastDue) reasons.push(`Not started, and due ${formatDate(action.dueDate)}.`);
  const quiet = notUpdatedReason(action, today, staleDays);
  if (quiet) reasons.push(quiet);
  if (!reasons.length) return undefined;
  const category: ExceptionCategory =
    action.rag === 'Red'
      ? 'red'
      : action.rag === 'Amber'
        ? 'amber'
        : greyPastDue || reviewFlags(action, today).some((f) => f.kind === 'past-due')
          ? 'past-due'
          : 'not-updated';
  return { action, category, reasons };
}

/** Earliest due date first; actions with no date after those with one; then by ref. */
function byDueDate(a: Action, b: Action): number {
  if (a.dueDate !== b.dueDate) {
    if (!a.dueDate) return 1;
    if (!b.dueDate) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  }
  return byRef(a, b);
}

/** The plan's exceptions today, in the order the board reads them (see the top of this file). */
export function selectExceptions(
  plan: Pick<PlanSnapshot, 'actions'>,
  today: IsoDate,
  opts: { staleDays?: number } = {},
): ActionException[] {
  const staleDays = opts.staleDays ?? DEFAULT_STALE_DAYS;
  const found = (plan.actions as Versioned<Action>[])
    .map((a) => exceptionOf(a.value, today, staleDays))
    .filter((e): e is ActionException => e !== undefined);
  const rank = (c: ExceptionCategory) => EXCEPTION_CATEGORIES.indexOf(c);
  return found.sort((x, y) => rank(x.category) - rank(y.category) || byDueDate(x.action, y.action));
}
