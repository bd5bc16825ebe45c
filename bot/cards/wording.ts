// The short phrases several cards share, so "Due 31 Mar 2023" and
// "Never updated" read the same wherever a lead meets them.
import { formatDate, formatInstant } from '../../core/dates';
import type { Action, IsoDate } from '../../core/model';

/**
 * Plan text squeezed onto one line and cut to `max` characters, ending "…".
 * Cuts at a word boundary when one is near, and never splits a surrogate pair.
 */
export function truncate(value: string, max: number): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  let cut = chars.slice(0, max - 1).join('');
  const lastSpace = cut.lastIndexOf(' ');
  if (lastSpace > cut.length - 20) cut = cut.slice(0, lastSpace);
  return `${cut.trimEnd()}…`;
}

/** "Due 31 Mar 2023", the plan's note when it gives no date, and a word when the date has gone by. */
export function dueInWords(action: Action, today: IsoDate): string {
  if (action.dueDate) {
    const passed = action.dueDate < today && action.rag !== 'Blue' ? ' (date passed)' : '';
    return `Due ${formatDate(action.dueDate)}${passed}`;
  }
  return action.dueNote ? `Due: ${action.dueNote}` : 'No due date';
}

/** "Last updated 3 Mar 2023, 14:05" (London time) or "Never updated". */
export function lastUpdatedInWords(action: Action): string {
  return action.lastUpdatedAt ? `Last updated ${formatInstant(action.lastUpdatedAt)}` : 'Never updated';
}

/** "1 action" / "3 actions". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** "Ann", "Ann and Bob", "Ann, Bob and Cy". */
export function listInWords(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
