// A due cell as plans write it. parseDueMonth (core/dates.ts) reads the months
// and dates themselves; this adds what officers put around them ("end of
// March 2024", "By 31/03/2024") and a date that reached the sheet as Excel's
// day number (45382, a date cell formatted as General). A quarter, a term, a
// season or a year ("Q3 2023/24", "Spring term 2024", "2023/24") could mean
// more than one month, so it is kept as words, never turned into a date.
import { excelSerialDate, formatDate, isoDate, parseDueMonth } from '../dates';
import { oneLine } from './table';

export interface DueReading {
  year: number;
  month: number;
  /** Said in a note when the month came from something other than a month or date as written. */
  readAs?: string;
}

const LEAD_IN = /^(?:(?:by|before|no later than|deadline:?|due:?|target:?)\s+)?(?:(?:the\s+)?end\s+(?:of\s+)?)?/i;

/** Excel's day numbers for 1 Jan 2000 … 31 Dec 2060: a five-digit number in a due column is one of these. */
const FIRST_SERIAL = 36526;
const LAST_SERIAL = 58806;

export function readDue(raw: string): DueReading | undefined {
  const text = oneLine(raw);
  const direct = parseDueMonth(text);
  if (direct) return direct;
  const rest = text.replace(LEAD_IN, '');
  if (rest !== text) {
    const month = parseDueMonth(rest);
    if (month) return month;
  }
  if (/^\d{5}(?:\.0+)?$/.test(text)) {
    const serial = Number(text);
    if (serial >= FIRST_SERIAL && serial <= LAST_SERIAL) {
      const d = excelSerialDate(serial);
      const year = d.getUTCFullYear();
      const month = d.getUTCMonth() + 1;
      return { year, month, readAs: `Excel's day number for ${formatDate(isoDate(year, month, d.getUTCDate()))}` };
    }
  }
  return undefined;
}

/** Why a due cell that looks like a date is kept as words, for the note that says so. */
export function whyNotADate(raw: string): string {
  const t = raw.toLowerCase();
  if (/\bq[1-4]\b|quarter/.test(t)) return 'a quarter spans three months';
  if (/\b(spring|summer|autumn|winter)\b|\bterm\b/.test(t)) return 'a term or season spans several months';
  if (/^\s*(?:fy\s*)?\d{4}\s*[/-]\s*\d{2,4}\s*$/.test(t)) return 'a year spans twelve months';
  if (/^\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\s*$/.test(t)) return 'it is not a real date read day first (UK order)';
  return 'it is not a month PlanPulse can read';
}
