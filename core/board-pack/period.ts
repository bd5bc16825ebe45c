// The span of update history a board pack covers. The board meets monthly, so
// the default is the month up to today: from the same day last month (the
// last day of a shorter month, so 31 Mar looks back to 28 Feb), to today.
import { daysInMonth, formatDate, isoDate, parseUserDate } from '../dates';
import { InvalidError } from '../errors';
import type { IsoDate } from '../model';

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

/** A month back from `today`, both ends included. */
export function lastMonth(today: IsoDate): Period {
  const [y, m, d] = today.split('-').map(Number);
  const year = m === 1 ? y - 1 : y;
  const month = m === 1 ? 12 : m - 1;
  return { from: isoDate(year, month, Math.min(d, daysInMonth(year, month))), to: today };
}

/** The period a person asked for; either end may be left to the default. */
export function historyPeriod(today: IsoDate, from?: IsoDate, to?: IsoDate): Period {
  const end = to ?? today;
  const start = from ?? lastMonth(end).from;
  if (start > end) throw new InvalidError([`The period starts (${formatDate(start)}) after it ends (${formatDate(end)}): give --from before --to.`]);
  return { from: start, to: end };
}

/** "3 Feb 2023 to 3 Mar 2023" */
export function periodInWords(p: Period): string {
  return `${formatDate(p.from)} to ${formatDate(p.to)}`;
}

/**
 * A period's end as a person typed it. A date without a year is the latest
 * such date on or before today ("1 Feb" in March is this February), since
 * history lies in the past; parseUserDate alone would pick the next one.
 */
export function parsePeriodDate(raw: string, today: IsoDate): IsoDate | undefined {
  const date = parseUserDate(raw, today);
  if (!date || date <= today || /\d{4}|\d[/.-]\d{1,2}[/.-]\d{2}\s*$/.test(raw)) return date;
  const [y, m, d] = date.split('-').map(Number);
  for (let year = y - 1; year >= y - 4; year--) if (d <= daysInMonth(year, m) && isoDate(year, m, d) <= today) return isoDate(year, m, d);
  return date;
}
