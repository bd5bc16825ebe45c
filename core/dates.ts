// Dates as the partnership writes and reads them: calendar dates in
// Europe/London, shown "3 Mar 2023". Calendar dates are kept as YYYY-MM-DD
// strings so no time zone can shift them by a day.
import type { IsoDate, IsoInstant } from './model';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NUMBER: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

export const LONDON = 'Europe/London';

const pad = (n: number) => String(n).padStart(2, '0');

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/**
 * A due month as spreadsheets hold it: "Mar-23", "Jul- 23", "Apr -23",
 * "Jul - 23", "Mar–23" (any dash), "Sept-23", "March 2023", "03/2025". A full
 * date ("31/03/2023" in UK order, "2023-03-31", "31 March 2023") gives its
 * month, since due dates are kept as the end of their month. Returns
 * undefined when it is not a month (e.g. "Dependent on sustainability"), so
 * the caller keeps the words as a note.
 */
export function parseDueMonth(raw: string): { year: number; month: number } | undefined {
  const text = raw
    .trim()
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-');
  const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));
  let m = /^([a-z]+)\.?\s*[-/ ]?\s*'?(\d{2}|\d{4})$/.exec(text);
  if (m && MONTH_NUMBER[m[1]]) return { year: fullYear(m[2]), month: MONTH_NUMBER[m[1]] };
  m = /^(\d{1,2})\s*[/-]\s*(\d{4})$/.exec(text);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return { year: Number(m[2]), month: Number(m[1]) };
  if (isIsoDate(text)) return { year: Number(text.slice(0, 4)), month: Number(text.slice(5, 7)) };
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
  if (m) return realMonth(fullYear(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$/.exec(text);
  if (m && MONTH_NUMBER[m[2]]) return realMonth(Number(m[3]), MONTH_NUMBER[m[2]], Number(m[1]));
  return undefined;
}

function realMonth(year: number, month: number, day: number): { year: number; month: number } | undefined {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) ? { year, month } : undefined;
}

/**
 * True when a cell that is not a due month still looks as if it meant a date
 * (it has a digit or names a month), so the import should say it kept it as a
 * note. "May" alone is left out: it is as often the verb.
 */
export function looksLikeADate(raw: string): boolean {
  const words = raw.toLowerCase().match(/[a-z]+/g) ?? [];
  return /\d/.test(raw) || words.some((w) => w !== 'may' && MONTH_NUMBER[w] !== undefined);
}

/**
 * A spreadsheet's date serial as a Date (days since 30 Dec 1899, or since
 * 1 Jan 1904 in a 1904 workbook): how an .xlsx date cell is stored, and what a
 * date cell formatted as General shows when a plan is saved as CSV.
 */
export function excelSerialDate(serial: number, date1904 = false): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** A due month means "by the end of that month". */
export function endOfMonth(year: number, month: number): IsoDate {
  return isoDate(year, month, daysInMonth(year, month));
}

/** "3 Mar 2023" */
export function formatDate(date: IsoDate | undefined): string {
  if (!date || !isIsoDate(date)) return '';
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** "Oct 2026" for a month key "2026-10" (snapshots and the trend are keyed so); anything else as given. */
export function formatMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const n = m ? Number(m[2]) : 0;
  return m && n >= 1 && n <= 12 ? `${MONTHS[n - 1]} ${m[1]}` : month;
}

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function intlPartsInLondon(instant: Date): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of londonParts.formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

const HOUR_MS = 3_600_000;
/** Since 1972 London has changed its clocks only on a whole UTC hour (01:00 UTC since 1981). */
const WHOLE_HOUR_OFFSETS_FROM = Date.UTC(1972, 0, 1);
/** London's offset from UTC (ms) in each UTC hour asked about so far. */
const offsetInHour = new Map<number, number>();

/**
 * The wall clock in London at an instant. Intl's answer costs microseconds a
 * call, and a view of a few hundred actions asks thousands of times; the
 * offset is the same for a whole UTC hour, so Intl is asked once an hour of
 * the calendar and the rest is arithmetic. Earlier instants (and invalid
 * dates, which throw as before) go to Intl every time.
 */
