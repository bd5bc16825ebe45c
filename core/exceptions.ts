// Reporting by exception: the one rule for which actions a chair, the board
// and the board pack read first. The tab's group view, its board, its meeting
// side panel and stage, and the exported pack all call selectExceptions, so
// they list the same actions in the same order.
//
// Each action appears once, under the first of these that applies:
//   1. Red: it missed its deadline (and perhaps its new date too);
//   2. Amber: likely to miss its deadline;
//   3. Past due: any other status but Blue past its due date — Green, Grey
//      (never started) or reported complete and still waiting for sign-off;
//   4. Not updated this cycle: in play (not Blue; Grey only once its due month
//      has begun) and no update since the start of its delivery group's
//      reporting cycle — the month for a monthly group, the calendar quarter
//      for a quarterly one — so a quarterly group's quiet actions are not all
//      "not updated" three months in four. An action reported complete is not
//      counted here: the next move is the chair's sign-off, not the lead's.
// Blue (completed and signed off) is never an exception. Within each tier the
// earliest due date comes first, then actions with no date, each by ref.
import { formatDate, londonDate } from './dates';
import type { Action, Cadence, DeliveryGroup, IsoDate, Priority } from './model';
import { isPastDue, ragInWords, reviewFlags } from './rag';
import { compareRefs } from './refs';

export type ExceptionCategory = 'red' | 'amber' | 'past-due' | 'not-updated';

export const EXCEPTION_CATEGORIES: readonly ExceptionCategory[] = ['red', 'amber', 'past-due', 'not-updated'];

export const EXCEPTION_HEADING: Record<ExceptionCategory, string> = {
  red: 'Red',
  amber: 'Amber',
  'past-due': 'Past due',
  'not-updated': 'Not updated this cycle',
};

export interface ActionException {
  action: Action;
  category: ExceptionCategory;
  /** Why, in sentences, most important first: "Red – missed its deadline.", "Its new date, 30 Jun 2023, has passed." */
  reasons: string[];
}

/**
 * The first day of the reporting cycle `today` falls in, on the group's
 * cadence: the month for monthly groups, the calendar quarter for quarterly.
 */
export function cycleStart(cadence: Cadence, today: IsoDate): IsoDate {
  const [y, m] = today.split('-').map(Number);
  const month = cadence === 'quarterly' ? Math.floor((m - 1) / 3) * 3 + 1 : m;
  return `${y}-${String(month).padStart(2, '0')}-01`;
}

const awaitingSignOff = (a: Action) => Boolean(a.completionReportedAt) && a.rag !== 'Blue';

/**
 * In play: the lead should be saying how it goes. Blue is finished, one
 * reported complete waits on the chair, and a Grey action whose due month has
 * not begun is not expected to have started.
 */
function inPlay(a: Action, today: IsoDate): boolean {
  if (a.rag === 'Blue' || awaitingSignOff(a)) return false;
  if (a.rag === 'Grey') return Boolean(a.dueDate && `${a.dueDate.slice(0, 8)}01` <= today);
  return true;
}

export function notUpdatedThisCycle(a: Action, cadence: Cadence, today: IsoDate): boolean {
  if (!inPlay(a, today)) return false;
  return !a.lastUpdatedAt || londonDate(a.lastUpdatedAt) < cycleStart(cadence, today);
}

function pastDueReason(a: Action): string {
  const due = formatDate(a.dueDate!);
  if (awaitingSignOff(a)) return `Due ${due}; reported complete and waiting for sign-off.`;
  if (a.rag === 'Grey') return `Not started, and due ${due}.`;
  return `${a.rag} but due ${due}: needs review.`;
}

function notUpdatedReason(a: Action, cadence: Cadence): string {
  const cycle = cadence === 'quarterly' ? 'quarter' : 'month';
  return a.lastUpdatedAt ? `No update this ${cycle} (last ${formatDate(londonDate(a.lastUpdatedAt))}).` : 'No update yet.';
}

/** Why this action is an exception today (its group reporting on `cadence`), or undefined when it is not. */
export function exceptionOf(action: Action, cadence: Cadence, today: IsoDate): ActionException | undefined {
  if (action.rag === 'Blue') return undefined;
  const reasons: string[] = [];
  if (action.rag === 'Red' || action.rag === 'Amber') reasons.push(`${ragInWords(action.rag)}.`);
  const missed = reviewFlags(action, today).find((f) => f.kind === 'new-date-missed');
  if (missed) reasons.push(missed.message);
  const pastDue = isPastDue(action, today);
  if (pastDue && action.rag !== 'Red') reasons.push(pastDueReason(action));
  const quiet = notUpdatedThisCycle(action, cadence, today);
  if (quiet) reasons.push(notUpdatedReason(action, cadence));
  if (!reasons.length) return undefined;
  const category: ExceptionCategory = action.rag === 'Red' ? 'red' : action.rag === 'Amber' ? 'amber' : pastDue ? 'past-due' : 'not-updated';
  return { action, category, reasons };
}

/** Earliest due date first; actions with no date after those with one; then by ref. */
function byDueDate(a: Action, b: Action): number {
  if (a.dueDate !== b.dueDate) {
    if (!a.dueDate) return 1;
    if (!b.dueDate) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  }
  return compareRefs(a.ref, b.ref);
}

/** Each priority's delivery group's cadence; monthly where the plan does not say. */
export function cadenceByPriority(plan: { priorities: Priority[]; deliveryGroups: DeliveryGroup[] }): (a: Action) => Cadence {
  const groups = new Map(plan.deliveryGroups.map((g) => [g.key, g.cadence]));
  const cadences = new Map(plan.priorities.map((p) => [p.ref, groups.get(p.deliveryGroupKey) ?? 'monthly']));
  return (a) => cadences.get(a.priorityRef) ?? 'monthly';
}

/**
 * The exceptions among `actions` today, in reading order (see the top of this
 * file). `plan` gives each action's delivery group, hence its cadence.
 */
export function selectExceptions(
  actions: readonly Action[],
  plan: { priorities: Priority[]; deliveryGroups: DeliveryGroup[] },
  today: IsoDate,
): ActionException[] {
  const cadenceOf = cadenceByPriority(plan);
  const found = actions.map((a) => exceptionOf(a, cadenceOf(a), today)).filter((e): e is ActionException => e !== undefined);
  const rank = (c: ExceptionCategory) => EXCEPTION_CATEGORIES.indexOf(c);
  return found.sort((x, y) => rank(x.category) - rank(y.category) || byDueDate(x.action, y.action));
}
