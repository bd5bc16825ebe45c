// Dates as the cards show them ("3 Mar 2023"; "2 Apr 2023, 14:05", London).
export { formatDate, formatInstant, formatMonth } from '../../core/dates';
import { formatDate, formatInstant } from '../../core/dates';

/** "10:42", London time, for "Couldn't refresh at 10:42". */
export function formatTime(ms: number): string {
  return formatInstant(new Date(ms).toISOString()).replace(/^.*, /, '');
}
import type { ActionRow } from '../api/contract';

export function dueWords(row: Pick<ActionRow, 'dueDate' | 'dueNote' | 'originalDueDate'>): string {
  if (!row.dueDate) return row.dueNote ? `No date: ${row.dueNote}` : 'No date';
  return row.originalDueDate && row.originalDueDate !== row.dueDate
    ? `${formatDate(row.dueDate)} (was ${formatDate(row.originalDueDate)})`
    : formatDate(row.dueDate);
}

export function leadNames(row: Pick<ActionRow, 'leads'>): string {
  return row.leads.length ? row.leads.map((l) => l.name).join(', ') : 'No lead yet';
}

/** Natural order for refs: 3.7.8 before 3.7.10. */
export function compareRefs(a: string, b: string): number {
  const pa = a.split('.').map((x) => parseInt(x, 10));
  const pb = b.split('.').map((x) => parseInt(x, 10));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d) return d;
  }
  return a.localeCompare(b);
}