function partsInLondon(instant: Date): Record<string, number> {
  const t = instant.getTime();
  if (!(t >= WHOLE_HOUR_OFFSETS_FROM)) return intlPartsInLondon(instant);
  const hour = Math.floor(t / HOUR_MS);
  let offset = offsetInHour.get(hour);
  if (offset === undefined) {
    const p = intlPartsInLondon(new Date(hour * HOUR_MS));
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - hour * HOUR_MS;
    // A bound for a long-running server: a year of hours is under 9,000.
    if (offsetInHour.size >= 100_000) offsetInHour.clear();
    offsetInHour.set(hour, offset);
  }
  const wall = new Date(t + offset);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
  };
}

/** The calendar date in London at an instant. */
export function londonDate(instant: Date | IsoInstant): IsoDate {
  const p = partsInLondon(typeof instant === 'string' ? new Date(instant) : instant);
  return isoDate(p.year, p.month, p.day);
}

/** "3 Mar 2023, 14:05" in London time. */
export function formatInstant(instant: IsoInstant | undefined): string {
  if (!instant) return '';
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return '';
  const p = partsInLondon(at);
  return `${formatDate(isoDate(p.year, p.month, p.day))}, ${pad(p.hour)}:${pad(p.minute)}`;
}

/** "Mon 30 Nov 2026 at 09:00" in London time: a scheduled slot, with its weekday. */
export function formatLondonSlot(instant: Date): string {
  const p = partsInLondon(instant);
  const date = isoDate(p.year, p.month, p.day);
  return `${WEEKDAYS[dayOfWeek(date)]} ${formatDate(date)} at ${pad(p.hour)}:${pad(p.minute)}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Minutes London is ahead of UTC at an instant (0 in winter, 60 in summer). */
export function londonOffsetMinutes(instant: Date): number {
  const p = partsInLondon(instant);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round((asUtc - Math.floor(instant.getTime() / 60000) * 60000) / 60000);
}

/** The UTC instant of a wall-clock time in London, e.g. Monday 09:00. */
export function londonWallClockToInstant(date: IsoDate, hour: number, minute: number): Date {
  const [y, m, d] = date.split('-').map(Number);
  const guess = new Date(Date.UTC(y, m - 1, d, hour, minute));
  // Correct by the offset at the guess, then once more across a clock change.
  let at = new Date(guess.getTime() - londonOffsetMinutes(guess) * 60000);
  at = new Date(guess.getTime() - londonOffsetMinutes(at) * 60000);
  return at;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole days from a to b (b later → positive). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const toUtc = (s: IsoDate) => {
    const [y, m, d] = s.split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}

/** Day of week for a calendar date, 0 = Sunday. */
export function dayOfWeek(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/**
 * Reads a date typed by a person: "2024-01-02", "2 Jan 2024", "2 Jan", "2/1/2024"
 * (UK order). A date without a year is the next such date on or after today.
 */
export function parseUserDate(raw: string, today: IsoDate): IsoDate | undefined {
  const text = raw
    .trim()
    .toLowerCase()
    .replace(/(\d)(st|nd|rd|th)\b/, '$1');
  if (isIsoDate(text)) return text;
  let m = /^(\d{1,2})\s+([a-z]+)\.?(?:\s+(\d{4}))?$/.exec(text);
  if (m && MONTH_NUMBER[m[2]]) return dated(Number(m[1]), MONTH_NUMBER[m[2]], m[3], today);
  m = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/.exec(text);
  if (m) return dated(Number(m[1]), Number(m[2]), m[3] && (m[3].length === 2 ? `20${m[3]}` : m[3]), today);
  return undefined;
}

function dated(day: number, month: number, yearText: string | undefined, today: IsoDate): IsoDate | undefined {
  if (month < 1 || month > 12) return undefined;
  const thisYear = Number(today.slice(0, 4));
  if (yearText) {
    const year = Number(yearText);
    return day >= 1 && day <= daysInMonth(year, month) ? isoDate(year, month, day) : undefined;
  }
  // No year: the next time that day comes round, today included. "29 Feb"
  // waits for the next leap year.
  for (let year = thisYear; year <= thisYear + 4; year++) {
    if (day < 1 || day > daysInMonth(year, month)) continue;
    const candidate = isoDate(year, month, day);
    if (candidate >= today) return candidate;
  }
  return undefined;
}
